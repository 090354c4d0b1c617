#include "crypto/pairing/pairing.h"

namespace sselab::crypto::pairing {
namespace {

constexpr uint64_t kAbsX = 0xd201000000010000ULL;
constexpr int kTopBit = 63;

// Line functions. With psi(x', y') = (x' / w^2, y' / w^3) mapping the twist E' into E,
// the line through psi(T) with slope lambda' / w, evaluated at P = (xP, yP) and scaled
// by w^3 (an element of a proper subfield, removed by the final exponentiation), is
//   (lambda' x_T - y_T) - lambda' xP v + yP v w.
// Scaling further by elements of Fp2 (also removed) clears the projective denominators.

// 3b' w = 12 xi w (b' = 4 xi) by additions, each about a twentieth of an Fp2 product.
Fp2 MulByB3(const Fp2& w) {
  const Fp2 w4 = w.MulByXi().Double().Double();
  return w4.Double() + w4;
}

// Doubling: T = (X : Y : Z) -> 2T. lambda' = 3X^2 / (2YZ); scaled by 2YZ^2 / Z and
// using Y^2 Z = X^3 + b' Z^3:  l0 = Y^2 - 3b' Z^2, l1 = -3X^2, l4 = 2YZ.
// 2T = (2XY (Y^2 - 9b'Z^2) : Y^4 + 18b'Y^2Z^2 - 27b'^2Z^4 : 8Y^3 Z).
G2Prepared::Line DoublingStep(Fp2& x, Fp2& y, Fp2& z) {
  const Fp2 xx = x.Square();
  const Fp2 yy = y.Square();
  const Fp2 t = MulByB3(z.Square());  // 3 b' Z^2
  const Fp2 yz = y * z;
  G2Prepared::Line line{yy - t, -(xx.Double() + xx), yz.Double()};
  const Fp2 t3 = t.Double() + t;
  const Fp2 x3 = (x * y).Double() * (yy - t3);
  // Y^4 + 6tY^2 - 3t^2 = (Y^2 + 3t)^2 - 4 (3t) t: a squaring and a product, where the
  // expanded form costs two squarings and a product.
  const Fp2 tt3 = t3 * t;
  const Fp2 y3 = (yy + t3).Square() - tt3.Double().Double();
  const Fp2 z3 = (yy * yz).Double().Double().Double();
  x = x3;
  y = y3;
  z = z3;
  return line;
}

// Addition: T = (X : Y : Z) -> T + Q. For affine Q = (x2, y2), with theta = Y - y2 Z and
// L = X - x2 Z, lambda' = theta / L; the line through Q scaled by L is
//   l0 = theta x2 - L y2, l1 = -theta, l4 = L,
// T + Q = (L D : theta (L^2 X - D) - Y L^3 : L^3 Z), D = theta^2 Z - 2 L^2 X + L^3.
// Q is used in projective form (X2 : Y2 : Z2) instead: normalizing it would cost an Fp
// inversion (about 470 FpMul), this five more Fp2 products in each of the five steps
// (about 55 FpMul). With theta' = Y Z2 - Y2 Z = Z2 theta and L' = X Z2 - X2 Z = Z2 L,
// the line scaled by Z2^2 (in Fp2, removed by the final exponentiation) is
//   l0 = theta' X2 - L' Y2, l1 = -theta' Z2, l4 = L' Z2,
// and substituting into T + Q and multiplying through by Z2^4 gives the formulas above
// with theta', L' applied to Z2 T = (X Z2 : Y Z2 : Z Z2).
G2Prepared::Line AdditionStep(Fp2& x, Fp2& y, Fp2& z, const Fp2& x2, const Fp2& y2, const Fp2& z2) {
  const Fp2 xs = x * z2;
  const Fp2 ys = y * z2;
  const Fp2 zs = z * z2;
  const Fp2 theta = ys - y2 * z;
  const Fp2 lam = xs - x2 * z;
  G2Prepared::Line line{theta * x2 - lam * y2, -(theta * z2), lam * z2};
  const Fp2 l2 = lam.Square();
  const Fp2 l3 = l2 * lam;
  const Fp2 l2x = l2 * xs;
  const Fp2 d = theta.Square() * zs - l2x.Double() + l3;
  const Fp2 x3 = lam * d;
  const Fp2 y3 = theta * (l2x - d) - ys * l3;
  const Fp2 z3 = l3 * zs;
  x = x3;
  y = y3;
  z = z3;
  return line;
}

// g^x for g in the cyclotomic subgroup (x < 0: exponentiate by |x|, then conjugate).
Fp12 CyclotomicExpByX(const Fp12& g) {
  Fp12 r = g;
  for (int b = kTopBit - 1; b >= 0; --b) {
    r = r.CyclotomicSquare();
    if ((kAbsX >> b) & 1) r *= g;
  }
  return r.Conjugate();
}

}  // namespace

G2Prepared::G2Prepared(const G2& q) {
  if (q.IsIdentity()) return;
  lines_.reserve(68);
  Fp2 x = q.x(), y = q.y(), z = q.z();
  for (int b = kTopBit - 1; b >= 0; --b) {
    lines_.push_back(DoublingStep(x, y, z));
    if ((kAbsX >> b) & 1) lines_.push_back(AdditionStep(x, y, z, q.x(), q.y(), q.z()));
  }
}

Fp12 MultiMillerLoop(std::span<const std::pair<G1, const G2Prepared*>> pairs) {
  // P is used in projective form (X : Y : Z), no inversion: each line, evaluated at
  // (X / Z, Y / Z), is scaled by Z in Fp*, a factor the final exponentiation removes.
  struct Active {
    Fp xp, yp, zp;
    const std::vector<G2Prepared::Line>* lines;
  };
  std::vector<Active> active;
  active.reserve(pairs.size());
  for (const auto& [p, q] : pairs) {
    if (q->is_identity() || p.IsIdentity()) continue;
    active.push_back({p.x(), p.y(), p.z(), &q->lines()});
  }
  Fp12 f = Fp12::One();
  if (active.empty()) return f;
  auto apply = [&f, &active](size_t idx) {
    for (const Active& a : active) {
      const G2Prepared::Line& l = (*a.lines)[idx];
      f = f.MulBy014(l.l0.MulByFp(a.zp), l.l1.MulByFp(a.xp), l.l4.MulByFp(a.yp));
    }
  };
  size_t idx = 0;
  for (int b = kTopBit - 1; b >= 0; --b) {
    if (b != kTopBit - 1) f = f.Square();
    apply(idx++);
    if ((kAbsX >> b) & 1) apply(idx++);
  }
  return f.Conjugate();  // x < 0
}

Fp12 MillerLoop(const G1& p, const G2Prepared& q) {
  const std::pair<G1, const G2Prepared*> one[1] = {{p, &q}};
  return MultiMillerLoop(one);
}

Gt FinalExponentiation(const Fp12& f) {
  // Easy part: f^((p^6 - 1)(p^2 + 1)) lands in the cyclotomic subgroup.
  Fp12 t = f.Conjugate() * f.Inverse();
  t = t.Frobenius(2) * t;
  // Hard part: t^((x - 1)^2 (x + p) (x^2 + p^2 - 1) + 3) = t^(3 (p^4 - p^2 + 1) / r).
  const Fp12 t0 = CyclotomicExpByX(t) * t.Conjugate();     // t^(x - 1)
  const Fp12 t1 = CyclotomicExpByX(t0) * t0.Conjugate();   // t^((x - 1)^2)
  const Fp12 t2 = CyclotomicExpByX(t1) * t1.Frobenius(1);  // ...(x + p)
  const Fp12 t3 = CyclotomicExpByX(CyclotomicExpByX(t2)) * t2.Frobenius(2) * t2.Conjugate();
  return Gt::FromFp12Unchecked(t3 * t.CyclotomicSquare() * t);
}

Gt Pairing(const G1& p, const G2& q) { return FinalExponentiation(MillerLoop(p, G2Prepared(q))); }

Gt MultiPairing(std::span<const std::pair<G1, G2>> pairs) {
  std::vector<G2Prepared> prepared;
  prepared.reserve(pairs.size());
  std::vector<std::pair<G1, const G2Prepared*>> refs;
  refs.reserve(pairs.size());
  for (const auto& [p, q] : pairs) prepared.emplace_back(q);
  for (size_t i = 0; i < pairs.size(); ++i) refs.emplace_back(pairs[i].first, &prepared[i]);
  return FinalExponentiation(MultiMillerLoop(refs));
}

}  // namespace sselab::crypto::pairing
