#include "leakage/server_recorder.h"

#include <algorithm>
#include <tuple>

#include "index/setup_protocol.h"
#include "leakage/store_readback.h"

namespace sselab::leakage {

using index::Purpose;

OpKind OpKindOf(uint32_t purposes) {
  auto has = [&](Purpose p) { return (purposes & PurposeBit(p)) != 0; };
  if (has(Purpose::kSetup)) return OpKind::kSetup;
  const bool add = has(Purpose::kAdd);
  const bool remove = has(Purpose::kRemove);
  const bool either = has(Purpose::kUpdate);
  if (add || remove || either) {
    if (add && !remove && !either) return OpKind::kInsert;
    if (remove && !add && !either) return OpKind::kRemove;
    return OpKind::kUpdate;
  }
  if (has(Purpose::kUnknown)) return OpKind::kUnknown;
  return OpKind::kSearch;
}

ServerRecorder::ServerRecorder(storage::Store& inner, std::string scheme,
                               std::vector<std::string> params)
    : inner_(inner), recording_(inner) {
  view_.scheme = std::move(scheme);
  view_.params = std::move(params);
}

Result<std::unique_ptr<ServerRecorder>> ServerRecorder::Create(storage::Store& inner,
                                                               std::string scheme,
                                                               std::vector<std::string> params) {
  std::unique_ptr<ServerRecorder> r(
      new ServerRecorder(inner, std::move(scheme), std::move(params)));
  if (index::CheckSetupComplete(inner).ok()) {
    ServerOp setup{.kind = OpKind::kSetup};
    SSELAB_ASSIGN_OR_RETURN(setup.stored, ReadAllEntries(inner));
    r->view_.ops.push_back(std::move(setup));
    r->setup_read_ = true;
  }
  return r;
}

Status ServerRecorder::Record(uint64_t operation, Purpose purpose, ByteView request,
                              ByteView reply) {
  Open fresh{.position = view_.ops.size()};
  Open& op = operation == 0 ? fresh : operations_.try_emplace(operation, fresh).first->second;
  if (op.position == view_.ops.size()) view_.ops.emplace_back();
  ServerOp& out = view_.ops[op.position];
  op.purposes |= PurposeBit(purpose);
  out.kind = OpKindOf(op.purposes);

  Message m{.request_size = request.size(), .reply_size = reply.size()};
  if (purpose == Purpose::kSetup) {
    m.elided = true;
  } else {
    m.request = ToBytes(request);
    m.reply = ToBytes(reply);
  }
  out.messages.push_back(std::move(m));
  std::vector<storage::StoreAccess> accesses = recording_.TakeAccesses();
  out.accesses.insert(out.accesses.end(), accesses.begin(), accesses.end());

  if (purpose == Purpose::kSetup) {
    // The upload's entries are read once, all of them, when its commit lands.
    if (setup_read_ || !index::CheckSetupComplete(inner_).ok()) return OkStatus();
    setup_read_ = true;
    auto all = ReadAllEntries(inner_);
    if (!all.ok()) return all.error().WithContext("server recorder: reading the index at rest");
    out.stored = std::move(all).value();
    return OkStatus();
  }
  Status read = ReadBack(accesses, out.stored);
  if (!read.ok()) return read.error().WithContext("server recorder: reading the store back");
  return OkStatus();
}

Status ServerRecorder::ReadBack(std::span<const storage::StoreAccess> accesses,
                                std::vector<StoredEntry>& stored) {
  auto before = [](const StoredEntry& e, const std::pair<std::string, Bytes>& key) {
    return std::tie(e.table, e.key) < std::tie(key.first, key.second);
  };
  for (const auto& key : WrittenKeys(accesses)) {
    SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> value, inner_.Get(key.first, key.second));
    auto at = std::lower_bound(stored.begin(), stored.end(), key, before);
    const bool held = at != stored.end() && at->table == key.first && at->key == key.second;
    if (!value.has_value()) {
      if (held) stored.erase(at);  // erased: not at rest
    } else if (held) {
      at->value = std::move(*value);
    } else {
      stored.insert(at, {.table = key.first, .key = key.second, .value = std::move(*value)});
    }
  }
  return OkStatus();
}

}  // namespace sselab::leakage
