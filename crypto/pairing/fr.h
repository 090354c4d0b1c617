// Fr: the scalar field of BLS12-381, r = 0x73eda753...00000001 (255 bits), the order of
// G1, G2 and GT. Montgomery form on four limbs; branch-free like Fp.
#ifndef SSELAB_CRYPTO_PAIRING_FR_H_
#define SSELAB_CRYPTO_PAIRING_FR_H_

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/pairing/internal/constants.h"
#include "crypto/pairing/internal/montgomery.h"

namespace sselab::crypto::pairing {

class Fr {
 public:
  static constexpr size_t kBytes = 32;
  using Limbs = internal::Limbs<4>;

  constexpr Fr() = default;  // zero
  static constexpr Fr Zero() { return Fr(); }
  static constexpr Fr One() { return FromU64(1); }
  static constexpr Fr FromU64(uint64_t v) { return FromCanonical(Limbs{v, 0, 0, 0}); }
  // REQUIRES: v < r.
  static constexpr Fr FromCanonical(const Limbs& v) {
    return Fr(internal::MontMul<4>(v, internal::kFrR2, internal::kFrModulus, internal::kFrInv));
  }
  static constexpr Fr FromHex(std::string_view hex) {
    return FromCanonical(internal::ParseHex<4>(hex));
  }
  // 32 big-endian bytes. Errors (kCorruption): wrong length or a value >= r.
  static Result<Fr> FromBytes(ByteView bytes);
  // Any number of big-endian bytes, reduced mod r.
  static Fr FromBytesReduced(ByteView bytes);
  // A uniformly random scalar (64 bytes from the OS generator, reduced mod r).
  static Fr Random();
  void ToBytes(std::span<uint8_t, kBytes> out) const;
  // The canonical value, little-endian limbs (for scalar multiplication).
  Limbs ToCanonical() const {
    return internal::MontMul<4>(m_, Limbs{1, 0, 0, 0}, internal::kFrModulus, internal::kFrInv);
  }

  friend Fr operator+(const Fr& a, const Fr& b) {
    return Fr(internal::ModAdd<4>(a.m_, b.m_, internal::kFrModulus));
  }
  friend Fr operator-(const Fr& a, const Fr& b) {
    return Fr(internal::ModSub<4>(a.m_, b.m_, internal::kFrModulus));
  }
  friend Fr operator*(const Fr& a, const Fr& b) {
    return Fr(internal::MontMul<4>(a.m_, b.m_, internal::kFrModulus, internal::kFrInv));
  }
  Fr operator-() const { return Fr() - *this; }
  Fr Square() const { return *this * *this; }
  Fr Inverse() const;  // zero maps to zero
  bool IsZero() const { return internal::IsZeroLimbs<4>(m_); }
  friend bool operator==(const Fr& a, const Fr& b) { return internal::EqualLimbs<4>(a.m_, b.m_); }

 private:
  constexpr explicit Fr(const Limbs& m) : m_(m) {}
  Limbs m_{};
};

}  // namespace sselab::crypto::pairing

#endif  // SSELAB_CRYPTO_PAIRING_FR_H_
