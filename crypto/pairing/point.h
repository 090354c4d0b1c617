// Points of a short Weierstrass curve y^2 = x^3 + b (a = 0) over a field F, in
// homogeneous projective coordinates (X : Y : Z), x = X/Z, y = Y/Z; the identity is
// (0 : 1 : 0). G1 and G2 (g1.h, g2.h) are instances.
//
// Addition and doubling use the complete formulas of Renes, Costello and Batina,
// "Complete addition formulas for prime order elliptic curves", EUROCRYPT 2016
// (eprint 2015/1060), Alg. 7 and Alg. 9. They have no exceptional cases on curves
// without points of order 2 (both E(Fp) and E'(Fp2) have odd order), so addition is
// branch-free, including P + P, P + (-P) and the identity.
//
// Curve must provide: `using Field`, `static constexpr Field kB` and `kB3` (= 3b).
#ifndef SSELAB_CRYPTO_PAIRING_POINT_H_
#define SSELAB_CRYPTO_PAIRING_POINT_H_

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "crypto/pairing/fr.h"

namespace sselab::crypto::pairing {

template <typename Curve>
class Point {
 public:
  using F = typename Curve::Field;

  Point() : x_(F::Zero()), y_(F::One()), z_(F::Zero()) {}  // the identity
  static Point Identity() { return Point(); }
  // REQUIRES: (x, y) is on the curve (use IsOnCurve to validate untrusted input).
  static Point FromAffine(const F& x, const F& y) { return Point(x, y, F::One()); }
  static Point FromProjective(const F& x, const F& y, const F& z) { return Point(x, y, z); }

  bool IsIdentity() const { return z_.IsZero(); }
  // Y^2 Z == X^3 + b Z^3, and not (0 : 0 : 0).
  bool IsOnCurve() const {
    const F lhs = y_.Square() * z_;
    const F rhs = x_.Square() * x_ + Curve::kB * z_.Square() * z_;
    return lhs == rhs && !(x_.IsZero() && y_.IsZero() && z_.IsZero());
  }
  // Affine coordinates; returns false (and leaves x, y untouched) for the identity.
  bool ToAffine(F* x, F* y) const {
    if (IsIdentity()) return false;
    const F zi = z_.Inverse();
    *x = x_ * zi;
    *y = y_ * zi;
    return true;
  }
  const F& x() const { return x_; }
  const F& y() const { return y_; }
  const F& z() const { return z_; }

  friend bool operator==(const Point& a, const Point& b) {
    // Cross-multiplication also matches the identity's representation (0 : Y : 0).
    return (a.x_ * b.z_ == b.x_ * a.z_) && (a.y_ * b.z_ == b.y_ * a.z_);
  }
  friend bool operator!=(const Point& a, const Point& b) { return !(a == b); }

  Point operator-() const { return Point(x_, -y_, z_); }
  friend Point operator-(const Point& a, const Point& b) { return a + (-b); }
  Point& operator+=(const Point& o) { return *this = *this + o; }

  friend Point operator+(const Point& p, const Point& q) {
    // RCB Alg. 7 (a = 0).
    F t0 = p.x_ * q.x_;
    F t1 = p.y_ * q.y_;
    F t2 = p.z_ * q.z_;
    F t3 = (p.x_ + p.y_) * (q.x_ + q.y_);
    F t4 = t0 + t1;
    t3 = t3 - t4;
    t4 = (p.y_ + p.z_) * (q.y_ + q.z_);
    F x3 = t1 + t2;
    t4 = t4 - x3;
    x3 = (p.x_ + p.z_) * (q.x_ + q.z_);
    F y3 = t0 + t2;
    y3 = x3 - y3;
    x3 = t0 + t0;
    t0 = x3 + t0;
    t2 = Curve::kB3 * t2;
    F z3 = t1 + t2;
    t1 = t1 - t2;
    y3 = Curve::kB3 * y3;
    x3 = t4 * y3;
    t2 = t3 * t1;
    x3 = t2 - x3;
    y3 = y3 * t0;
    t1 = t1 * z3;
    y3 = t1 + y3;
    t0 = t0 * t3;
    z3 = z3 * t4;
    z3 = z3 + t0;
    return Point(x3, y3, z3);
  }

