// Fp12 = Fp6[w]/(w^2 - v): elements c0 + c1 w. Also w^6 = xi, so an element is
// sum_j a_j w^j with a_j in Fp2: c0 = (a0, a2, a4), c1 = (a1, a3, a5).
#ifndef SSELAB_CRYPTO_PAIRING_FP12_H_
#define SSELAB_CRYPTO_PAIRING_FP12_H_

#include <span>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/pairing/fp6.h"

namespace sselab::crypto::pairing {

struct Fp12 {
  static constexpr size_t kBytes = 576;
  Fp6 c0, c1;

  static Fp12 One() { return {Fp6::One(), Fp6::Zero()}; }

  friend Fp12 operator*(const Fp12& a, const Fp12& b);
  Fp12& operator*=(const Fp12& o) { return *this = *this * o; }
  Fp12 Square() const;
  // The conjugate over Fp6, c0 - c1 w, which is the p^6-power Frobenius. For elements
  // of the cyclotomic subgroup (all pairing values) it is the inverse.
  Fp12 Conjugate() const { return {c0, -c1}; }
  Fp12 Inverse() const;  // zero maps to zero
  // this^(p^k) for k in {1, 2, 3}.
  Fp12 Frobenius(int k) const;
  // Squaring in the cyclotomic subgroup (elements with this^(p^4 - p^2 + 1) = 1, e.g. every
  // value after the easy part of the final exponentiation, and all of GT). Granger and
  // Scott, "Faster squaring in the cyclotomic subgroup of sixth degree extensions",
  // PKC 2010, Sect. 3.2. REQUIRES: this is in that subgroup; otherwise the result is
  // meaningless.
  Fp12 CyclotomicSquare() const;
  // Multiplication by the sparse line value l0 + l1 v + l4 v w (slots 0, 1 and 4 of
  // (c0.c0, c0.c1, c0.c2, c1.c0, c1.c1, c1.c2)).
  Fp12 MulBy014(const Fp2& l0, const Fp2& l1, const Fp2& l4) const;

  bool IsOne() const { return c0 == Fp6::One() && c1.IsZero(); }
  friend bool operator==(const Fp12& a, const Fp12& b) { return a.c0 == b.c0 && a.c1 == b.c1; }
  static Fp12 Select(bool choice, const Fp12& a, const Fp12& b) {
    return {Fp6::Select(choice, a.c0, b.c0), Fp6::Select(choice, a.c1, b.c1)};
  }

  // 576 bytes: c0 || c1, each Fp6 as c0 || c1 || c2, each Fp2 as c0 || c1, each Fp as
  // 48 big-endian bytes.
  void ToBytes(std::span<uint8_t, kBytes> out) const;
  // Inverse of ToBytes. Errors (kCorruption): wrong length or a non-canonical Fp.
  static Result<Fp12> FromBytes(ByteView bytes);
};

}  // namespace sselab::crypto::pairing

#endif  // SSELAB_CRYPTO_PAIRING_FP12_H_
