#include "leakage/observation.h"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>

#include "base/union_find.h"
#include "index/message.h"
#include "index/setup_protocol.h"

namespace sselab::leakage {
namespace {

using Op = storage::StoreAccess::Op;

class Interner {
 public:
  uint32_t Id(std::string s) {
    auto [it, fresh] = ids_.try_emplace(std::move(s), static_cast<uint32_t>(ids_.size()));
    return it->second;
  }
  uint32_t size() const { return static_cast<uint32_t>(ids_.size()); }

 private:
  std::unordered_map<std::string, uint32_t> ids_;
};

void SortUnique(std::vector<uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

bool IsRead(Op op) { return op == Op::kGet || op == Op::kMultiGet || op == Op::kScan; }
bool IsWrite(Op op) {
  return op == Op::kPut || op == Op::kErase || op == Op::kBatchPut || op == Op::kBatchErase ||
         op == Op::kBulkLoad;
}

constexpr size_t kMinBoxItem = 16;

// Stored entries by the prefix and the suffix of their value of one length, built on
// first use per length: which entry a returned item came out of.
class ValueEnds {
 public:
  explicit ValueEnds(const ServerView& view) : view_(view) {}
  const std::vector<const StoredEntry*>* Find(const std::string& item) {
    auto [it, fresh] = by_size_.try_emplace(item.size());
    if (fresh) {
      for (const ServerOp& op : view_.ops) {
        for (const StoredEntry& e : op.stored) {
          if (e.table == index::kMetaTable || e.value.size() < item.size()) continue;
          ByteView v(e.value);
          it->second[ToString(v.first(item.size()))].push_back(&e);
          if (v.size() > item.size()) it->second[ToString(v.last(item.size()))].push_back(&e);
        }
      }
    }
    auto found = it->second.find(item);
    return found == it->second.end() ? nullptr : &found->second;
  }

 private:
  const ServerView& view_;
  std::map<size_t, std::unordered_map<std::string, std::vector<const StoredEntry*>>> by_size_;
};

}  // namespace

std::string EntryName(std::string_view table, ByteView key) {
  std::string s(table);
  s.push_back('\0');
  s.append(AsChars(key));
  return s;
}

Result<Observations> Observe(const ServerView& view, const index::ViewFormat& format,
                             const AtRestLinks& links) {
  Observations out;
  Interner entries, items, requests, groups;
  UnionFind merged;  // over group ids: the scheme's groups joined by the lab's links
  ValueEnds ends(view);
  auto group_of = [&](std::string_view table, ByteView key) {
    Bytes g = format.at_rest_group ? format.at_rest_group(table, key) : ToBytes(key);
    // A group may span tables (plaintext: both tables).
    uint32_t id = groups.Id("s" + ToString(g));
    auto lab = links.label.find(EntryName(table, key));
    if (lab != links.label.end()) {
      uint32_t linked = groups.Id("l" + std::to_string(lab->second));
      merged.Reserve(groups.size());
      merged.Join(id, linked);
    }
    merged.Reserve(groups.size());
    return id;
  };
  for (size_t i = 0; i < view.ops.size(); ++i) {
    const ServerOp& op = view.ops[i];
    Observation o;
    o.kind = op.kind;
    std::string request;
    std::vector<std::string> op_items;
    for (const Message& m : op.messages) {
      o.request_bytes += m.request_size;
      o.reply_bytes += m.reply_size;
      ++o.rounds;
      if (m.elided) continue;
      request.append(AsChars(m.request));
      auto body = index::DecodeReply(m.reply);
      if (!body.ok()) {
        o.failed = true;
        continue;
      }
      if (op.kind != OpKind::kSearch) continue;
      if (!format.result_items) {
        o.items.push_back(items.Id(ToString(*body)));
        ++o.volume;
        continue;
      }
      auto parsed = format.result_items(*body);
      if (!parsed.ok()) {
        return parsed.error().WithContext("operation " + std::to_string(i) + " (search)");
      }
      for (const Bytes& item : *parsed) {
        o.items.push_back(items.Id(ToString(item)));
        if (item.size() >= kMinBoxItem) op_items.push_back(ToString(item));
      }
      o.volume += parsed->size();
    }
    o.request = requests.Id(std::move(request));
    bool setup = op.kind == OpKind::kSetup;
    // A scan with an empty prefix visits the whole table whatever the query (a linear
    // scheme testing every entry): its visits tell queries nothing apart, so they are not
    // counted as reads.
    std::string whole_table;
    for (const storage::StoreAccess& a : op.accesses) {
      // The index layer's own table (scheme name, parameters, setup flag) is the same
      // for every scheme and is read by every operation: it tells nothing apart.
      if (a.table == index::kMetaTable) continue;
      bool scan_prefix = a.op == Op::kScan && !a.found && a.value_size == 0;
      if (a.op != Op::kScan || scan_prefix) whole_table.clear();
      if (scan_prefix && a.key.empty()) {
        whole_table = a.table;
        continue;
      }
      if (a.op == Op::kScan && !whole_table.empty() && a.table == whole_table) continue;
      if (scan_prefix) {
        o.scanned.push_back(entries.Id(EntryName(a.table, a.key)));
        continue;
      }
      uint32_t id = entries.Id(EntryName(a.table, a.key));
      if (IsRead(a.op)) {
        o.read.push_back(id);
        if (a.found) o.groups.push_back(group_of(a.table, a.key));
      } else if (IsWrite(a.op)) {
        o.written.push_back(id);
        if (!setup) o.groups.push_back(group_of(a.table, a.key));
      }
      if (setup && IsWrite(a.op) && a.op != Op::kErase && a.op != Op::kBatchErase) {
        AtRest& r = out.at_rest;
        ++r.entries;
        r.key_bytes += a.key.size();
        r.value_bytes += a.value_size;
        ++r.value_sizes[a.value_size];
        r.table_value_sizes[a.table].insert(a.value_size);
        ++r.groups[group_of(a.table, a.key)];
      }
    }
    // Items handed back out of stored values: the server knows which entries matched.
    for (const std::string& item : op_items) {
      const std::vector<const StoredEntry*>* from = ends.Find(item);
      if (from == nullptr) continue;
      for (const StoredEntry* e : *from) {
        o.read.push_back(entries.Id(EntryName(e->table, e->key)));
        o.groups.push_back(group_of(e->table, e->key));
      }
    }
    SortUnique(o.read);
    SortUnique(o.scanned);
    SortUnique(o.written);
    SortUnique(o.items);
    SortUnique(o.groups);
    out.ops.push_back(std::move(o));
  }
  // Groups as merged by the lab's links.
  for (Observation& o : out.ops) {
    for (uint32_t& g : o.groups) g = static_cast<uint32_t>(merged.Find(g));
    SortUnique(o.groups);
  }
  std::map<uint32_t, uint64_t> by_root;
  for (const auto& [g, n] : out.at_rest.groups) by_root[static_cast<uint32_t>(merged.Find(g))] += n;
  out.at_rest.groups = std::move(by_root);
  out.distinct_entries = entries.size();
  out.distinct_items = items.size();
  return out;
}

}  // namespace sselab::leakage
