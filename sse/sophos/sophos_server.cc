#include "sse/sophos/sophos_server.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "crypto/secret_key.h"
#include "sse/common/keyword_keys.h"
#include "sse/sophos/sophos_tokens.h"

namespace sselab::sse::sophos {

Result<Bytes> SophosServer::HandleRequest(uint8_t type, ByteReader& body) {
  switch (type) {
    case kSearch:
      return Search(body);
    case kUpdate:
      return Update(body);
    default:
      return UnknownRequest(type);
  }
}

Result<RsaPublicKey> SophosServer::LoadPublicKey() {
  SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> pk, store_.Get(kPkTable, AsBytes(kPkKey)));
  if (!pk.has_value()) return CorruptionError("sophos: the store holds no public key");
  return RsaPublicKey::Decode(*pk);
}

Result<Bytes> SophosServer::Update(ByteReader& body) {
  // Update, server: T[UT] ← e for each pair of the batch, in one atomic write.
  SSELAB_ASSIGN_OR_RETURN(uint64_t m, body.Varint());
  if (m == 0 || m > body.remaining() / kPairSize) {
    return body.Malformed("pair count " + std::to_string(m) + " does not match the message");
  }
  storage::WriteBatch batch;
  for (uint64_t i = 0; i < m; ++i) {
    SSELAB_ASSIGN_OR_RETURN(ByteView ut, body.Raw(kTokenSize));
    SSELAB_ASSIGN_OR_RETURN(ByteView e, body.Raw(kValueSize));
    batch.Put(kTable, ut, e);
  }
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(SetupComplete());
  SSELAB_RETURN_IF_ERROR(store_.Write(batch));
  return Bytes{};
}

Result<Bytes> SophosServer::Search(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(ByteView kw_bytes, body.Raw(kKeywordKeyBytes));
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, body.Varint());
  if (n == 0 || n > kMaxEntries) {
    return body.Malformed("entry count " + std::to_string(n) + " outside 1..2^32");
  }
  SSELAB_RETURN_IF_ERROR(SetupComplete());
  SSELAB_ASSIGN_OR_RETURN(RsaPublicKey pk, LoadPublicKey());
  SSELAB_ASSIGN_OR_RETURN(ByteView st_bytes, body.Raw(pk.element_size()));
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  if (!pk.IsElement(st_bytes)) return body.Malformed("search state is not below N");
  SSELAB_ASSIGN_OR_RETURN(crypto::SecretKey k_w, crypto::SecretKey::FromBytes(kw_bytes));
  SSELAB_ASSIGN_OR_RETURN(EntryHasher hasher, EntryHasher::Create(k_w));

  // Search, server: for i = c down to 0: UT_i ← H1(K_w, ST_i); e ← T[UT_i];
  // ind ← e ⊕ H2(K_w, ST_i); ST_{i-1} ← π_PK(ST_i). The UTs of a batch of counters are
  // looked up with one multi_get; the batch size doubles so a forged count costs little.
  ByteWriter out(10 + std::min<uint64_t>(n, kMaxBatch) * kValueSize);
  out.Varint(n);
  Bytes st = ToBytes(st_bytes);
  std::vector<Bytes> states;
  std::vector<crypto::Block> tokens;
  uint8_t value[kValueSize];
  uint64_t remaining = n;  // entries n-1-done .. 0 still to read
  size_t batch = kFirstBatch;
  while (remaining > 0) {
    const size_t k = static_cast<size_t>(std::min<uint64_t>(batch, remaining));
    states.resize(k);
    tokens.resize(k);
    for (size_t j = 0; j < k; ++j) {
      if (j > 0 || remaining < n) {
        SSELAB_ASSIGN_OR_RETURN(st, pk.Forward(st));
      }
      states[j] = st;
      tokens[j] = hasher.Token(st);
    }
    std::vector<ByteView> keys(tokens.begin(), tokens.end());
    SSELAB_ASSIGN_OR_RETURN(auto values, store_.MultiGet(kTable, keys));
    for (size_t j = 0; j < k; ++j) {
      const uint64_t i = remaining - 1 - j;
      if (!values[j].has_value()) {
        return CorruptionError("sophos: no entry for counter " + std::to_string(i) + " of " +
                               std::to_string(n) +
                               " (the store is incomplete or the token is "
                               "not this index's)");
      }
      if (values[j]->size() != kValueSize) {
        return CorruptionError("sophos entry for counter " + std::to_string(i) + " has " +
                               std::to_string(values[j]->size()) + " bytes, expected " +
                               std::to_string(kValueSize));
      }
      StoreBe64(hasher.Mask(states[j], LoadBe64(values[j]->data())), value);
      out.Raw(ByteView(value, kValueSize));
    }
    remaining -= k;
    batch = std::min(batch * 2, kMaxBatch);
  }
  return out.Take();
}

}  // namespace sselab::sse::sophos
