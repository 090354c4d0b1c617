#include "sse/common/token_entries.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "index/setup_protocol.h"

namespace sselab::sse {
namespace {

// Pointers to the entries of `entries`, in token order.
std::vector<const uint8_t*> TokenOrder(ByteView entries, EntryShape shape) {
  const size_t n = entries.size() / shape.entry_size();
  std::vector<const uint8_t*> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = entries.data() + i * shape.entry_size();
  std::sort(order.begin(), order.end(), [&](const uint8_t* a, const uint8_t* b) {
    return std::memcmp(a, b, shape.token_size) < 0;
  });
  return order;
}

}  // namespace

void AppendSortedEntries(ByteView entries, EntryShape shape, ByteWriter& message) {
  const std::vector<const uint8_t*> order = TokenOrder(entries, shape);
  message.Varint(order.size());
  for (const uint8_t* e : order) message.Raw(ByteView(e, shape.entry_size()));
}

Status StoreSortedEntries(storage::Store& store, std::string_view table, EntryShape shape,
                          ByteReader& body, size_t ingest_threshold) {
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, body.Varint());
  if (n == 0) return body.Malformed("an update of no entries");
  if (n > body.remaining() / shape.entry_size()) {
    return body.Malformed("entry count larger than the request");
  }
  SSELAB_ASSIGN_OR_RETURN(ByteView entries, body.Raw(n * shape.entry_size()));
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(index::CheckSetupComplete(store));
  // Sorted again: a client's order is not trusted, and RocksDB's memtable inserts the
  // ascending keys of one batch at a fraction of the cost of random ones (its skip list
  // reuses the last insertion point).
  const std::vector<const uint8_t*> order = TokenOrder(entries, shape);
  const size_t t = shape.token_size;
  const size_t v = shape.value_size;
  if (n >= ingest_threshold) {
    std::vector<storage::Entry> sorted;
    sorted.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      // Equal tokens in one batch (a resent duplicate) keep one entry.
      if (i > 0 && std::memcmp(order[i - 1], order[i], t) == 0) continue;
      sorted.push_back({Bytes(order[i], order[i] + t), Bytes(order[i] + t, order[i] + t + v)});
    }
    return storage::BulkLoadSorted(store, table, sorted);
  }
  storage::WriteBatch batch;
  for (const uint8_t* p : order) batch.Put(table, ByteView(p, t), ByteView(p + t, v));
  return store.Write(batch);
}

}  // namespace sselab::sse
