// Framing shared by every scheme's messages.
//
// Request: u8 version (kWireVersion) | u8 type | body. Types below 0x10 are the common
// setup protocol (setup_protocol.h); each scheme numbers its own from 0x10.
// Reply frame: u8 status (0 = ok, 1 = error) | body; an error body is
// u8 ErrorCode | length-prefixed message, so errors cross the channel intact.
#ifndef SSELAB_INDEX_MESSAGE_H_
#define SSELAB_INDEX_MESSAGE_H_

#include <cstdint>
#include <string>

#include "base/codec.h"
#include "base/result.h"

namespace sselab::index {

inline constexpr uint8_t kWireVersion = 1;
inline constexpr size_t kMaxErrorMessage = 4096;

// A writer with the request header already written.
ByteWriter BeginRequest(uint8_t type);
// The same into a reused writer: clears `w`, keeping its buffer, and writes the header.
void BeginRequest(uint8_t type, ByteWriter& w);

// Reads the header of a request. kCorruption on a short frame or another wire version.
struct RequestHeader {
  uint8_t type;
};
Result<RequestHeader> ReadRequestHeader(ByteReader& reader);

Bytes EncodeReply(const Result<Bytes>& reply);
// The body of an ok reply, the carried Error of an error reply, or kCorruption for a
// malformed frame.
Result<Bytes> DecodeReply(ByteView frame);

// kCorruption "unknown <scheme> request type 0x.." for a type the server does not serve.
Error UnknownRequestType(std::string_view scheme, uint8_t type);

}  // namespace sselab::index

#endif  // SSELAB_INDEX_MESSAGE_H_
