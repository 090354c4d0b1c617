#include "leakage/update_replay.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "index/message.h"
#include "index/setup_protocol.h"
#include "storage/memory_store.h"

namespace sselab::leakage {
namespace {

bool IsUpdate(OpKind k) {
  return k == OpKind::kInsert || k == OpKind::kRemove || k == OpKind::kUpdate;
}

// A store holding the setup's metadata and `written` only, with every table the setup
// left (empty but for those entries): a server that scans a table of its own (plaintext
// scans its postings before its updates) must find it there.
Result<std::unique_ptr<storage::Store>> ScratchStore(const ServerView& view,
                                                     const std::vector<StoredEntry>& written) {
  std::unique_ptr<storage::Store> store = storage::NewMemoryStore();
  auto table = [&](const std::string& name) -> Status {
    if (store->HasTable(name)) return OkStatus();
    return store->CreateTable(name, {});
  };
  auto put = [&](const StoredEntry& e) -> Status {
    SSELAB_RETURN_IF_ERROR(table(e.table));
    return store->Put(e.table, e.key, e.value);
  };
  for (const ServerOp& op : view.ops) {
    if (op.kind != OpKind::kSetup) continue;
    for (const StoredEntry& e : op.stored) {
      SSELAB_RETURN_IF_ERROR(e.table == index::kMetaTable ? put(e) : table(e.table));
    }
  }
  for (const StoredEntry& e : written) SSELAB_RETURN_IF_ERROR(put(e));
  return store;
}

// Whether `request`, served over `store`, hands back at least one result item.
bool Finds(const index::SchemeEntry& entry, const index::Params& params,
           const index::ViewFormat& format, storage::Store& store, ByteView request) {
  auto server = entry.new_server({params, store});
  if (!server.ok()) return false;
  auto body = (*server)->Handle(request);
  if (!body.ok()) return false;
  if (!format.result_items) return !body->empty();
  auto items = format.result_items(*body);
  return items.ok() && !items->empty();
}

}  // namespace

std::vector<std::vector<size_t>> ReplayMatrix(const ServerView& view,
                                              const index::SchemeEntry& entry,
                                              const index::Params& params) {
  const index::ViewFormat format = entry.view ? entry.view(params) : index::ViewFormat{};
  std::vector<std::vector<size_t>> found(view.ops.size());
  std::map<Bytes, std::vector<size_t>> kept;  // distinct request -> the searches sending it
  for (size_t i = 0; i < view.ops.size(); ++i) {
    const ServerOp& op = view.ops[i];
    if (op.kind == OpKind::kSearch) {
      for (const Message& m : op.messages) {
        if (m.elided) continue;
        std::vector<size_t>& by = kept[m.request];
        if (by.empty() || by.back() != i) by.push_back(i);
      }
      continue;
    }
    if (!IsUpdate(op.kind) || op.stored.empty() || kept.empty()) continue;
    auto store = ScratchStore(view, op.stored);
    if (!store.ok()) continue;
    std::set<size_t> hits;  // searches found so far: their other requests need no replay
    for (const auto& [request, searches] : kept) {
      const bool known = std::all_of(searches.begin(), searches.end(),
                                     [&](size_t s) { return hits.count(s) > 0; });
      if (known || !Finds(entry, params, format, **store, request)) continue;
      hits.insert(searches.begin(), searches.end());
    }
    found[i].assign(hits.begin(), hits.end());
  }
  return found;
}

}  // namespace sselab::leakage
