// Fp6 = Fp2[v]/(v^3 - xi), xi = 1 + u: elements c0 + c1 v + c2 v^2.
#ifndef SSELAB_CRYPTO_PAIRING_FP6_H_
#define SSELAB_CRYPTO_PAIRING_FP6_H_

#include "crypto/pairing/fp2.h"

namespace sselab::crypto::pairing {

struct Fp6 {
  Fp2 c0, c1, c2;

  static Fp6 Zero() { return {}; }
  static Fp6 One() { return {Fp2::One(), Fp2::Zero(), Fp2::Zero()}; }

  friend Fp6 operator+(const Fp6& a, const Fp6& b) {
    return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2};
  }
  friend Fp6 operator-(const Fp6& a, const Fp6& b) {
    return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2};
  }
  friend Fp6 operator*(const Fp6& a, const Fp6& b);
  Fp6 operator-() const { return {-c0, -c1, -c2}; }
  Fp6 Square() const;
  // Multiplication by v: (c0, c1, c2) -> (xi c2, c0, c1).
  Fp6 MulByV() const { return {c2.MulByXi(), c0, c1}; }
  // Multiplication by the sparse element b0 + b1 v.
  Fp6 MulBy01(const Fp2& b0, const Fp2& b1) const;
  // Multiplication by the sparse element b1 v.
  Fp6 MulBy1(const Fp2& b1) const;
  Fp6 Inverse() const;  // zero maps to zero
  bool IsZero() const {
    return static_cast<bool>(static_cast<int>(c0.IsZero()) & static_cast<int>(c1.IsZero()) &
                             static_cast<int>(c2.IsZero()));
  }
  friend bool operator==(const Fp6& a, const Fp6& b) {
    return static_cast<bool>(static_cast<int>(a.c0 == b.c0) & static_cast<int>(a.c1 == b.c1) &
                             static_cast<int>(a.c2 == b.c2));
  }
  static Fp6 Select(bool choice, const Fp6& a, const Fp6& b) {
    return {Fp2::Select(choice, a.c0, b.c0), Fp2::Select(choice, a.c1, b.c1),
            Fp2::Select(choice, a.c2, b.c2)};
  }
};

}  // namespace sselab::crypto::pairing

#endif  // SSELAB_CRYPTO_PAIRING_FP6_H_