  Point Double() const {
    // RCB Alg. 9 (a = 0).
    F t0 = y_.Square();
    F z3 = t0 + t0;
    z3 = z3 + z3;
    z3 = z3 + z3;
    F t1 = y_ * z_;
    F t2 = z_.Square();
    t2 = Curve::kB3 * t2;
    F x3 = t2 * z3;
    F y3 = t0 + t2;
    z3 = t1 * z3;
    t1 = t2 + t2;
    t2 = t1 + t2;
    t0 = t0 - t2;
    y3 = t0 * y3;
    y3 = x3 + y3;
    t1 = x_ * y_;
    x3 = t0 * t1;
    x3 = x3 + x3;
    return Point(x3, y3, z3);
  }

  static Point Select(bool choice, const Point& a, const Point& b) {
    return Point(F::Select(choice, a.x_, b.x_), F::Select(choice, a.y_, b.y_),
                 F::Select(choice, a.z_, b.z_));
  }

  // k * this in constant time (fixed 4-bit windows, every table entry read each window).
  // Use for secret scalars.
  Point Mul(const Fr& k) const {
    std::array<Point, 16> table;
    table[1] = *this;
    for (size_t i = 2; i < 16; ++i) table[i] = table[i - 1] + *this;
    const Fr::Limbs e = k.ToCanonical();
    Point acc;
    for (size_t w = 64; w-- > 0;) {
      acc = acc.Double().Double().Double().Double();
      const uint64_t nibble = (e[w / 16] >> (4 * (w % 16))) & 0xf;
      Point sel;
      for (uint64_t i = 1; i < 16; ++i) {
        const uint64_t d = i ^ nibble;
        const bool eq = ((d | (0 - d)) >> 63) == 0;
        sel = Select(eq, table[i], sel);
      }
      acc = acc + sel;
    }
    return acc;
  }

  // k * this for a public scalar k (little-endian limbs); branches on k's bits.
  Point MulVartime(std::span<const uint64_t> k) const {
    Point acc;
    bool started = false;
    for (size_t i = k.size(); i-- > 0;) {
      for (int b = 63; b >= 0; --b) {
        if (started) acc = acc.Double();
        if ((k[i] >> b) & 1) {
          acc = acc + *this;
          started = true;
        }
      }
    }
    return acc;
  }

  // sum_i scalars[i] * points[i] by Pippenger's bucket method. Variable time: only for
  // public scalars. REQUIRES: the spans have equal length.
  static Point MultiScalarMulVartime(std::span<const Point> points, std::span<const Fr> scalars) {
    const size_t n = points.size() < scalars.size() ? points.size() : scalars.size();
    if (n == 0) return Point();
    size_t c = 2;
    while (c < 12 && (size_t{1} << (c + 2)) < n) ++c;  // window ~ log2(n) - 1
    std::vector<Fr::Limbs> k(n);
    for (size_t i = 0; i < n; ++i) k[i] = scalars[i].ToCanonical();
    auto digit = [&k](size_t i, size_t bit, size_t width) {
      uint64_t v = 0;
      for (size_t j = 0; j < width && bit + j < 256; ++j) {
        v |= ((k[i][(bit + j) / 64] >> ((bit + j) % 64)) & 1) << j;
      }
      return v;
    };
    const size_t windows = (256 + c - 1) / c;
    std::vector<Point> buckets((size_t{1} << c) - 1);
    Point acc;
    for (size_t w = windows; w-- > 0;) {
      for (size_t d = 0; d < c; ++d) acc = acc.Double();
      for (auto& b : buckets) b = Point();
      for (size_t i = 0; i < n; ++i) {
        const uint64_t d = digit(i, w * c, c);
        if (d != 0) buckets[d - 1] += points[i];
      }
      Point running, sum;
      for (size_t j = buckets.size(); j-- > 0;) {
        running += buckets[j];
        sum += running;
      }
      acc += sum;
    }
    return acc;
  }

 private:
  Point(const F& x, const F& y, const F& z) : x_(x), y_(y), z_(z) {}
  F x_, y_, z_;
};

}  // namespace sselab::crypto::pairing

#endif  // SSELAB_CRYPTO_PAIRING_POINT_H_
