// Update batches of the schemes that store one (token, value) entry per update under a
// pseudorandom token (Diana, Diana_del, Mitra): how the client orders a batch on the wire
// and how the server stores it.
//
// Wire layout of a batch: varint n (>= 1) | n × (token | value), sorted by token.
// The order matters for leakage: in the order the client made them (grouped by keyword)
// the entries would show which of them share a keyword before any search, and the order
// of two keywords once both are searched. Sorted by token, the order is pseudorandom.
#ifndef SSELAB_SSE_COMMON_TOKEN_ENTRIES_H_
#define SSELAB_SSE_COMMON_TOKEN_ENTRIES_H_

#include <cstddef>
#include <string_view>

#include "base/bytes.h"
#include "base/codec.h"
#include "base/result.h"
#include "storage/store.h"

namespace sselab::sse {

struct EntryShape {
  size_t token_size;
  size_t value_size;
  size_t entry_size() const { return token_size + value_size; }
};

// Appends varint n and the n entries of `entries` (concatenated, in any order) to
// `message`, sorted by token. REQUIRES: entries.size() is a multiple of the entry size.
void AppendSortedEntries(ByteView entries, EntryShape shape, ByteWriter& message);

// Server: reads a batch from `body` (to its end) and puts every entry into `table`, all of
// them in one atomic write. Putting an entry again (a batch resent after a crash) changes
// nothing. A batch of at least `ingest_threshold` entries is written as one sorted file
// (RocksStore: an SST ingested whole), bypassing the memtable. kInvalidArgument for a
// malformed batch; kFailedPrecondition before the setup completed.
Status StoreSortedEntries(storage::Store& store, std::string_view table, EntryShape shape,
                          ByteReader& body, size_t ingest_threshold = 8192);

}  // namespace sselab::sse

#endif  // SSELAB_SSE_COMMON_TOKEN_ENTRIES_H_
