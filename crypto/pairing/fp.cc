#include "crypto/pairing/fp.h"

#include <string>

namespace sselab::crypto::pairing {

Result<Fp> Fp::FromBytes(ByteView bytes) {
  if (bytes.size() != kBytes) {
    return CorruptionError("field element: expected 48 bytes, got " + std::to_string(bytes.size()));
  }
  Limbs v{};
  for (size_t i = 0; i < kBytes; ++i) {
    const size_t bit = 8 * (kBytes - 1 - i);
    v[bit / 64] |= static_cast<uint64_t>(bytes[i]) << (bit % 64);
  }
  if (!internal::LessThan<6>(v, internal::kFpModulus)) {
    return CorruptionError("field element: value is not below the modulus p (non-canonical)");
  }
  return FromCanonical(v);
}

Fp Fp::FromBytesReduced(ByteView bytes) {
  // Horner over 16-byte chunks: acc = acc * 2^128 + chunk; each chunk is below p.
  static constexpr Fp kTwoTo128 = FromCanonical(internal::kFpTwoTo128);
  Fp acc;
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

void Fp::ToBytes(std::span<uint8_t, kBytes> out) const {
  const Limbs v = ToCanonical();
  for (size_t i = 0; i < kBytes; ++i) {
    const size_t bit = 8 * (kBytes - 1 - i);
    out[i] = static_cast<uint8_t>(v[bit / 64] >> (bit % 64));
  }
}

Fp Fp::Inverse() const { return Pow(internal::kFpMinusTwo); }

bool Fp::Sqrt(Fp* out) const {
  // p = 3 mod 4: a^((p+1)/4) is a root whenever one exists.
  const Fp s = Pow(internal::kPPlus1Over4);
  *out = s;
  return s.Square() == *this;
}

bool Fp::IsSquare() const {
  const Fp l = Pow(internal::kPMinus1Over2);
  return static_cast<bool>(static_cast<int>(l == One()) | static_cast<int>(IsZero()));
}

bool Fp::LexicographicallyLargest() const {
  const Limbs v = ToCanonical();
  return internal::LessThan<6>(internal::kPMinus1Over2, v);
}

}  // namespace sselab::crypto::pairing
