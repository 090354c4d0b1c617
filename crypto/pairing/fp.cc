#include "crypto/pairing/fp.h"

#include <string>

#include "crypto/pairing/internal/big_endian.h"

namespace sselab::crypto::pairing {

Result<Fp> Fp::FromBytes(ByteView bytes) {
  if (bytes.size() != kBytes) {
    return CorruptionError("field element: expected 48 bytes, got " + std::to_string(bytes.size()));
  }
  const Limbs v = internal::LimbsFromBigEndian<6>(bytes);
  if (!internal::LessThan<6>(v, internal::kFpModulus)) {
    return CorruptionError("field element: value is not below the modulus p (non-canonical)");
  }
  return FromCanonical(v);
}

Fp Fp::FromBytesReduced(ByteView bytes) {
  static constexpr Fp kTwoTo128 = FromCanonical(internal::kFpTwoTo128);
  return internal::ReduceBigEndian(bytes, kTwoTo128);
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
