#include "leakage/update_replay.h"

#include <set>
#include <string>

#include "index/message.h"
#include "index/setup_protocol.h"
#include "storage/memory_store.h"

namespace sselab::leakage {
namespace {

bool IsUpdate(OpKind k) { return k == OpKind::kInsert || k == OpKind::kRemove; }

// A store holding the setup's metadata and `written` only.
Result<std::unique_ptr<storage::Store>> ScratchStore(const ServerView& view,
                                                     const std::vector<StoredEntry>& written) {
  std::unique_ptr<storage::Store> store = storage::NewMemoryStore();
  auto put = [&](const StoredEntry& e) -> Status {
    if (!store->HasTable(e.table)) SSELAB_RETURN_IF_ERROR(store->CreateTable(e.table, {}));
    return store->Put(e.table, e.key, e.value);
  };
  for (const ServerOp& op : view.ops) {
    if (op.kind != OpKind::kSetup) continue;
    for (const StoredEntry& e : op.stored) {
      if (e.table == index::kMetaTable) SSELAB_RETURN_IF_ERROR(put(e));
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

std::vector<bool> ReplaySearchesOnUpdates(const ServerView& view, const index::SchemeEntry& entry,
                                          const index::Params& params) {
  std::vector<bool> found(view.ops.size(), false);
  const index::ViewFormat format = entry.view ? entry.view(params) : index::ViewFormat{};
  std::set<Bytes> kept;  // the distinct search requests served so far
  for (size_t i = 0; i < view.ops.size(); ++i) {
    const ServerOp& op = view.ops[i];
    if (op.kind == OpKind::kSearch) {
      for (const Message& m : op.messages) {
        if (!m.elided) kept.insert(m.request);
      }
      continue;
    }
    if (!IsUpdate(op.kind) || op.stored.empty() || kept.empty()) continue;
    auto store = ScratchStore(view, op.stored);
    if (!store.ok()) continue;
    for (const Bytes& request : kept) {
      if (Finds(entry, params, format, **store, request)) {
        found[i] = true;
        break;
      }
    }
  }
  return found;
}

}  // namespace sselab::leakage
