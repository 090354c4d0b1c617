#include "index/message.h"

#include <cstdio>

namespace sselab::index {
namespace {

constexpr uint8_t kReplyOk = 0;
constexpr uint8_t kReplyError = 1;

}  // namespace

ByteWriter BeginRequest(uint8_t type) {
  ByteWriter w;
  BeginRequest(type, w);
  return w;
}

void BeginRequest(uint8_t type, ByteWriter& w) {
  w.Clear();
  w.U8(kWireVersion);
  w.U8(type);
}

Result<RequestHeader> ReadRequestHeader(ByteReader& reader) {
  SSELAB_ASSIGN_OR_RETURN(uint8_t version, reader.U8());
  if (version != kWireVersion) {
    return reader.Malformed("wire version " + std::to_string(version) + ", expected " +
                            std::to_string(kWireVersion));
  }
  SSELAB_ASSIGN_OR_RETURN(uint8_t type, reader.U8());
  return RequestHeader{type};
}

Bytes EncodeReply(const Result<Bytes>& reply) {
  ByteWriter w;
  if (reply.ok()) {
    w.U8(kReplyOk);
    w.Raw(*reply);
  } else {
    w.U8(kReplyError);
    w.U8(static_cast<uint8_t>(reply.error().code()));
    std::string_view m = reply.error().message();
    w.LengthPrefixed(m.substr(0, kMaxErrorMessage));
  }
  return w.Take();
}

Result<Bytes> DecodeReply(ByteView frame) {
  ByteReader r(frame, "reply");
  SSELAB_ASSIGN_OR_RETURN(uint8_t status, r.U8());
  if (status == kReplyOk) return ToBytes(frame.subspan(1));
  if (status != kReplyError) return r.Malformed("unknown reply status " + std::to_string(status));
  SSELAB_ASSIGN_OR_RETURN(uint8_t code, r.U8());
  if (code > static_cast<uint8_t>(kLastErrorCode)) {
    return r.Malformed("unknown error code " + std::to_string(code));
  }
  SSELAB_ASSIGN_OR_RETURN(ByteView message, r.LengthPrefixed(kMaxErrorMessage));
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  return Error(static_cast<ErrorCode>(code), "server: " + ToString(message));
}

Error UnknownRequestType(std::string_view scheme, uint8_t type) {
  char hex[8];
  std::snprintf(hex, sizeof(hex), "0x%02x", type);
  return CorruptionError("unknown " + std::string(scheme) + " request type " + hex);
}

}  // namespace sselab::index
