#include "crypto/pairing/fp12.h"

#include <array>
#include <string>

#include "crypto/pairing/internal/constants.h"

namespace sselab::crypto::pairing {
namespace {

using Gamma = std::array<std::array<Fp2, 6>, 3>;

constexpr Gamma MakeGamma() {
  Gamma g{};
  for (size_t k = 0; k < 3; ++k) {
    for (size_t j = 0; j < 6; ++j) {
      g[k][j] =
          Fp2::FromHex(internal::kFrobeniusGamma[k][j][0], internal::kFrobeniusGamma[k][j][1]);
    }
  }
  return g;
}

constexpr Gamma kGamma = MakeGamma();

}  // namespace

Fp12 operator*(const Fp12& a, const Fp12& b) {
  const Fp6 t0 = a.c0 * b.c0;
  const Fp6 t1 = a.c1 * b.c1;
  return {t0 + t1.MulByV(), (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
}

Fp12 Fp12::Square() const {
  // Complex squaring: (c0 + c1 w)^2 = (c0 + c1)(c0 + v c1) - t - v t + 2 t w, t = c0 c1.
  const Fp6 t = c0 * c1;
  const Fp6 r0 = (c0 + c1) * (c0 + c1.MulByV()) - t - t.MulByV();
  return {r0, t + t};
}

Fp12 Fp12::Inverse() const {
  const Fp6 d = (c0.Square() - c1.Square().MulByV()).Inverse();
  return {c0 * d, -(c1 * d)};
}

Fp12 Fp12::Frobenius(int k) const {
  // (a w^j)^(p^k) = a^(p^k) gamma[k][j] w^j, and a^(p^k) is the conjugate for odd k.
  const auto& g = kGamma[static_cast<size_t>(k - 1)];
  const bool odd = (k & 1) != 0;
  auto f = [odd](const Fp2& a) { return odd ? a.Conjugate() : a; };
  return {{f(c0.c0), f(c0.c1) * g[2], f(c0.c2) * g[4]},
          {f(c1.c0) * g[1], f(c1.c1) * g[3], f(c1.c2) * g[5]}};
}

Fp12 Fp12::CyclotomicSquare() const {
  // View the element as A + B w + C w^2 over Fp4 = Fp2[s]/(s^2 - xi), s = w^3:
  // A = a0 + a3 s, B = a1 + a4 s, C = a2 + a5 s. Then the square is
  // (3 A^2 - 2 conj(A)) + (3 s C^2 + 2 conj(B)) w + (3 B^2 - 2 conj(C)) w^2.
  auto fp4_square = [](const Fp2& x, const Fp2& y, Fp2* r0, Fp2* r1) {
    const Fp2 t0 = x.Square();
    const Fp2 t1 = y.Square();
    *r0 = t0 + t1.MulByXi();
    *r1 = (x + y).Square() - t0 - t1;
  };
  const Fp2& a0 = c0.c0;
  const Fp2& a2 = c0.c1;
  const Fp2& a4 = c0.c2;
  const Fp2& a1 = c1.c0;
  const Fp2& a3 = c1.c1;
  const Fp2& a5 = c1.c2;
  Fp2 sa0, sa1, sb0, sb1, sc0, sc1;
  fp4_square(a0, a3, &sa0, &sa1);  // A^2
  fp4_square(a1, a4, &sb0, &sb1);  // B^2
  fp4_square(a2, a5, &sc0, &sc1);  // C^2
  // 3x - 2a = 2(x - a) + x and 3x + 2a = 2(x + a) + x: three additions instead of four.
  auto three_minus_two = [](const Fp2& x, const Fp2& a) { return (x - a).Double() + x; };
  auto three_plus_two = [](const Fp2& x, const Fp2& a) { return (x + a).Double() + x; };
  // A' = 3 A^2 - 2 conj(A)
  const Fp2 r0 = three_minus_two(sa0, a0);
  const Fp2 r3 = three_plus_two(sa1, a3);
  // B' = 3 s C^2 + 2 conj(B); s C^2 = xi sc1 + sc0 s
  const Fp2 r1 = three_plus_two(sc1.MulByXi(), a1);
  const Fp2 r4 = three_minus_two(sc0, a4);
  // C' = 3 B^2 - 2 conj(C)
  const Fp2 r2 = three_minus_two(sb0, a2);
  const Fp2 r5 = three_plus_two(sb1, a5);
  return {{r0, r2, r4}, {r1, r3, r5}};
}

Fp12 Fp12::MulBy014(const Fp2& l0, const Fp2& l1, const Fp2& l4) const {
  // Line = L0 + L1 w with L0 = l0 + l1 v and L1 = l4 v.
  const Fp6 t0 = c0.MulBy01(l0, l1);
  const Fp6 t1 = c1.MulBy1(l4);
  const Fp6 r1 = (c0 + c1).MulBy01(l0, l1 + l4) - t0 - t1;
  return {t0 + t1.MulByV(), r1};
}

void Fp12::ToBytes(std::span<uint8_t, kBytes> out) const {
  const Fp* parts[12] = {&c0.c0.c0, &c0.c0.c1, &c0.c1.c0, &c0.c1.c1, &c0.c2.c0, &c0.c2.c1,
                         &c1.c0.c0, &c1.c0.c1, &c1.c1.c0, &c1.c1.c1, &c1.c2.c0, &c1.c2.c1};
  for (size_t i = 0; i < 12; ++i) parts[i]->ToBytes(out.subspan(48 * i).first<48>());
}

Result<Fp12> Fp12::FromBytes(ByteView bytes) {
  if (bytes.size() != kBytes) {
    return CorruptionError("GT element: expected 576 bytes, got " + std::to_string(bytes.size()));
  }
  Fp12 r;
  Fp* parts[12] = {&r.c0.c0.c0, &r.c0.c0.c1, &r.c0.c1.c0, &r.c0.c1.c1, &r.c0.c2.c0, &r.c0.c2.c1,
                   &r.c1.c0.c0, &r.c1.c0.c1, &r.c1.c1.c0, &r.c1.c1.c1, &r.c1.c2.c0, &r.c1.c2.c1};
  for (size_t i = 0; i < 12; ++i) {
    auto fp = Fp::FromBytes(bytes.subspan(48 * i, 48));
    if (!fp.ok()) return fp.error().WithContext("GT element coefficient " + std::to_string(i));
    *parts[i] = *fp;
  }
  return r;
}

}  // namespace sselab::crypto::pairing
