// The update batch of the counter-based dynamic schemes (Diana, Diana_del, Mitra): each
// (w, id) pair of the batch becomes one entry derived from w's next counter, the new
// counters and the one message carrying every entry are committed together through the
// journal (the crash rule, update_journal.h), and the entries go in token order
// (token_entries.h).
#ifndef SSELAB_SSE_COMMON_COUNTER_BATCH_H_
#define SSELAB_SSE_COMMON_COUNTER_BATCH_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

#include "base/codec.h"
#include "base/result.h"
#include "index/channel.h"
#include "index/client.h"
#include "index/document.h"
#include "index/setup_protocol.h"
#include "sse/common/keyword_counters.h"
#include "sse/common/token_entries.h"
#include "sse/common/update_journal.h"

namespace sselab::sse {

// Appends the entries of `ids` (one keyword's pairs of the batch) at counters first,
// first + 1, ... to `out`, each EntryShape::entry_size() bytes. An error stops the batch.
using AppendEntriesFn = std::function<Status(std::string_view keyword, uint64_t first,
                                             std::span<const index::DocId> ids, ByteWriter& out)>;

struct CounterBatchSpec {
  uint8_t request_type;  // the scheme's update request
  EntryShape shape;
  uint64_t max_count;     // updates per keyword the scheme's tokens allow
  std::string_view what;  // for errors, e.g. "Diana"
};

// Stages counters + |ids| for every keyword of `docs`, builds the message, and commits it
// with `journal`. Nothing is sent for a batch of no pairs. kInvalidArgument, with nothing
// changed, if a keyword would pass max_count. REQUIRES: nothing pending in `journal`.
Status SendCounterBatch(KeywordCounters& counters, UpdateJournal& journal,
                        std::span<const index::Document> docs, const CounterBatchSpec& spec,
                        const AppendEntriesFn& append);

// Build: every posting list of `corpus` becomes |DB(w)| additions of w with counters
// 0 .. |DB(w)| - 1 (their entries made by `append`), uploaded to `table` through the setup
// protocol; the counts go to `counters` in the client state, synced at the end.
// kInvalidArgument for a posting list longer than spec.max_count.
Result<index::BuildStats> BuildCounterIndex(index::Channel& channel, std::string_view table,
                                            KeywordCounters& counters, storage::Store& state,
                                            index::DocumentSource& corpus,
                                            const index::ProgressFn& progress,
                                            const CounterBatchSpec& spec,
                                            const AppendEntriesFn& append);

}  // namespace sselab::sse

#endif  // SSELAB_SSE_COMMON_COUNTER_BATCH_H_
