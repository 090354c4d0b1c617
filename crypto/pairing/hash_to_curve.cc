#include "crypto/pairing/hash_to_curve.h"

#include <array>
#include <string>

#include "crypto/hash.h"
#include "crypto/pairing/internal/iso_constants.h"

namespace sselab::crypto::pairing {
namespace {

constexpr size_t kHashBytes = 32;   // SHA-256 output (b_in_bytes)
constexpr size_t kBlockBytes = 64;  // SHA-256 input block (s_in_bytes)
constexpr size_t kFpL = 64;         // ceil((381 + 128) / 8)
constexpr size_t kFrL = 48;         // ceil((255 + 128) / 8)

Result<Bytes> HashToFieldBytes(ByteView msg, ByteView dst, size_t len) {
  return ExpandMessageXmd(msg, dst, len);
}

// RFC 9380 Sect. 6.6.2, straight-line form with inv0 and selections in place of the
// branches. F is Fp or Fp2. REQUIRES: one fixed (a, b, z) per field type (the derived
// constants are cached per F).
template <typename F>
void SimplifiedSwu(const F& u, const F& a, const F& b, const F& z, F* x_out, F* y_out) {
  static const F kMinusBOverA = -(b * a.Inverse());
  static const F kBOverZA = b * (z * a).Inverse();
  const F zu2 = z * u.Square();
  const F tv1 = (zu2.Square() + zu2).Inverse();
  const F x1 = F::Select(tv1.IsZero(), kBOverZA, kMinusBOverA * (F::One() + tv1));
  const F gx1 = (x1.Square() + a) * x1 + b;
  const F x2 = zu2 * x1;
  const F gx2 = (x2.Square() + a) * x2 + b;
  const bool e = gx1.IsSquare();
  const F x = F::Select(e, x1, x2);
  F y;
  (void)F::Select(e, gx1, gx2).Sqrt(&y);  // a root exists by construction
  *x_out = x;
  *y_out = F::Select(u.Sgn0() != y.Sgn0(), -y, y);
}

template <typename F, size_t N>
F Horner(const std::array<F, N>& k, const F& x) {
  F acc = k[N - 1];
  for (size_t i = N - 1; i-- > 0;) acc = acc * x + k[i];
  return acc;
}

// (x, y) on the isogenous curve -> isogeny image on E (identity if a denominator is 0).
template <typename Curve, typename F, size_t A, size_t B, size_t C, size_t D>
Point<Curve> ApplyIsogeny(const F& x, const F& y, const std::array<F, A>& xnum,
                          const std::array<F, B>& xden, const std::array<F, C>& ynum,
                          const std::array<F, D>& yden) {
  const F xn = Horner(xnum, x);
  const F xd = Horner(xden, x);
  const F yn = Horner(ynum, x);
  const F yd = Horner(yden, x);
  // Projective result: X = xn yd, Y = y yn xd, Z = xd yd.
  const F zz = xd * yd;
  const Point<Curve> p = Point<Curve>::FromProjective(xn * yd, y * yn * xd, zz);
  return Point<Curve>::Select(zz.IsZero(), Point<Curve>::Identity(), p);
}

template <size_t N>
constexpr std::array<Fp, N> FpArray(const char* const (&hex)[N]) {
  std::array<Fp, N> out{};
  for (size_t i = 0; i < N; ++i) out[i] = Fp::FromHex(hex[i]);
  return out;
}

template <size_t N>
constexpr std::array<Fp2, N> Fp2Array(const char* const (&hex)[N][2]) {
  std::array<Fp2, N> out{};
  for (size_t i = 0; i < N; ++i) out[i] = Fp2::FromHex(hex[i][0], hex[i][1]);
  return out;
}

}  // namespace

Result<Bytes> ExpandMessageXmd(ByteView msg, ByteView dst, size_t len) {
  if (dst.empty()) return InvalidArgumentError("expand_message_xmd: empty DST");
  const size_t ell = (len + kHashBytes - 1) / kHashBytes;
  if (len == 0 || ell > 255) {
    return InvalidArgumentError("expand_message_xmd: output length " + std::to_string(len) +
                                " is outside 1..8160");
  }
  Bytes dst_prime;
  if (dst.size() > 255) {
    Sha256Hasher h;
    h.Update(AsBytes("H2C-OVERSIZE-DST-"));
    h.Update(dst);
    const Digest256 d = h.Finish();
    dst_prime.assign(d.begin(), d.end());
  } else {
    dst_prime.assign(dst.begin(), dst.end());
  }
  dst_prime.push_back(static_cast<uint8_t>(dst_prime.size()));

  Sha256Hasher h;
  const std::array<uint8_t, kBlockBytes> z_pad{};
  h.Update(z_pad);
  h.Update(msg);
  const std::array<uint8_t, 3> lib_zero = {static_cast<uint8_t>(len >> 8),
                                           static_cast<uint8_t>(len), 0};
  h.Update(lib_zero);
  h.Update(dst_prime);
  const Digest256 b0 = h.Finish();

  Bytes out;
  out.reserve(ell * kHashBytes);
  Digest256 prev{};  // b_0 xor b_0 = 0 gives the b_1 input
  for (size_t i = 1; i <= ell; ++i) {
    std::array<uint8_t, kHashBytes + 1> block{};
    for (size_t j = 0; j < kHashBytes; ++j) block[j] = static_cast<uint8_t>(b0[j] ^ prev[j]);
    block[kHashBytes] = static_cast<uint8_t>(i);
    h.Update(block);
    h.Update(dst_prime);
    prev = h.Finish();
    out.insert(out.end(), prev.begin(), prev.end());
  }
  out.resize(len);
  return out;
}

Result<std::vector<Fp>> HashToFieldFp(ByteView msg, ByteView dst, size_t count) {
  SSELAB_ASSIGN_OR_RETURN(Bytes uniform, HashToFieldBytes(msg, dst, count * kFpL));
  std::vector<Fp> out;
  for (size_t i = 0; i < count; ++i) {
    out.push_back(Fp::FromBytesReduced(ByteView(uniform).subspan(i * kFpL, kFpL)));
  }
  return out;
}

Result<std::vector<Fp2>> HashToFieldFp2(ByteView msg, ByteView dst, size_t count) {
  SSELAB_ASSIGN_OR_RETURN(Bytes uniform, HashToFieldBytes(msg, dst, count * 2 * kFpL));
  std::vector<Fp2> out;
  for (size_t i = 0; i < count; ++i) {
    const ByteView e = ByteView(uniform).subspan(2 * i * kFpL, 2 * kFpL);
    out.emplace_back(Fp::FromBytesReduced(e.first(kFpL)), Fp::FromBytesReduced(e.subspan(kFpL)));
  }
  return out;
}

G1 MapToCurveG1(const Fp& u) {
  static constexpr Fp kA = Fp::FromHex(
      "144698a3b8e9433d693a02c96d4982b0ea985383ee66a8d8e8981aefd881ac98936f8da0e0f97f5cf428082d584c"
      "1d");
  static constexpr Fp kB = Fp::FromHex(
      "12e2908d11688030018b12e8753eee3b2016c1f0f24f4070a0b9c14fcef35ef55a23215a316ceaa5d1cc48e98e17"
      "2be0");
  static constexpr Fp kZ = Fp::FromU64(11);
  static constexpr auto kXNum = FpArray(internal::kG1IsoXNum);
  static constexpr auto kXDen = FpArray(internal::kG1IsoXDen);
  static constexpr auto kYNum = FpArray(internal::kG1IsoYNum);
  static constexpr auto kYDen = FpArray(internal::kG1IsoYDen);
  Fp x, y;
  SimplifiedSwu(u, kA, kB, kZ, &x, &y);
  return ApplyIsogeny<G1Curve>(x, y, kXNum, kXDen, kYNum, kYDen);
}

G2 MapToCurveG2(const Fp2& u) {
  static constexpr Fp2 kA{Fp::Zero(), Fp::FromU64(240)};
  static constexpr Fp2 kB{Fp::FromU64(1012), Fp::FromU64(1012)};
  static const Fp2 kZ = -Fp2(Fp::FromU64(2), Fp::One());
  static constexpr auto kXNum = Fp2Array(internal::kG2IsoXNum);
  static constexpr auto kXDen = Fp2Array(internal::kG2IsoXDen);
  static constexpr auto kYNum = Fp2Array(internal::kG2IsoYNum);
  static constexpr auto kYDen = Fp2Array(internal::kG2IsoYDen);
  Fp2 x, y;
  SimplifiedSwu(u, kA, kB, kZ, &x, &y);
  return ApplyIsogeny<G2Curve>(x, y, kXNum, kXDen, kYNum, kYDen);
}

Result<G1> HashToG1(ByteView msg, ByteView dst) {
  SSELAB_ASSIGN_OR_RETURN(std::vector<Fp> u, HashToFieldFp(msg, dst, 2));
  return G1ClearCofactor(MapToCurveG1(u[0]) + MapToCurveG1(u[1]));
}

Result<G2> HashToG2(ByteView msg, ByteView dst) {
  SSELAB_ASSIGN_OR_RETURN(std::vector<Fp2> u, HashToFieldFp2(msg, dst, 2));
  return G2ClearCofactor(MapToCurveG2(u[0]) + MapToCurveG2(u[1]));
}

Result<Fr> HashToFr(ByteView msg, ByteView dst) {
  SSELAB_ASSIGN_OR_RETURN(Bytes uniform, HashToFieldBytes(msg, dst, kFrL));
  return Fr::FromBytesReduced(uniform);
}

}  // namespace sselab::crypto::pairing
