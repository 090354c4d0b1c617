// The server side of Π_bas / Π_pack search: "for c = 0, 1, ...: d ← Get(γ, F(K1, c)) until ⊥".
//
// Labels are derived and looked up in batches that double from `first_batch` to
// `max_batch` (one multi_get each), so at most max_batch - 1 lookups go past the end of
// the list. With max_batch == 1 every label is one Store::Get and only the label that ends
// the walk is past the end. In the store's hash layout a lookup past the end costs as much
// as a hit, so the cap matters: doubling batches of 32 up to 4096 cost 1.05–1.44 µs per
// result against 0.42–0.64 µs one Get at a time (pibas_bench, 10^6 entries). Small capped
// batches are cheaper still, as a key of a small multi_get costs less than a lone Get:
// Π_bas uses 4 up to 8 (sse/pibas/pibas_messages.h has the numbers), Π_pack, whose
// blocks hold 64 ids, one Get per block. A store across a network, whose
// Store::PreferredLookupBatch() is above max_batch, gets larger batches: doubling from 32
// (or less) to that size. The labels past the end are ones the server can derive anyway.
#ifndef SSELAB_SSE_COMMON_COUNTER_WALK_H_
#define SSELAB_SSE_COMMON_COUNTER_WALK_H_

#include <functional>
#include <string_view>

#include "crypto/prf.h"
#include "storage/store.h"

namespace sselab::sse {

// Called with each counter and its stored value, in counter order. The value is the walk's
// own copy: a visitor may change it (decrypt it in place) or move it out.
using CounterVisitor = std::function<Status(uint64_t c, Bytes& value)>;

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
