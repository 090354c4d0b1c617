// The server side of Π_bas / Π_pack search: "for c = 0, 1, ...: d ← Get(γ, F(K1, c)) until ⊥".
//
// Labels are derived and looked up in batches that double from `first_batch` to
// `max_batch` (one multi_get each): few wasted lookups for short lists, few store calls for
// long ones. At most one batch of lookups goes past the end of the list.
#ifndef SSELAB_SSE_COMMON_COUNTER_WALK_H_
#define SSELAB_SSE_COMMON_COUNTER_WALK_H_

#include <functional>
#include <string_view>

#include "crypto/prf.h"
#include "storage/store.h"

namespace sselab::sse {

// Called with each counter and its stored value, in counter order.
using CounterVisitor = std::function<Status(uint64_t c, const Bytes& value)>;

// Returns the number of counters found. Errors of the store or of `visit` stop the walk.
Result<uint64_t> WalkCounterLabels(storage::Store& store, std::string_view table,
                                   const crypto::BlockPrf& f1, size_t first_batch, size_t max_batch,
                                   const CounterVisitor& visit);

}  // namespace sselab::sse

#endif  // SSELAB_SSE_COMMON_COUNTER_WALK_H_
