#include "leakage/update_replay.h"

#include <algorithm>
#include <functional>
#include <map>
#include <string>

#include "index/message.h"
#include "index/setup_protocol.h"
#include "storage/memory_store.h"

namespace sselab::leakage {
namespace {

bool IsUpdate(OpKind k) { return k == OpKind::kInsert || k == OpKind::kRemove; }

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

// Replays on each update the distinct search requests served before it. For each one
// that finds something, `found(i, searches)` receives the update and the search
// operations that sent that request (ascending); it returns whether to go on replaying
// on update i.
void ReplayEach(const ServerView& view, const index::SchemeEntry& entry,
                const index::Params& params,
                const std::function<bool(size_t, const std::vector<size_t>&)>& found) {
  const index::ViewFormat format = entry.view ? entry.view(params) : index::ViewFormat{};
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
    for (const auto& [request, searches] : kept) {
      if (Finds(entry, params, format, **store, request) && !found(i, searches)) break;
    }
  }
}

}  // namespace

std::vector<bool> ReplaySearchesOnUpdates(const ServerView& view, const index::SchemeEntry& entry,
                                          const index::Params& params) {
  std::vector<bool> found(view.ops.size(), false);
  ReplayEach(view, entry, params, [&](size_t i, const std::vector<size_t>&) {
    found[i] = true;
    return false;  // one is enough
  });
  return found;
}

std::vector<std::vector<size_t>> ReplayMatrix(const ServerView& view,
                                              const index::SchemeEntry& entry,
                                              const index::Params& params) {
  std::vector<std::vector<size_t>> found(view.ops.size());
  ReplayEach(view, entry, params, [&](size_t i, const std::vector<size_t>& searches) {
    found[i].insert(found[i].end(), searches.begin(), searches.end());
    return true;
  });
  for (std::vector<size_t>& f : found) {
    std::sort(f.begin(), f.end());
    f.erase(std::unique(f.begin(), f.end()), f.end());
  }
  return found;
}

}  // namespace sselab::leakage
