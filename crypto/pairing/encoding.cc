#include "crypto/pairing/encoding.h"

#include <algorithm>
#include <span>
#include <string>

namespace sselab::crypto::pairing {
namespace {

constexpr uint8_t kCompressedFlag = 0x80;
constexpr uint8_t kInfinityFlag = 0x40;
constexpr uint8_t kSignFlag = 0x20;
constexpr uint8_t kFlagMask = 0xe0;

// Field-specific encoding of one coordinate.
void PutField(const Fp& v, std::span<uint8_t> out) { v.ToBytes(out.first<48>()); }
void PutField(const Fp2& v, std::span<uint8_t> out) {
  v.c1.ToBytes(out.first<48>());
  v.c0.ToBytes(out.subspan(48).first<48>());
}
Result<Fp> GetField(ByteView in, Fp*) { return Fp::FromBytes(in); }
Result<Fp2> GetField(ByteView in, Fp2*) {
  SSELAB_ASSIGN_OR_RETURN(Fp c1, Fp::FromBytes(in.first(48)));
  SSELAB_ASSIGN_OR_RETURN(Fp c0, Fp::FromBytes(in.subspan(48)));
  return Fp2(c0, c1);
}

template <typename Curve>
struct Traits;
template <>
struct Traits<G1Curve> {
  static constexpr const char* kName = "G1 point";
  static constexpr size_t kFieldBytes = 48;
  static bool InSubgroup(const G1& p) { return G1InSubgroup(p); }
};
template <>
struct Traits<G2Curve> {
  static constexpr const char* kName = "G2 point";
  static constexpr size_t kFieldBytes = 96;
  static bool InSubgroup(const G2& q) { return G2InSubgroup(q); }
};

template <typename Curve, size_t kLen>
std::array<uint8_t, kLen> Encode(const Point<Curve>& p) {
  using F = typename Curve::Field;
  constexpr size_t n = Traits<Curve>::kFieldBytes;
  constexpr bool compressed = kLen == n;
  std::array<uint8_t, kLen> out{};
  F x, y;
  if (!p.ToAffine(&x, &y)) {
    out[0] = kInfinityFlag | (compressed ? kCompressedFlag : 0);
    return out;
  }
  PutField(x, std::span<uint8_t>(out).first(n));
  if (compressed) {
    out[0] |= kCompressedFlag;
    if (y.LexicographicallyLargest()) out[0] |= kSignFlag;
  } else {
    PutField(y, std::span<uint8_t>(out).subspan(n, n));
  }
  return out;
}

template <typename Curve, size_t kLen>
Result<Point<Curve>> Decode(ByteView in) {
  using F = typename Curve::Field;
  using P = Point<Curve>;
  constexpr size_t n = Traits<Curve>::kFieldBytes;
  constexpr bool compressed = kLen == n;
  const std::string name =
      std::string(Traits<Curve>::kName) + (compressed ? " (compressed)" : " (uncompressed)");
  auto fail = [&name](const std::string& why) { return CorruptionError(name + ": " + why); };
  if (in.size() != kLen) {
    return fail("expected " + std::to_string(kLen) + " bytes, got " + std::to_string(in.size()));
  }
  const uint8_t flags = in[0] & kFlagMask;
  if (((flags & kCompressedFlag) != 0) != compressed) {
    return fail(compressed ? "compression flag is not set" : "compression flag is set");
  }
  const bool sign = (flags & kSignFlag) != 0;
  if ((flags & kInfinityFlag) != 0) {
    if (sign) return fail("infinity flag with the sign flag set");
    const bool rest_zero = (in[0] & ~kFlagMask) == 0 &&
                           std::all_of(in.begin() + 1, in.end(), [](uint8_t b) { return b == 0; });
    if (!rest_zero) return fail("infinity flag with non-zero coordinate bits");
    return P::Identity();
  }
  if (!compressed && sign) return fail("sign flag set on an uncompressed encoding");
  std::array<uint8_t, n> xb{};
  std::copy(in.begin(), in.begin() + n, xb.begin());
  xb[0] &= static_cast<uint8_t>(~kFlagMask);
  auto x = GetField(xb, static_cast<F*>(nullptr));
  if (!x.ok()) return fail("x coordinate: " + x.error().message());
  F y;
  if (compressed) {
    const F rhs = x->Square() * *x + Curve::kB;
    if (!rhs.Sqrt(&y)) return fail("x is not the x-coordinate of a curve point");
    if (y.LexicographicallyLargest() != sign) y = -y;
  } else {
    auto yr = GetField(in.subspan(n, n), static_cast<F*>(nullptr));
    if (!yr.ok()) return fail("y coordinate: " + yr.error().message());
    y = *yr;
  }
  const P p = P::FromAffine(*x, y);
  if (!p.IsOnCurve()) return fail("point is not on the curve");
  if (!Traits<Curve>::InSubgroup(p)) return fail("point is not in the prime-order subgroup");
  return p;
}

}  // namespace

std::array<uint8_t, kG1CompressedBytes> G1ToCompressed(const G1& p) {
  return Encode<G1Curve, kG1CompressedBytes>(p);
}
std::array<uint8_t, kG1UncompressedBytes> G1ToUncompressed(const G1& p) {
  return Encode<G1Curve, kG1UncompressedBytes>(p);
}
std::array<uint8_t, kG2CompressedBytes> G2ToCompressed(const G2& q) {
  return Encode<G2Curve, kG2CompressedBytes>(q);
}
std::array<uint8_t, kG2UncompressedBytes> G2ToUncompressed(const G2& q) {
  return Encode<G2Curve, kG2UncompressedBytes>(q);
}

Result<G1> G1FromCompressed(ByteView bytes) { return Decode<G1Curve, kG1CompressedBytes>(bytes); }
Result<G1> G1FromUncompressed(ByteView bytes) {
  return Decode<G1Curve, kG1UncompressedBytes>(bytes);
}
Result<G2> G2FromCompressed(ByteView bytes) { return Decode<G2Curve, kG2CompressedBytes>(bytes); }
Result<G2> G2FromUncompressed(ByteView bytes) {
  return Decode<G2Curve, kG2UncompressedBytes>(bytes);
}

}  // namespace sselab::crypto::pairing
