#include "base/codec.h"

namespace sselab {

void ByteWriter::U16(uint16_t v) {
  U8(static_cast<uint8_t>(v >> 8));
  U8(static_cast<uint8_t>(v));
}

void ByteWriter::Varint(uint64_t v) {
  while (v >= 0x80) {
    U8(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  U8(static_cast<uint8_t>(v));
}

void ByteWriter::LengthPrefixed(ByteView b) {
  Varint(b.size());
  Raw(b);
}

Error ByteReader::Malformed(std::string_view detail) const {
  return CorruptionError(what_ + " at offset " + std::to_string(pos_) + ": " + std::string(detail));
}

Error ByteReader::Truncated(size_t n, std::string_view field) const {
  return Malformed("truncated " + std::string(field) + " (need " + std::to_string(n) + " bytes, " +
                   std::to_string(remaining()) + " left)");
}

Result<ByteView> ByteReader::Take(size_t n, std::string_view field) {
  if (remaining() < n) return Truncated(n, field);
  ByteView out = data_.subspan(pos_, n);
  pos_ += n;
  return out;
}

Result<uint8_t> ByteReader::U8() {
  SSELAB_ASSIGN_OR_RETURN(ByteView b, Take(1, "u8"));
  return b[0];
}

Result<uint16_t> ByteReader::U16() {
  SSELAB_ASSIGN_OR_RETURN(ByteView b, Take(2, "u16"));
  return static_cast<uint16_t>((b[0] << 8) | b[1]);
}

Result<uint32_t> ByteReader::U32() {
  SSELAB_ASSIGN_OR_RETURN(ByteView b, Take(4, "u32"));
  uint32_t v = 0;
  for (uint8_t x : b) v = (v << 8) | x;
  return v;
}

Result<uint64_t> ByteReader::Varint() {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    SSELAB_ASSIGN_OR_RETURN(ByteView b, Take(1, "varint"));
    uint64_t part = b[0] & 0x7F;
    if (shift == 63 && part > 1) return Malformed("varint overflows 64 bits");
    v |= part << shift;
    if ((b[0] & 0x80) == 0) return v;
  }
  return Malformed("varint longer than 10 bytes");
}

Result<ByteView> ByteReader::Raw(size_t n) { return Take(n, "bytes"); }

Result<ByteView> ByteReader::LengthPrefixed(size_t max_len) {
  SSELAB_ASSIGN_OR_RETURN(uint64_t len, Varint());
  if (len > max_len) {
    return Malformed("length " + std::to_string(len) + " exceeds limit " + std::to_string(max_len));
  }
  return Take(static_cast<size_t>(len), "length-prefixed field");
}

Status ByteReader::ExpectEnd() const {
  if (!done()) return Malformed(std::to_string(remaining()) + " unexpected trailing bytes");
  return OkStatus();
}

}  // namespace sselab
