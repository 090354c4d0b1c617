// UpdateJournal: the crash rule of the schemes that keep client state.
//
// An update batch changes the client's state (counters, seeds) and sends one message to the
// server. Commit() writes the new state and the exact message together, in one atomic
// write of the client-state store, and syncs it, before the message leaves; then it sends
// the message and erases it. After a crash anywhere in between, Recover() (run when the
// index opens, and before every operation) finds the message and sends it again. That is
// safe because:
//   - the server's writes are idempotent: an update message only puts (token, value)
//     pairs, and putting them a second time changes nothing;
//   - the counters were committed before the message left, so no later batch can derive
//     the same update token for another entry: a token is never sent for two entries.
// A batch is therefore applied completely or, until the next open, not at all as far as
// the client is concerned: its Commit() returns an error, and Recover() finishes it.
#ifndef SSELAB_SSE_COMMON_UPDATE_JOURNAL_H_
#define SSELAB_SSE_COMMON_UPDATE_JOURNAL_H_

#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "index/channel.h"
#include "storage/store.h"

namespace sselab::sse {

class UpdateJournal {
 public:
  // The client-state table holding the message of a batch not known to be applied.
  static constexpr std::string_view kTable = "journal";

  // `state` and `channel` outlive the journal. Creates kTable if needed.
  static Result<UpdateJournal> Open(storage::Store& state, index::Channel& channel);

  // Commits `state_writes` (which must not touch kTable) with `message` as the pending
  // batch, durably, then sends `message` and clears it. REQUIRES: nothing is pending
  // (call Recover() first). On error the state is either unchanged (the commit failed)
  // or committed with the message pending, for Recover() to resend.
  Status Commit(storage::WriteBatch state_writes, ByteView message);

  // Resends the pending message, if any, and clears it once the server has acknowledged.
  // kCorruption (naming the state store) if the record is unreadable.
  Status Recover();

  // Whether a message is pending (as of the last Commit or Recover of this object).
  bool pending() const { return pending_; }

 private:
  UpdateJournal(storage::Store& state, index::Channel& channel, bool pending)
      : state_(&state), channel_(&channel), pending_(pending) {}
  Status SendAndClear(ByteView message);

  storage::Store* state_;
  index::Channel* channel_;
  bool pending_;
};

}  // namespace sselab::sse

#endif  // SSELAB_SSE_COMMON_UPDATE_JOURNAL_H_
