#include "leakage/at_rest_links.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/union_find.h"
#include "index/setup_protocol.h"

namespace sselab::leakage {

LabLinks LinkAtRest(const ServerView& view, index::Family family) {
  LabLinks out;
  std::vector<const StoredEntry*> all;  // every stored entry of every operation, in order
  for (const ServerOp& op : view.ops) {
    for (const StoredEntry& e : op.stored) all.push_back(&e);
  }
  out.raw = GroupRaw(all);
  // Locations (table and key) per raw group: an entry stored again (an ORAM bucket
  // rewritten) is one location, not a group.
  std::set<std::pair<uint32_t, std::string>> locations;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i]->table == index::kMetaTable) continue;
    locations.emplace(out.raw.label[i], EntryName(all[i]->table, all[i]->key));
  }
  std::map<uint32_t, uint64_t> raw_size;
  for (const auto& [label, name] : locations) ++raw_size[label];
  for (const auto& [label, name] : locations) {
    if (raw_size[label] > 1) ++out.raw_grouped_entries;
  }
  if (family != index::Family::kPeks) return out;

  std::vector<ByteView> values;
  std::vector<size_t> at;  // values[k] is *all[at[k]]
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i]->table == index::kMetaTable) continue;
    values.emplace_back(all[i]->value);
    at.push_back(i);
  }
  std::vector<ByteView> keys;
  for (const index::PublicKey& k : view.public_keys) keys.emplace_back(k.encoding);
  out.tags = attacks::LinkTags(values, keys);
  out.tags_attacked = true;
  UnionFind uf(all.size());
  for (size_t k = 0; k < values.size(); ++k) uf.Join(at[k], at[out.tags.label[k]]);
  std::map<std::string, size_t> first;  // an entry rewritten later is one entry
  for (size_t i = 0; i < all.size(); ++i) {
    auto [it, fresh] = first.try_emplace(EntryName(all[i]->table, all[i]->key), i);
    if (!fresh) uf.Join(i, it->second);
  }
  std::vector<uint32_t> size(all.size(), 0);
  for (size_t i = 0; i < all.size(); ++i) ++size[uf.Find(i)];
  for (size_t i = 0; i < all.size(); ++i) {
    const size_t root = uf.Find(i);
    if (all[i]->table == index::kMetaTable || size[root] < 2) continue;  // alone: no label
    out.links.label[EntryName(all[i]->table, all[i]->key)] = static_cast<uint32_t>(root);
  }
  return out;
}

}  // namespace sselab::leakage
