#include "sse/pibas/pibas_server.h"

#include <optional>

#include "crypto/prf.h"
#include "index/message.h"
#include "sse/common/counter_walk.h"
#include "sse/common/keyword_keys.h"
#include "sse/pibas/pibas_messages.h"

namespace sselab::sse::pibas {

Result<Bytes> PibasServer::HandleRequest(uint8_t type, ByteReader& body) {
  switch (type) {
    case kSearch:
      return Search(body);
    default:
      return UnknownRequest(type);
  }
}

Result<Bytes> PibasServer::Search(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(crypto::BlockPrf f1, ReadBlockPrf(body));
  std::optional<crypto::BlockPrf> f2;
  if (revealing_) {
    SSELAB_ASSIGN_OR_RETURN(f2, ReadBlockPrf(body));
  }
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(SetupComplete());

  // Fig. 2, Search, server: for c = 0, 1, ... until Get(γ, F(K1, c)) = ⊥.
  Bytes values;
  SSELAB_ASSIGN_OR_RETURN(
      uint64_t n, CollectCounterValues(store_, kTable, f1, kFirstBatch, kMaxBatch, kValueSize,
                                       "pibas entry", values));
  if (f2.has_value()) {
    // m = Dec(K2, d): the server learns the ids (response-revealing Π_bas).
    std::vector<crypto::Block> pads(n);
    f2->EvalCounters(0, pads);
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < kValueSize; ++j) values[i * kValueSize + j] ^= pads[i][j];
    }
  }
  ByteWriter out(values.size() + 10);
  out.Varint(n);
  out.Raw(values);
  return out.Take();
}

}  // namespace sselab::sse::pibas
