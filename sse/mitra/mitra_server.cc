#include "sse/mitra/mitra_server.h"

#include <algorithm>
#include <string>
#include <vector>

#include "index/setup_protocol.h"
#include "sse/common/token_entries.h"

namespace sselab::sse::mitra {

Result<Bytes> MitraServer::HandleRequest(uint8_t type, ByteReader& body) {
  switch (type) {
    case kSearch:
      return Search(body);
    case kUpdate:
      // Update line 6: EDB[addr] <- val, all of the batch in one atomic write.
      SSELAB_RETURN_IF_ERROR(StoreSortedEntries(store_, kTable, {kAddrSize, kValueSize}, body));
      return Bytes{};
    default:
      return UnknownRequest(type);
  }
}

Result<Bytes> MitraServer::Search(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, body.Varint());
  if (n == 0 || n > kMaxCount) return body.Malformed("address count out of range");
  if (n > body.remaining() / kAddrSize)
    return body.Malformed("address count larger than the request");
  SSELAB_ASSIGN_OR_RETURN(ByteView addrs, body.Raw(n * kAddrSize));
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(SetupComplete());
  // Search lines 5-6: F_w <- {EDB[T_i]}, sent back as they are.
  ByteWriter out(n * kValueSize + 10);
  out.Varint(n);
  std::vector<ByteView> keys;
  for (uint64_t first = 0; first < n; first += kLookupBatch) {
    const uint64_t end = std::min<uint64_t>(n, first + kLookupBatch);
    keys.clear();
    for (uint64_t i = first; i < end; ++i) keys.push_back(addrs.subspan(i * kAddrSize, kAddrSize));
    SSELAB_ASSIGN_OR_RETURN(auto values, store_.MultiGet(kTable, keys));
    for (size_t i = 0; i < values.size(); ++i) {
      if (!values[i].has_value() || values[i]->size() != kValueSize) {
        return CorruptionError("mitra store: the entry of update " + std::to_string(first + i) +
                               " of " + std::to_string(n) +
                               (values[i].has_value() ? " has the wrong size" : " is missing"));
      }
      out.Raw(*values[i]);
    }
  }
  return out.Take();
}

}  // namespace sselab::sse::mitra
