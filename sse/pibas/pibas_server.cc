#include "sse/pibas/pibas_server.h"

#include "crypto/prf.h"
#include "index/message.h"
#include "sse/pibas/pibas_messages.h"

namespace sselab::sse::pibas {

Result<Bytes> PibasServer::Handle(ByteView request) {
  ByteReader r(request, "pibas request");
  SSELAB_ASSIGN_OR_RETURN(index::RequestHeader header, index::ReadRequestHeader(r));
  switch (header.type) {
    case index::kSetupEntries:
    case index::kSetupCommit:
      return setup_.Handle(header.type, r);
    case kSearch:
      return Search(r);
    default:
      return index::UnknownRequestType("pibas", header.type);
  }
}

Result<Bytes> PibasServer::Search(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(ByteView k1_bytes, body.Raw(kKeywordKeySize));
  ByteView k2_bytes;
  if (revealing_) {
    SSELAB_ASSIGN_OR_RETURN(k2_bytes, body.Raw(kKeywordKeySize));
  }
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(index::CheckSetupComplete(store_));
  SSELAB_ASSIGN_OR_RETURN(crypto::SecretKey k1, crypto::SecretKey::FromBytes(k1_bytes));
  SSELAB_ASSIGN_OR_RETURN(crypto::BlockPrf f1, crypto::BlockPrf::Create(k1));

  // Fig. 2, Search, server: for c = 0, 1, ... until Get(γ, F(K1, c)) = ⊥.
  Bytes values;
  std::vector<crypto::Block> labels;
  std::vector<ByteView> keys;
  uint64_t c = 0;
  bool done = false;
  for (size_t batch = kFirstBatch; !done; batch = std::min(batch * 2, kMaxBatch)) {
    labels.resize(batch);
    f1.EvalCounters(c, labels);
    keys.clear();
    for (const crypto::Block& l : labels) keys.emplace_back(l.data(), l.size());
    SSELAB_ASSIGN_OR_RETURN(auto found, store_.MultiGet(kTable, keys));
    for (const auto& v : found) {
      if (!v.has_value()) {
        done = true;
        break;
      }
      if (v->size() != kValueSize) {
        return CorruptionError("pibas entry for counter " + std::to_string(c) + " has " +
                               std::to_string(v->size()) + " bytes, expected " +
                               std::to_string(kValueSize));
      }
      values.insert(values.end(), v->begin(), v->end());
      ++c;
    }
  }
  if (revealing_) {
    // m = Dec(K2, d): the server learns the ids (response-revealing Π_bas).
    SSELAB_ASSIGN_OR_RETURN(crypto::SecretKey k2, crypto::SecretKey::FromBytes(k2_bytes));
    SSELAB_ASSIGN_OR_RETURN(crypto::BlockPrf f2, crypto::BlockPrf::Create(k2));
    std::vector<crypto::Block> pads(c);
    f2.EvalCounters(0, pads);
    for (size_t i = 0; i < c; ++i) {
      for (size_t j = 0; j < kValueSize; ++j) values[i * kValueSize + j] ^= pads[i][j];
    }
  }
  ByteWriter out(values.size() + 10);
  out.Varint(c);
  out.Raw(values);
  return out.Take();
}

}  // namespace sselab::sse::pibas
