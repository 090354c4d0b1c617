#include "crypto/pairing/fp2.h"

namespace sselab::crypto::pairing {

Fp2 operator*(const Fp2& a, const Fp2& b) {
  // Karatsuba with lazy reduction: three double-width products, two Montgomery
  // reductions. c0 = a0 b0 - a1 b1 (plus p 2^384 if negative, so it stays in
  // [0, p 2^384)); c1 = (a0 + a1)(b0 + b1) - a0 b0 - a1 b1 = a0 b1 + a1 b0 < 2p^2,
  // where the unreduced sums are below 2p and their product below 4p^2 < p 2^384.
  using internal::kFpInv;
  using internal::kFpModulus;
  const auto& a0 = a.c0.montgomery_limbs();
  const auto& a1 = a.c1.montgomery_limbs();
  const auto& b0 = b.c0.montgomery_limbs();
  const auto& b1 = b.c1.montgomery_limbs();
  const auto t0 = internal::MulWideLimbs<6>(a0, b0);
  const auto t1 = internal::MulWideLimbs<6>(a1, b1);
  auto s =
      internal::MulWideLimbs<6>(internal::AddNoReduce<6>(a0, a1), internal::AddNoReduce<6>(b0, b1));
  internal::SubWide<6>(s, t0);
  internal::SubWide<6>(s, t1);
  auto d = t0;
  const uint64_t negative = internal::SubWide<6>(d, t1);
  internal::AddHighMasked<6>(d, kFpModulus, 0 - negative);
  return {Fp::FromMontgomeryLimbs(internal::MontRedc<6>(d, kFpModulus, kFpInv)),
          Fp::FromMontgomeryLimbs(internal::MontRedc<6>(s, kFpModulus, kFpInv))};
}

Fp2 Fp2::Inverse() const {
  const Fp n = Norm().Inverse();
  return {c0 * n, -(c1 * n)};
}

bool Fp2::Sqrt(Fp2* out) const {
  // Adj and Rodriguez-Henriquez, "Square root computation over even extension fields",
  // eprint 2012/685, Alg. 9 (q = p^2, p = 3 mod 4), with the branch on alpha = -1 turned
  // into a selection.
  Fp2 a1 = One();
  {
    // a1 = this^((p-3)/4), square-and-multiply over the public exponent.
    const auto& e = internal::kPMinus3Over4;
    for (size_t i = e.size(); i-- > 0;) {
      for (int b = 63; b >= 0; --b) {
        a1 = a1.Square();
        if ((e[i] >> b) & 1) a1 *= *this;
      }
    }
  }
  const Fp2 x0 = a1 * *this;  // this^((p+1)/4)
  const Fp2 alpha = a1 * x0;  // this^((p-1)/2)
  const Fp2 minus_one = -One();
  const bool alpha_is_minus_one = alpha == minus_one;
  // Case alpha = -1: x = u * x0.
  const Fp2 x_neg{-x0.c1, x0.c0};
  // Otherwise: x = (1 + alpha)^((p-1)/2) * x0.
  Fp2 b = One();
  const Fp2 base = One() + alpha;
  const auto& e = internal::kPMinus1Over2;
  for (size_t i = e.size(); i-- > 0;) {
    for (int bit = 63; bit >= 0; --bit) {
      b = b.Square();
      if ((e[i] >> bit) & 1) b *= base;
    }
  }
  const Fp2 x = Select(alpha_is_minus_one, x_neg, b * x0);
  *out = x;
  return x.Square() == *this;
}

bool Fp2::Sgn0() const {
  const bool sign0 = c0.Sgn0();
  const bool zero0 = c0.IsZero();
  const bool sign1 = c1.Sgn0();
  return static_cast<bool>(static_cast<int>(sign0) |
                           (static_cast<int>(zero0) & static_cast<int>(sign1)));
}

bool Fp2::LexicographicallyLargest() const {
  const bool c1_large = c1.LexicographicallyLargest();
  const bool c1_zero = c1.IsZero();
  const bool c0_large = c0.LexicographicallyLargest();
  return static_cast<bool>(static_cast<int>(c1_large) |
                           (static_cast<int>(c1_zero) & static_cast<int>(c0_large)));
}

}  // namespace sselab::crypto::pairing
