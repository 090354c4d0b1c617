#include "crypto/pairing/fr.h"

#include <string>

#include "crypto/random.h"

namespace sselab::crypto::pairing {

Result<Fr> Fr::FromBytes(ByteView bytes) {
  if (bytes.size() != kBytes) {
    return CorruptionError("scalar: expected 32 bytes, got " + std::to_string(bytes.size()));
  }
  Limbs v{};
  for (size_t i = 0; i < kBytes; ++i) {
    const size_t bit = 8 * (kBytes - 1 - i);
    v[bit / 64] |= static_cast<uint64_t>(bytes[i]) << (bit % 64);
  }
  if (!internal::LessThan<4>(v, internal::kFrModulus)) {
    return CorruptionError("scalar: value is not below the group order r (non-canonical)");
  }
  return FromCanonical(v);
}

Fr Fr::FromBytesReduced(ByteView bytes) {
  static constexpr Fr kTwoTo128 = FromCanonical(internal::kFrTwoTo128);
  Fr acc;
  size_t first = bytes.size() % 16;
  if (first == 0) first = 16;
  for (size_t pos = 0; pos < bytes.size();) {
    const size_t len = pos == 0 ? first : 16;
    Limbs chunk{};
    for (size_t i = 0; i < len; ++i) {
      const size_t bit = 8 * (len - 1 - i);
      chunk[bit / 64] |= static_cast<uint64_t>(bytes[pos + i]) << (bit % 64);
    }
    acc = acc * kTwoTo128 + FromCanonical(chunk);
    pos += len;
  }
  return acc;
}

Fr Fr::Random() {
  std::array<uint8_t, 64> buf{};
  RandomBytes(buf);
  return FromBytesReduced(buf);
}

void Fr::ToBytes(std::span<uint8_t, kBytes> out) const {
  const Limbs v = ToCanonical();
  for (size_t i = 0; i < kBytes; ++i) {
    const size_t bit = 8 * (kBytes - 1 - i);
    out[i] = static_cast<uint8_t>(v[bit / 64] >> (bit % 64));
  }
}

Fr Fr::Inverse() const {
  Fr acc = One();
  const auto& e = internal::kFrMinusTwo;
  for (size_t i = e.size(); i-- > 0;) {
    for (int b = 63; b >= 0; --b) {
      acc = acc * acc;
      if ((e[i] >> b) & 1) acc = acc * *this;
    }
  }
  return acc;
}

}  // namespace sselab::crypto::pairing
