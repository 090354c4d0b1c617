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

  friend Fp2 operator+(const Fp2& a, const Fp2& b) { return {a.c0 + b.c0, a.c1 + b.c1}; }
  friend Fp2 operator-(const Fp2& a, const Fp2& b) { return {a.c0 - b.c0, a.c1 - b.c1}; }
  friend Fp2 operator*(const Fp2& a, const Fp2& b) {
    // Karatsuba: three Fp multiplications.
    const Fp t0 = a.c0 * b.c0;
    const Fp t1 = a.c1 * b.c1;
    return {t0 - t1, (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
  }
  Fp2 operator-() const { return {-c0, -c1}; }
  Fp2& operator+=(const Fp2& o) { return *this = *this + o; }
  Fp2& operator-=(const Fp2& o) { return *this = *this - o; }
  Fp2& operator*=(const Fp2& o) { return *this = *this * o; }
  Fp2 Square() const {
    // (c0 + c1 u)^2 = (c0 + c1)(c0 - c1) + 2 c0 c1 u.
    const Fp t = c0 * c1;
    return {(c0 + c1) * (c0 - c1), t + t};
  }
  Fp2 Double() const { return {c0.Double(), c1.Double()}; }
  Fp2 MulByFp(const Fp& s) const { return {c0 * s, c1 * s}; }
  // Multiplication by xi = 1 + u, the non-residue defining Fp6.
  Fp2 MulByXi() const { return {c0 - c1, c0 + c1}; }
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
