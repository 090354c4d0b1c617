// The server side of Π_bas / Π_pack search: "for c = 0, 1, ...: d ← Get(γ, F(K1, c)) until ⊥".
//
// Labels are derived and looked up in batches that double from `first_batch` to
// `max_batch` (one multi_get each): few wasted lookups for short lists, few store calls for
// long ones. At most one batch of lookups goes past the end of the list. With
// max_batch == 1 every label is one Store::Get, and the walk reads no label past the end
// but the one that ends it: the choice for a table in the store's hash layout, where a
// lookup past the end costs as much as a hit and a Get no more than a key of a batch
// (pibas_bench: a search per result 0.42–0.64 µs one by one against 1.05–1.44 µs in
// doubling batches of 32 to 4096, at 10^6 entries). A store across a network, whose
// Store::PreferredLookupBatch() is above max_batch, gets batches again: doubling from 32
// (or less) to that size. The labels past the end are ones the server can derive anyway.
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

// WalkCounterLabels appending every value to `out`, in counter order. Each value must be
// `value_size` bytes: another size is kCorruption naming `what` ("pibas entry") and the
// counter.
Result<uint64_t> CollectCounterValues(storage::Store& store, std::string_view table,
                                      const crypto::BlockPrf& f1, size_t first_batch,
                                      size_t max_batch, size_t value_size, std::string_view what,
                                      Bytes& out);

}  // namespace sselab::sse

#endif  // SSELAB_SSE_COMMON_COUNTER_WALK_H_
