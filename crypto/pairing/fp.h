// Fp: the BLS12-381 base field, p = 0x1a0111ea...ffffaaab (381 bits).
//
// Elements are kept in Montgomery form on six 64-bit limbs and are always fully reduced
// (< p). Arithmetic, comparison and selection are branch-free in the values; only
// FromBytes (which validates public input) and the *Vartime helpers branch.
#ifndef SSELAB_CRYPTO_PAIRING_FP_H_
#define SSELAB_CRYPTO_PAIRING_FP_H_

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/pairing/internal/constants.h"
#include "crypto/pairing/internal/montgomery.h"

namespace sselab::crypto::pairing {

class Fp {
 public:
  static constexpr size_t kBytes = 48;
  using Limbs = internal::Limbs<6>;

  constexpr Fp() = default;  // zero

  static constexpr Fp Zero() { return Fp(); }
  static constexpr Fp One() { return FromCanonical(Limbs{1, 0, 0, 0, 0, 0}); }
  // REQUIRES: v < p (true for every small integer).
  static constexpr Fp FromCanonical(const Limbs& v) {
    return Fp(internal::MontMul<6>(v, internal::kFpR2, internal::kFpModulus, internal::kFpInv));
  }
  static constexpr Fp FromU64(uint64_t v) { return FromCanonical(Limbs{v, 0, 0, 0, 0, 0}); }
  // Compile-time constants from big-endian hex. REQUIRES: a literal below p.
  static constexpr Fp FromHex(std::string_view hex) {
    return FromCanonical(internal::ParseHex<6>(hex));
  }

  // 48 big-endian bytes. Errors (kCorruption): wrong length, or a value >= p
  // (non-canonical encodings are rejected, never reduced).
  static Result<Fp> FromBytes(ByteView bytes);
  // Any number of big-endian bytes, reduced mod p (for hash_to_field).
  static Fp FromBytesReduced(ByteView bytes);
  // Writes the canonical 48-byte big-endian encoding.
  void ToBytes(std::span<uint8_t, kBytes> out) const;
  Limbs ToCanonical() const {
    return internal::MontMul<6>(m_, Limbs{1, 0, 0, 0, 0, 0}, internal::kFpModulus,
                                internal::kFpInv);
  }

  friend SSELAB_PAIRING_INLINE Fp operator+(const Fp& a, const Fp& b) {
    return Fp(internal::ModAdd<6>(a.m_, b.m_, internal::kFpModulus));
  }
  friend SSELAB_PAIRING_INLINE Fp operator-(const Fp& a, const Fp& b) {
    return Fp(internal::ModSub<6>(a.m_, b.m_, internal::kFpModulus));
  }
  friend constexpr Fp operator*(const Fp& a, const Fp& b) {
    return Fp(internal::MontMulInlined<6>(a.m_, b.m_, internal::kFpModulus, internal::kFpInv));
  }
  SSELAB_PAIRING_INLINE Fp operator-() const { return Fp() - *this; }
  Fp& operator+=(const Fp& o) { return *this = *this + o; }
  Fp& operator-=(const Fp& o) { return *this = *this - o; }
  Fp& operator*=(const Fp& o) { return *this = *this * o; }
  Fp Square() const { return *this * *this; }
  SSELAB_PAIRING_INLINE Fp Double() const { return *this + *this; }

  // Multiplicative inverse by Fermat (a^(p-2)); the inverse of zero is zero (inv0).
  Fp Inverse() const;
  // this^e for a public exponent e (limbs little-endian); constant time in this (memory
  // accesses and branches depend on e only).
  template <size_t K>
  Fp Pow(const internal::Limbs<K>& e) const;
  // Sets *out to a square root and returns true if one exists; else returns false and
  // *out is unspecified. Constant time.
  bool Sqrt(Fp* out) const;
  // True for squares, including zero (Legendre symbol != -1).
  bool IsSquare() const;

  bool IsZero() const { return internal::IsZeroLimbs<6>(m_); }
  friend bool operator==(const Fp& a, const Fp& b) { return internal::EqualLimbs<6>(a.m_, b.m_); }
  // RFC 9380 sgn0: the parity of the canonical value.
  bool Sgn0() const { return (ToCanonical()[0] & 1) != 0; }
  // ZCash sign: the canonical value exceeds (p-1)/2.
  bool LexicographicallyLargest() const;
  // Returns a if choice, else b.
  static Fp Select(bool choice, const Fp& a, const Fp& b) {
    return Fp(internal::SelectMask<6>(0 - static_cast<uint64_t>(choice), a.m_, b.m_));
  }

  const Limbs& montgomery_limbs() const { return m_; }
  // REQUIRES: m < p (a fully reduced Montgomery representation).
  static Fp FromMontgomeryLimbs(const Limbs& m) { return Fp(m); }

 private:
  constexpr explicit Fp(const Limbs& m) : m_(m) {}
  Limbs m_{};
};

template <size_t K>
Fp Fp::Pow(const internal::Limbs<K>& e) const {
  // Fixed 4-bit windows: 64K squarings plus one multiplication per non-zero window
  // (about a quarter of the multiplications of binary square-and-multiply). Which
  // windows are zero depends only on the public exponent.
  Fp table[16];
  table[0] = One();
  for (size_t i = 1; i < 16; ++i) table[i] = table[i - 1] * *this;
  Fp acc = One();
  for (size_t w = 16 * K; w-- > 0;) {
    acc = acc.Square().Square().Square().Square();
    const uint64_t nibble = (e[w / 16] >> (4 * (w % 16))) & 0xf;
    if (nibble != 0) acc *= table[nibble];  // public exponent: table index is public
  }
  return acc;
}

}  // namespace sselab::crypto::pairing

#endif  // SSELAB_CRYPTO_PAIRING_FP_H_
