#include "index/plaintext/plaintext_server.h"

#include <algorithm>
#include <map>

#include "index/document.h"
#include "index/message.h"
#include "index/plaintext/plaintext_messages.h"
#include "index/postings_codec.h"

namespace sselab::index::plaintext {

PlaintextServer::PlaintextServer(storage::Store& store)
    : SchemeServer("plaintext", store, {std::string(kPostingsTable), std::string(kUpdatesTable)}) {}

Result<Bytes> PlaintextServer::HandleRequest(uint8_t type, ByteReader& body) {
  switch (type) {
    case kSearch:
      return Search(body);
    case kUpdate:
      return Update(body);
    default:
      return UnknownRequest(type);
  }
}

Purpose PlaintextServer::PurposeOfRequest(uint8_t type, ByteView body) const {
  if (type == kSearch) return Purpose::kSearch;
  if (!body.empty() && body[0] == kOpInsert) return Purpose::kAdd;
  if (!body.empty() && body[0] == kOpRemove) return Purpose::kRemove;
  return Purpose::kUpdate;  // malformed: Handle refuses it
}

Result<Bytes> PlaintextServer::Search(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(ByteView keyword, body.LengthPrefixed(kMaxKeywordBytes));
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(SetupComplete());
  Bytes prefix = KeywordPrefix(AsChars(keyword));
  std::vector<DocId> ids;
  Status decoded = OkStatus();
  SSELAB_RETURN_IF_ERROR(store_.Scan(kPostingsTable, prefix, [&](ByteView, ByteView value) {
    ByteReader chunk(value, "plaintext posting chunk");
    decoded = DecodePostings(chunk, ids, kChunkIds);
    if (decoded.ok()) decoded = chunk.ExpectEnd();
    return decoded.ok();
  }));
  SSELAB_RETURN_IF_ERROR(decoded);

  std::map<DocId, bool> updates;  // id -> present
  SSELAB_RETURN_IF_ERROR(store_.Scan(kUpdatesTable, prefix, [&](ByteView key, ByteView value) {
    ByteReader k(key.subspan(prefix.size()), "plaintext update key");
    auto id = k.U64();
    if (!id.ok() || value.size() != 1) {
      decoded = CorruptionError("malformed entry in table plaintext_updates");
      return false;
    }
    updates[*id] = value[0] == kOpInsert;
    return true;
  }));
  SSELAB_RETURN_IF_ERROR(decoded);
  if (!updates.empty()) {
    std::vector<DocId> merged;
    auto u = updates.begin();
    for (DocId id : ids) {
      for (; u != updates.end() && u->first < id; ++u) {
        if (u->second) merged.push_back(u->first);
      }
      if (u != updates.end() && u->first == id) {
        if (u->second) merged.push_back(id);
        ++u;
      } else {
        merged.push_back(id);
      }
    }
    for (; u != updates.end(); ++u) {
      if (u->second) merged.push_back(u->first);
    }
    ids = std::move(merged);
  }
  ByteWriter out(ids.size() * 2 + 8);
  EncodePostings(ids, out);
  return out.Take();
}

Result<Bytes> PlaintextServer::Update(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(uint8_t op, body.U8());
  if (op != kOpInsert && op != kOpRemove) return body.Malformed("unknown update op");
  SSELAB_ASSIGN_OR_RETURN(ByteView keyword, body.LengthPrefixed(kMaxKeywordBytes));
  if (keyword.empty()) return body.Malformed("empty keyword");
  SSELAB_ASSIGN_OR_RETURN(uint64_t id, body.U64());
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(SetupComplete());
  ByteWriter key;
  key.LengthPrefixed(keyword);
  key.U64(id);
  uint8_t value = op;
  SSELAB_RETURN_IF_ERROR(store_.Put(kUpdatesTable, key.bytes(), ByteView(&value, 1)));
  return Bytes{};
}

}  // namespace sselab::index::plaintext
