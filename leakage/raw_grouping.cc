#include "leakage/raw_grouping.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <unordered_map>

#include "base/union_find.h"
#include "index/setup_protocol.h"

namespace sselab::leakage {
namespace {

size_t CommonPrefix(ByteView a, ByteView b) {
  size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

}  // namespace

size_t PrefixThreshold(size_t n) {
  // P(some pair of n keys shares t bytes) <= n^2/2 * 256^-t <= 2^-20
  //   <=>  t >= (2 log2 n - 1 + 20) / 8.
  double bits = 2.0 * std::log2(std::max<double>(static_cast<double>(n), 2.0)) - 1.0 + 20.0;
  return static_cast<size_t>(std::ceil(bits / 8.0));
}

RawGrouping GroupRaw(std::span<const StoredEntry* const> entries) {
  RawGrouping out;
  UnionFind uf(entries.size());
  auto hash = [](ByteView b) { return std::hash<std::string_view>{}(AsChars(b)); };
  std::map<std::string_view, std::vector<size_t>, std::less<>> by_table;
  // Hash -> first entry with it; a hit is confirmed byte for byte before joining.
  std::unordered_multimap<size_t, size_t> by_key;
  for (size_t i = 0; i < entries.size(); ++i) {
    const StoredEntry& e = *entries[i];
    if (e.table == index::kMetaTable) continue;
    by_table[e.table].push_back(i);
    size_t h = hash(e.key);
    auto [lo, hi] = by_key.equal_range(h);
    bool seen = false;
    for (auto it = lo; it != hi && !seen; ++it) {
      const StoredEntry& other = *entries[it->second];
      if (other.key != e.key) continue;  // a hash collision
      seen = true;
      uf.Join(i, it->second);  // one location stored again, or a key shared by two tables
      if (other.table != e.table) ++out.equal_keys;
    }
    if (!seen) by_key.emplace(h, i);
  }
  for (auto& [table, members] : by_table) {
    std::unordered_multimap<size_t, size_t> by_value;
    for (size_t i : members) {
      const Bytes& v = entries[i]->value;
      if (v.empty()) continue;
      size_t h = hash(v);
      auto [lo, hi] = by_value.equal_range(h);
      bool joined = false;
      for (auto it = lo; it != hi && !joined; ++it) {
        if (entries[it->second]->value == v) {
          uf.Join(i, it->second);
          ++out.equal_values;
          joined = true;
        }
      }
      if (!joined) by_value.emplace(h, i);
    }
    // Sorted keys: a long common prefix shows up between neighbours.
    std::sort(members.begin(), members.end(),
              [&](size_t a, size_t b) { return entries[a]->key < entries[b]->key; });
    const size_t threshold = PrefixThreshold(members.size());
    for (size_t k = 1; k < members.size(); ++k) {
      const Bytes& a = entries[members[k - 1]]->key;
      const Bytes& b = entries[members[k]]->key;
      if (a == b) continue;  // one location, stored again: joined above
      if (CommonPrefix(a, b) >= threshold) {
        uf.Join(members[k - 1], members[k]);
        ++out.shared_prefixes;
      }
    }
  }
  out.label.resize(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) out.label[i] = static_cast<uint32_t>(uf.Find(i));
  return out;
}

RawGrouping GroupRaw(std::span<const StoredEntry> entries) {
  std::vector<const StoredEntry*> pointers;
  pointers.reserve(entries.size());
  for (const StoredEntry& e : entries) pointers.push_back(&e);
  return GroupRaw(pointers);
}

}  // namespace sselab::leakage
