#include "sse/diana/diana_server.h"

#include <algorithm>

#include "index/setup_protocol.h"
#include "sse/common/token_entries.h"
#include "sse/diana/diana_instance.h"

namespace sselab::sse::diana {

Result<Bytes> DianaServer::HandleRequest(uint8_t type, ByteReader& body) {
  switch (type) {
    case kSearch:
      return Search(body);
    case kUpdate:
      return Update(body);
    default:
      return UnknownRequest(type);
  }
}

Result<Bytes> DianaServer::Update(ByteReader& body) {
  // EDB[UT_c] <- e, all of the batch in one atomic write.
  SSELAB_RETURN_IF_ERROR(
      StoreSortedEntries(store_, kTable, {kTokenSize, kValueSize}, body, kIngestThreshold));
  return Bytes{};
}

Result<Bytes> DianaServer::Search(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(ConstrainedKey key, ReadConstrainedKey(body, 1));
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(SetupComplete());
  // Search line 9: ind <- e XOR H_2(K'_w, T_i), for every entry the key opens.
  ByteWriter out(key.count * kValueSize + 10);
  out.Varint(key.count);
  uint8_t id[kValueSize];
  SSELAB_RETURN_IF_ERROR(WalkEntries(store_, kTable, key, kValueSize,
                                     [&](uint64_t, ByteView value, const LeafTokens& t) {
                                       StoreBe64(LoadBe64(value.data()) ^ t.mask, id);
                                       out.Raw(ByteView(id, kValueSize));
                                     }));
  return out.Take();
}

}  // namespace sselab::sse::diana
