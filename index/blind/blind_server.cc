#include "index/blind/blind_server.h"

#include <string>

#include "index/blind/blind_messages.h"
#include "index/message.h"

namespace sselab::index::blind {
namespace {

Bytes Concat(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

}  // namespace

BlindServer::BlindServer(storage::Store& store)
    : SchemeServer("blind", store, {std::string(kTable)}) {}

Result<Bytes> BlindServer::HandleRequest(uint8_t type, ByteReader& body) {
  switch (type) {
    case kSearch:
      return Search(body);
    case kUpdate:
      return Update(body);
    default:
      return UnknownRequest(type);
  }
}

Purpose BlindServer::PurposeOfRequest(uint8_t type, ByteView body) const {
  if (type == kSearch) return Purpose::kSearch;
  ByteReader r(body, "blind update");
  if (!ReadToken(r).ok()) return Purpose::kUpdate;
  Result<uint64_t> erases = r.Varint();
  if (!erases.ok() || *erases > r.remaining() / kRidSize || !r.Raw(*erases * kRidSize).ok()) {
    return Purpose::kUpdate;
  }
  Result<uint64_t> puts = r.Varint();
  if (!puts.ok()) return Purpose::kUpdate;
  if (*erases == 0) return Purpose::kAdd;
  return *puts == 0 ? Purpose::kRemove : Purpose::kUpdate;
}

Result<ByteView> BlindServer::ReadToken(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(ByteView first, body.Raw(1));
  SSELAB_ASSIGN_OR_RETURN(ByteView rest, body.Raw(TokenSize(TokenBits(first[0])) - 1));
  ByteView token(first.data(), 1 + rest.size());  // contiguous in the body
  if (!IsValidToken(token)) return body.Malformed("token has nonzero unused bits");
  return token;
}

Result<Bytes> BlindServer::Search(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(ByteView token, ReadToken(body));
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(SetupComplete());
  // Step 5, server: every entry of the bucket, by one prefix scan on the token.
  ByteWriter entries;
  uint64_t n = 0;
  Status bad = OkStatus();
  SSELAB_RETURN_IF_ERROR(store_.Scan(kTable, token, [&](ByteView key, ByteView value) {
    if (key.size() != token.size() + kRidSize || value.size() != kSealedSize) {
      bad = CorruptionError("blind: malformed entry in table blind (key " +
                            std::to_string(key.size()) + " bytes, value " +
                            std::to_string(value.size()) + " bytes)");
      return false;
    }
    entries.Raw(key.subspan(token.size()));
    entries.Raw(value);
    ++n;
    return true;
  }));
  SSELAB_RETURN_IF_ERROR(bad);
  ByteWriter out(entries.size() + 10);
  out.Varint(n);
  out.Raw(entries.bytes());
  return out.Take();
}

Result<Bytes> BlindServer::Update(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(ByteView token, ReadToken(body));
  // Steps 7-8, server: parse everything first, so a malformed request writes nothing.
  storage::WriteBatch batch;
  SSELAB_ASSIGN_OR_RETURN(uint64_t erases, body.Varint());
  if (erases > body.remaining() / kRidSize) return body.Malformed("erase count too large");
  for (uint64_t i = 0; i < erases; ++i) {
    SSELAB_ASSIGN_OR_RETURN(ByteView rid, body.Raw(kRidSize));
    batch.Erase(kTable, Concat(token, rid));
  }
  SSELAB_ASSIGN_OR_RETURN(uint64_t puts, body.Varint());
  if (puts > body.remaining() / kWireEntrySize) return body.Malformed("put count too large");
  for (uint64_t i = 0; i < puts; ++i) {
    SSELAB_ASSIGN_OR_RETURN(ByteView rid, body.Raw(kRidSize));
    SSELAB_ASSIGN_OR_RETURN(ByteView sealed, body.Raw(kSealedSize));
    batch.Put(kTable, Concat(token, rid), sealed);
  }
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  if (batch.empty()) return body.Malformed("update with nothing to erase or put");
  SSELAB_RETURN_IF_ERROR(SetupComplete());
  SSELAB_RETURN_IF_ERROR(store_.Write(batch));
  return Bytes{};
}

}  // namespace sselab::index::blind
