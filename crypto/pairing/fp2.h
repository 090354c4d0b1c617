// Fp2 = Fp[u]/(u^2 + 1): elements c0 + c1 u. Branch-free like Fp.
#ifndef SSELAB_CRYPTO_PAIRING_FP2_H_
#define SSELAB_CRYPTO_PAIRING_FP2_H_

#include <string_view>

#include "crypto/pairing/fp.h"

namespace sselab::crypto::pairing {

struct Fp2 {
  Fp c0, c1;

  constexpr Fp2() = default;
  constexpr Fp2(const Fp& a0, const Fp& a1) : c0(a0), c1(a1) {}
  static constexpr Fp2 Zero() { return {}; }
  static constexpr Fp2 One() { return {Fp::One(), Fp::Zero()}; }
  static constexpr Fp2 FromHex(std::string_view h0, std::string_view h1) {
    return {Fp::FromHex(h0), Fp::FromHex(h1)};
  }

  friend SSELAB_PAIRING_INLINE Fp2 operator+(const Fp2& a, const Fp2& b) {
    return {a.c0 + b.c0, a.c1 + b.c1};
  }
  friend SSELAB_PAIRING_INLINE Fp2 operator-(const Fp2& a, const Fp2& b) {
    return {a.c0 - b.c0, a.c1 - b.c1};
  }
  // Out of line: the product is large, and inlined into every Fp6 and Fp12 operation it
  // overflowed the instruction cache.
  friend Fp2 operator*(const Fp2& a, const Fp2& b);
  SSELAB_PAIRING_INLINE Fp2 operator-() const { return {-c0, -c1}; }
  Fp2& operator+=(const Fp2& o) { return *this = *this + o; }
  Fp2& operator-=(const Fp2& o) { return *this = *this - o; }
  Fp2& operator*=(const Fp2& o) { return *this = *this * o; }
  SSELAB_PAIRING_INLINE Fp2 Square() const {
    // (c0 + c1 u)^2 = (c0 + c1)(c0 - c1) + 2 c0 c1 u. The sums c0 + c1 and 2 c0 are left
    // unreduced (below 2p): a product of a value below 2p and one below p is below
    // p 2^384, which Montgomery multiplication still reduces to [0, p).
    using internal::kFpInv;
    using internal::kFpModulus;
    const auto& a0 = c0.montgomery_limbs();
    const auto& a1 = c1.montgomery_limbs();
    const auto sum = internal::AddNoReduce<6>(a0, a1);
    const auto twice = internal::AddNoReduce<6>(a0, a0);
    const auto diff = (c0 - c1).montgomery_limbs();
    return {Fp::FromMontgomeryLimbs(internal::MontMul<6>(sum, diff, kFpModulus, kFpInv)),
            Fp::FromMontgomeryLimbs(internal::MontMul<6>(twice, a1, kFpModulus, kFpInv))};
  }
  SSELAB_PAIRING_INLINE Fp2 Double() const { return {c0.Double(), c1.Double()}; }
  Fp2 MulByFp(const Fp& s) const { return {c0 * s, c1 * s}; }
  // Multiplication by xi = 1 + u, the non-residue defining Fp6.
  SSELAB_PAIRING_INLINE Fp2 MulByXi() const { return {c0 - c1, c0 + c1}; }
  Fp2 Conjugate() const { return {c0, -c1}; }
  // c0^2 + c1^2, in Fp.
  Fp Norm() const { return c0.Square() + c1.Square(); }

  Fp2 Inverse() const;  // zero maps to zero
  // Square root when one exists (returns true); constant time.
  bool Sqrt(Fp2* out) const;
  bool IsSquare() const { return Norm().IsSquare(); }

  bool IsZero() const {
    return static_cast<bool>(static_cast<int>(c0.IsZero()) & static_cast<int>(c1.IsZero()));
  }
  friend bool operator==(const Fp2& a, const Fp2& b) {
    return static_cast<bool>(static_cast<int>(a.c0 == b.c0) & static_cast<int>(a.c1 == b.c1));
  }
  // RFC 9380 sgn0 for extension degree 2.
  bool Sgn0() const;
  // ZCash ordering: compare c1 first, then c0 when c1 is zero.
  bool LexicographicallyLargest() const;
  static Fp2 Select(bool choice, const Fp2& a, const Fp2& b) {
    return {Fp::Select(choice, a.c0, b.c0), Fp::Select(choice, a.c1, b.c1)};
  }
};

}  // namespace sselab::crypto::pairing

#endif  // SSELAB_CRYPTO_PAIRING_FP2_H_
