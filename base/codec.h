// Bounds-checked binary encoding, used for every message and stored record.
//
// ByteWriter appends; ByteReader consumes and returns kCorruption errors that name what
// was being read and at which offset, so a truncated or malformed message is reported,
// never read past.
#ifndef SSELAB_BASE_CODEC_H_
#define SSELAB_BASE_CODEC_H_

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"

namespace sselab {

// Fixed-width big-endian at a raw pointer, for hot loops over fixed-size records: a load
// and a byte swap, not eight shifts.
inline uint64_t LoadBe64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return std::endian::native == std::endian::little ? __builtin_bswap64(v) : v;
}
inline void StoreBe64(uint64_t v, uint8_t* p) {
  if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
  std::memcpy(p, &v, sizeof(v));
}
inline uint32_t LoadBe32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return std::endian::native == std::endian::little ? __builtin_bswap32(v) : v;
}
inline void StoreBe32(uint32_t v, uint8_t* p) {
  if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap32(v);
  std::memcpy(p, &v, sizeof(v));
}

class ByteWriter {
 public:
  ByteWriter() = default;
  explicit ByteWriter(size_t reserve) { out_.reserve(reserve); }

  void U8(uint8_t v) { out_.push_back(v); }
  void U16(uint16_t v);                            // big-endian
  void U32(uint32_t v) { StoreBe32(v, Grow(4)); }  // big-endian
  // Big-endian. Inline, a store and a byte swap: replies of 10^4 ids are written with it.
  void U64(uint64_t v) { StoreBe64(v, Grow(8)); }
  void Varint(uint64_t v);  // LEB128, 1-10 bytes
  void Raw(ByteView b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void Raw(std::string_view s) { Raw(AsBytes(s)); }
  // Varint length followed by the bytes.
  void LengthPrefixed(ByteView b);
  void LengthPrefixed(std::string_view s) { LengthPrefixed(AsBytes(s)); }

  // Empties the writer but keeps its buffer, for writers reused on hot paths.
  void Clear() { out_.clear(); }
  size_t size() const { return out_.size(); }
  const Bytes& bytes() const { return out_; }
  Bytes Take() { return std::move(out_); }

 private:
  // Extends the buffer by n bytes and returns where they start.
  uint8_t* Grow(size_t n) {
    const size_t at = out_.size();
    out_.resize(at + n);
    return out_.data() + at;
  }

  Bytes out_;
};

class ByteReader {
 public:
  // `what` names the thing being decoded ("search request", "pibas value") in errors.
  ByteReader(ByteView data, std::string what) : data_(data), what_(std::move(what)) {}

  Result<uint8_t> U8();
  Result<uint16_t> U16();
  Result<uint32_t> U32();
  Result<uint64_t> U64() {
    if (remaining() < 8) return Truncated(8, "u64");
    const uint64_t v = LoadBe64(data_.data() + pos_);
    pos_ += 8;
    return v;
  }
  Result<uint64_t> Varint();
  Result<ByteView> Raw(size_t n);
  // A varint length (at most `max_len`) followed by that many bytes.
  Result<ByteView> LengthPrefixed(size_t max_len);

  size_t offset() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  bool done() const { return pos_ == data_.size(); }
  // Error unless every byte was consumed (trailing garbage is corruption too).
  Status ExpectEnd() const;
  // A kCorruption error naming `what_`, the offset, and `detail`.
  Error Malformed(std::string_view detail) const;

 private:
  Result<ByteView> Take(size_t n, std::string_view field);
  // The error of a field of n bytes that is cut short.
  Error Truncated(size_t n, std::string_view field) const;

  ByteView data_;
  std::string what_;
  size_t pos_ = 0;
};

}  // namespace sselab

#endif  // SSELAB_BASE_CODEC_H_
