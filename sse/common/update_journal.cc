#include "sse/common/update_journal.h"

#include <optional>

namespace sselab::sse {
namespace {

constexpr std::string_view kPendingKey = "batch";

}  // namespace

Result<UpdateJournal> UpdateJournal::Open(storage::Store& state, index::Channel& channel) {
  SSELAB_RETURN_IF_ERROR(state.CreateTable(kTable, {}));
  SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> pending, state.Get(kTable, AsBytes(kPendingKey)));
  return UpdateJournal(state, channel, pending.has_value());
}

Status UpdateJournal::SendAndClear(ByteView message) {
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_->Call(message));
  (void)reply;  // an update's acknowledgement carries nothing
  // Not synced: if this erase is lost, the next open resends a batch already applied,
  // which changes nothing on the server.
  SSELAB_RETURN_IF_ERROR(state_->Erase(kTable, AsBytes(kPendingKey)));
  pending_ = false;
  return OkStatus();
}

Status UpdateJournal::Commit(storage::WriteBatch state_writes, ByteView message) {
  state_writes.Put(kTable, AsBytes(kPendingKey), message);
  SSELAB_RETURN_IF_ERROR(state_->Write(state_writes));
  pending_ = true;
  // Durable before the message leaves: a crash of the machine must not roll the
  // counters back behind tokens the server already holds.
  SSELAB_RETURN_IF_ERROR(state_->Sync());
  return SendAndClear(message);
}

Status UpdateJournal::Recover() {
  SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> pending, state_->Get(kTable, AsBytes(kPendingKey)));
  if (!pending.has_value()) {
    pending_ = false;
    return OkStatus();
  }
  pending_ = true;
  return SendAndClear(*pending);
}

}  // namespace sselab::sse
