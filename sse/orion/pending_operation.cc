#include "sse/orion/pending_operation.h"

#include "base/codec.h"

namespace sselab::sse::orion {
namespace {

constexpr std::string_view kAssociatedData = "sselab orion pending operation";

}  // namespace

Bytes SealPendingOperation(const crypto::Aead& aead, const PendingOperation& op) {
  size_t bytes = 16 + op.keyword.size();
  for (const index::Document& d : op.docs) {
    bytes += 12;
    for (const std::string& k : d.keywords) bytes += 4 + k.size();
  }
  ByteWriter w(bytes);
  w.U8(static_cast<uint8_t>(op.kind));
  w.Varint(op.docs.size());
  for (const index::Document& d : op.docs) {
    w.U64(d.id);
    w.Varint(d.keywords.size());
    for (const std::string& k : d.keywords) w.LengthPrefixed(k);
  }
  w.LengthPrefixed(op.keyword);
  return aead.Seal(w.bytes(), AsBytes(kAssociatedData));
}

Result<PendingOperation> OpenPendingOperation(const crypto::Aead& aead, ByteView sealed) {
  auto plain = aead.Open(sealed, AsBytes(kAssociatedData));
  if (!plain.ok()) {
    return CorruptionError("orion state: the pending-operation record does not open (" +
                           plain.error().message() + ")");
  }
  ByteReader r(*plain, "orion state: pending-operation record");
  PendingOperation op;
  SSELAB_ASSIGN_OR_RETURN(uint8_t kind, r.U8());
  if (kind > static_cast<uint8_t>(PendingOperation::Kind::kSearch)) {
    return r.Malformed("unknown operation kind " + std::to_string(kind));
  }
  op.kind = static_cast<PendingOperation::Kind>(kind);
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, r.Varint());
  if (n > r.remaining() / 9) return r.Malformed("more documents than the record holds");
  op.docs.resize(n);
  for (index::Document& d : op.docs) {
    SSELAB_ASSIGN_OR_RETURN(d.id, r.U64());
    SSELAB_ASSIGN_OR_RETURN(uint64_t k, r.Varint());
    if (k > r.remaining()) return r.Malformed("more keywords than the record holds");
    d.keywords.reserve(k);
    for (uint64_t i = 0; i < k; ++i) {
      SSELAB_ASSIGN_OR_RETURN(ByteView w, r.LengthPrefixed(index::kMaxKeywordBytes));
      d.keywords.emplace_back(AsChars(w));
    }
  }
  SSELAB_ASSIGN_OR_RETURN(ByteView keyword, r.LengthPrefixed(index::kMaxKeywordBytes));
  op.keyword = std::string(AsChars(keyword));
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  return op;
}

}  // namespace sselab::sse::orion
