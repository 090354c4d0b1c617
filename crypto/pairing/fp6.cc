#include "crypto/pairing/fp6.h"

namespace sselab::crypto::pairing {

Fp6 operator*(const Fp6& a, const Fp6& b) {
  // Karatsuba over three coefficients, reducing v^3 = xi.
  const Fp2 t0 = a.c0 * b.c0;
  const Fp2 t1 = a.c1 * b.c1;
  const Fp2 t2 = a.c2 * b.c2;
  const Fp2 r0 = ((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2).MulByXi() + t0;
  const Fp2 r1 = (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + t2.MulByXi();
  const Fp2 r2 = (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1;
  return {r0, r1, r2};
}

Fp6 Fp6::Square() const {
  // Chung and Hasan, "Asymmetric squaring formulae", ARITH 2007, CH-SQR2.
  const Fp2 s0 = c0.Square();
  const Fp2 s1 = (c0 * c1).Double();
  const Fp2 s2 = (c0 - c1 + c2).Square();
  const Fp2 s3 = (c1 * c2).Double();
  const Fp2 s4 = c2.Square();
  return {s0 + s3.MulByXi(), s1 + s4.MulByXi(), s1 + s2 + s3 - s0 - s4};
}

Fp6 Fp6::MulBy01(const Fp2& b0, const Fp2& b1) const {
  // (c0 + c1 v + c2 v^2)(b0 + b1 v) with v^3 = xi.
  const Fp2 t0 = c0 * b0;
  const Fp2 t1 = c1 * b1;
  const Fp2 r0 = (c2 * b1).MulByXi() + t0;
  const Fp2 r1 = (c0 + c1) * (b0 + b1) - t0 - t1;
  const Fp2 r2 = c2 * b0 + t1;
  return {r0, r1, r2};
}

Fp6 Fp6::MulBy1(const Fp2& b1) const { return {(c2 * b1).MulByXi(), c0 * b1, c1 * b1}; }

Fp6 Fp6::Inverse() const {
  const Fp2 a = c0.Square() - (c1 * c2).MulByXi();
  const Fp2 b = c2.Square().MulByXi() - c0 * c1;
  const Fp2 c = c1.Square() - c0 * c2;
  const Fp2 f = c0 * a + (c2 * b + c1 * c).MulByXi();
  const Fp2 fi = f.Inverse();
  return {a * fi, b * fi, c * fi};
}

}  // namespace sselab::crypto::pairing
