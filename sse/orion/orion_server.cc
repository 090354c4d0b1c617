#include "sse/orion/orion_server.h"

#include <algorithm>
#include <vector>

#include "crypto/hash.h"
#include "index/setup_protocol.h"

namespace sselab::sse::orion {
namespace {

std::string_view TableOf(uint8_t map) { return map == kMapUpd ? kUpdTable : kSrcTable; }

}  // namespace

Result<Bytes> OrionServer::HandleRequest(uint8_t type, ByteReader& body) {
  switch (type) {
    case kReadPath:
      return ReadPath(body);
    case kWriteBuckets:
      return WriteBuckets(body);
    default:
      return UnknownRequest(type);
  }
}

Result<Bytes> OrionServer::ReadPath(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(uint8_t map, body.U8());
  if (map != kMapUpd && map != kMapSrc) return body.Malformed("unknown map " + std::to_string(map));
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, body.Varint());
  if (n == 0 || n > kMaxPathBuckets) return body.Malformed("bucket count out of range");
  std::vector<ByteView> views;
  views.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    SSELAB_ASSIGN_OR_RETURN(ByteView label, body.Raw(kLabelSize));
    views.push_back(label);
  }
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(SetupComplete());
  // Path ORAM Fig. 1, lines 3-5, the server's side: the buckets of the path, as stored.
  SSELAB_ASSIGN_OR_RETURN(auto sealed, store_.MultiGet(TableOf(map), views));
  size_t total = 0;
  for (const auto& b : sealed) total += (b.has_value() ? b->size() : 0) + 3;
  ByteWriter out(total + 1);
  out.Varint(sealed.size());
  for (const auto& b : sealed) out.LengthPrefixed(b.has_value() ? ByteView(*b) : ByteView());
  return out.Take();
}

Result<Bytes> OrionServer::WriteBuckets(ByteReader& body) {
  // Validate the whole message before writing any of it.
  SSELAB_ASSIGN_OR_RETURN(ByteView payload, body.LengthPrefixed(kMaxWriteBytes));
  SSELAB_ASSIGN_OR_RETURN(ByteView digest, body.Raw(kDigestSize));
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  const crypto::Digest256 want = crypto::Sha256(payload);
  if (!std::equal(want.begin(), want.end(), digest.begin())) {
    return body.Malformed("the payload does not match its digest (a damaged message)");
  }
  ByteReader r(payload, "orion write-buckets payload");
  // Validated in full before anything is written; the views point into the request.
  std::vector<std::pair<ByteView, ByteView>> maps[2];
  for (uint8_t map : {kMapUpd, kMapSrc}) {
    SSELAB_ASSIGN_OR_RETURN(uint64_t n, r.Varint());
    if (n > r.remaining() / (kLabelSize + 1)) {
      return r.Malformed("bucket count larger than the request");
    }
    maps[map].reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
      SSELAB_ASSIGN_OR_RETURN(ByteView label, r.Raw(kLabelSize));
      if (!maps[map].empty() &&
          !std::lexicographical_compare(maps[map].back().first.begin(),
                                        maps[map].back().first.end(), label.begin(), label.end())) {
        return r.Malformed("bucket labels not strictly ascending");
      }
      SSELAB_ASSIGN_OR_RETURN(ByteView sealed, r.LengthPrefixed(kMaxBucketBytes));
      if (sealed.empty()) return r.Malformed("an empty bucket");
      maps[map].emplace_back(label, sealed);
    }
  }
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(SetupComplete());
  // Path ORAM Fig. 1, line 14 (WriteBucket) for every access of the client's operation,
  // both trees in ONE atomic batch: after an error neither tree has changed.
  storage::WriteBatch batch;
  for (uint8_t map : {kMapUpd, kMapSrc}) {
    for (const auto& [label, sealed] : maps[map]) batch.Put(TableOf(map), label, sealed);
  }
  if (batch.ops().empty()) return Bytes{};
  SSELAB_RETURN_IF_ERROR(store_.Write(batch));
  return Bytes{};
}

}  // namespace sselab::sse::orion
