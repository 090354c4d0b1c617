#include "leakage/at_rest_links.h"

#include <map>
#include <string>
#include <vector>

#include "base/union_find.h"
#include "index/setup_protocol.h"

namespace sselab::leakage {

LabLinks LinkAtRest(const ServerView& view, index::Family family) {
  LabLinks out;
  std::vector<StoredEntry> all;
  for (const ServerOp& op : view.ops) all.insert(all.end(), op.stored.begin(), op.stored.end());
  out.entries = all.size();
  out.raw = GroupRaw(all);
  std::map<uint32_t, uint64_t> raw_sizes;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].table != index::kMetaTable) ++raw_sizes[out.raw.label[i]];
  }
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].table != index::kMetaTable && raw_sizes[out.raw.label[i]] > 1) {
      ++out.raw_grouped_entries;
    }
  }
  UnionFind uf(all.size());
  std::map<std::string, size_t> first;  // an entry rewritten later is one entry
  for (size_t i = 0; i < all.size(); ++i) {
    auto [it, fresh] = first.try_emplace(EntryName(all[i].table, all[i].key), i);
    if (!fresh) uf.Join(i, it->second);
  }
  if (family == index::Family::kPeks) {
    std::vector<ByteView> values;
    std::vector<size_t> index;  // values[k] is all[index[k]]
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].table == index::kMetaTable) continue;
      values.emplace_back(all[i].value);
      index.push_back(i);
    }
    std::vector<ByteView> keys;
    for (const index::PublicKey& k : view.public_keys) keys.emplace_back(k.encoding);
    out.tags = attacks::LinkTags(values, keys);
    out.tags_attacked = true;
    for (size_t k = 0; k < values.size(); ++k) uf.Join(index[k], index[out.tags.label[k]]);
  }
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].table == index::kMetaTable) continue;
    out.links.label[EntryName(all[i].table, all[i].key)] = static_cast<uint32_t>(uf.Find(i));
  }
  return out;
}

}  // namespace sselab::leakage
