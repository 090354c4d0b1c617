#include "leakage/backward_replay.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "storage/memory_store.h"

namespace sselab::leakage {
namespace {

bool Intersects(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i == *j) return true;
    if (*i < *j) {
      ++i;
    } else {
      ++j;
    }
  }
  return false;
}

Status Put(storage::Store& store, const StoredEntry& e, ByteView value) {
  if (!store.HasTable(e.table)) SSELAB_RETURN_IF_ERROR(store.CreateTable(e.table, {}));
  return store.Put(e.table, e.key, value);
}

// The result items `requests` get back from a fresh server over `store`, or nullopt if
// any of them fails.
std::optional<size_t> ItemsOf(const index::SchemeEntry& entry, const index::Params& params,
                              const index::ViewFormat& format, storage::Store& store,
                              const std::vector<const Bytes*>& requests) {
  auto server = entry.new_server({params, store});
  if (!server.ok()) return std::nullopt;
  size_t items = 0;
  for (const Bytes* request : requests) {
    auto body = (*server)->Handle(*request);
    if (!body.ok()) return std::nullopt;
    if (!format.result_items) {
      items += body->empty() ? 0 : 1;
      continue;
    }
    auto parsed = format.result_items(*body);
    if (!parsed.ok()) return std::nullopt;
    items += parsed->size();
  }
  return items;
}

}  // namespace

std::vector<std::vector<size_t>> ReplayCancellations(const ServerView& view,
                                                     const index::SchemeEntry& entry,
                                                     const index::Params& params,
                                                     const Observations& obs) {
  std::vector<std::vector<size_t>> cancels(view.ops.size());
  std::vector<size_t> removals;
  for (size_t i = 0; i < view.ops.size(); ++i) {
    if (view.ops[i].kind == OpKind::kRemove && !view.ops[i].stored.empty()) removals.push_back(i);
  }
  if (removals.empty()) return cancels;
  const index::ViewFormat format = entry.view ? entry.view(params) : index::ViewFormat{};
  // The store as it stands before operation i (entries put; erasures are not replayed).
  std::unique_ptr<storage::Store> store = storage::NewMemoryStore();
  for (size_t i = 0; i < view.ops.size(); ++i) {
    const ServerOp& op = view.ops[i];
    if (op.kind == OpKind::kSearch && removals.front() < i) {
      std::vector<const Bytes*> requests;
      for (const Message& m : op.messages) {
        if (!m.elided) requests.push_back(&m.request);
      }
      const std::optional<size_t> baseline =
          requests.empty() ? std::nullopt : ItemsOf(entry, params, format, *store, requests);
      for (size_t r : removals) {
        if (!baseline.has_value() || r >= i) break;
        if (!Intersects(obs.ops[i].read, obs.ops[r].written)) continue;
        // Scramble what R wrote, as the store holds it now; replay; restore.
        std::vector<std::pair<const StoredEntry*, Bytes>> saved;
        bool ok = true;
        for (const StoredEntry& e : view.ops[r].stored) {
          auto current = store->Get(e.table, e.key);
          if (!current.ok() || !current->has_value()) continue;
          Bytes flipped = **current;
          for (uint8_t& b : flipped) b = static_cast<uint8_t>(~b);
          ok = ok && Put(*store, e, flipped).ok();
          saved.emplace_back(&e, std::move(**current));
        }
        const std::optional<size_t> scrambled =
            ok ? ItemsOf(entry, params, format, *store, requests) : std::nullopt;
        for (const auto& [e, value] : saved) (void)Put(*store, *e, value);
        if (scrambled.has_value() && *scrambled > *baseline) cancels[i].push_back(r);
      }
    }
    for (const StoredEntry& e : op.stored) (void)Put(*store, e, e.value);
  }
  return cancels;
}

}  // namespace sselab::leakage
