#include <array>
#include <string>

#include <gtest/gtest.h>

#include "crypto/pairing/encoding.h"
#include "crypto/pairing/hash_to_curve.h"
#include "crypto/pairing/test_util.h"

namespace sselab::crypto::pairing {
namespace {

using testing::Unhex;

constexpr char kG1GenCompressed[] =
    "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6"
    "bb";
constexpr char kG2GenCompressed[] =
    "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b"
    "7e"
    "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bd"
    "b8";

void ExpectRejected(const Result<G1>& r, const std::string& why) {
  ASSERT_FALSE(r.ok()) << why;
  EXPECT_EQ(r.error().code(), ErrorCode::kCorruption);
  EXPECT_NE(r.error().message().find(why), std::string::npos) << r.error().message();
}
void ExpectRejected(const Result<G2>& r, const std::string& why) {
  ASSERT_FALSE(r.ok()) << why;
  EXPECT_EQ(r.error().code(), ErrorCode::kCorruption);
  EXPECT_NE(r.error().message().find(why), std::string::npos) << r.error().message();
}

TEST(EncodingTest, Generators) {
  EXPECT_EQ(HexEncode(G1ToCompressed(G1Generator())), kG1GenCompressed);
  EXPECT_EQ(HexEncode(G2ToCompressed(G2Generator())), kG2GenCompressed);
  auto g1 = G1FromCompressed(Unhex(kG1GenCompressed));
  ASSERT_TRUE(g1.ok()) << g1.error().ToString();
  EXPECT_TRUE(*g1 == G1Generator());
  auto g2 = G2FromCompressed(Unhex(kG2GenCompressed));
  ASSERT_TRUE(g2.ok()) << g2.error().ToString();
  EXPECT_TRUE(*g2 == G2Generator());
}

TEST(EncodingTest, IdentityEncodings) {
  auto c = G1ToCompressed(G1::Identity());
  EXPECT_EQ(c[0], 0xc0);
  auto back = G1FromCompressed(c);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->IsIdentity());
  auto u = G2ToUncompressed(G2::Identity());
  EXPECT_EQ(u[0], 0x40);
  auto back2 = G2FromUncompressed(u);
  ASSERT_TRUE(back2.ok());
  EXPECT_TRUE(back2->IsIdentity());
}

TEST(EncodingTest, RoundTrips) {
  for (int i = 0; i < 5; ++i) {
    const G1 p = G1Generator().Mul(Fr::Random());
    auto a = G1FromCompressed(G1ToCompressed(p));
    auto b = G1FromUncompressed(G1ToUncompressed(p));
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_TRUE(*a == p && *b == p);
    const G2 q = G2Generator().Mul(Fr::Random());
    auto c = G2FromCompressed(G2ToCompressed(q));
    auto d = G2FromUncompressed(G2ToUncompressed(q));
    ASSERT_TRUE(c.ok() && d.ok());
    EXPECT_TRUE(*c == q && *d == q);
    EXPECT_TRUE(*G1FromCompressed(G1ToCompressed(-p)) == -p);
    EXPECT_TRUE(*G2FromCompressed(G2ToCompressed(-q)) == -q);
  }
}

TEST(EncodingTest, RejectsBadEncodings) {
  const Bytes good = Unhex(kG1GenCompressed);
  ExpectRejected(G1FromCompressed(ByteView(good).first(47)), "expected 48 bytes");
  Bytes b = good;
  b[0] &= 0x7f;
  ExpectRejected(G1FromCompressed(b), "compression flag is not set");
  ExpectRejected(G1FromUncompressed(Bytes(96, 0x80)), "compression flag is set");
  b = Bytes(48, 0);
  b[0] = 0xe0;
  ExpectRejected(G1FromCompressed(b), "infinity flag with the sign flag");
  b[0] = 0xc0;
  b[47] = 1;
  ExpectRejected(G1FromCompressed(b), "infinity flag with non-zero");
  b = Bytes(48, 0);
  b[0] = 0xc1;
  ExpectRejected(G1FromCompressed(b), "infinity flag with non-zero");
  // x = p (non-canonical).
  b = Unhex(
      "9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffff"
      "aaab");
  ExpectRejected(G1FromCompressed(b), "not below the modulus");
  // An x with no curve point: x^3 + 4 must be a non-square.
  for (uint64_t x = 1;; ++x) {
    const Fp fx = Fp::FromU64(x);
    if ((fx.Square() * fx + Fp::FromU64(4)).IsSquare()) continue;
    std::array<uint8_t, 48> xb{};
    fx.ToBytes(xb);
    xb[0] |= 0x80;
    ExpectRejected(G1FromCompressed(xb), "not the x-coordinate of a curve point");
    break;
  }
  // A curve point outside G1.
  G1 outside;
  for (uint64_t i = 1;; ++i) {
    outside = MapToCurveG1(Fp::FromU64(i));
    if (!outside.MulVartime(internal::kFrModulus).IsIdentity()) break;
  }
  ExpectRejected(G1FromCompressed(G1ToCompressed(outside)), "not in the prime-order subgroup");
  ExpectRejected(G1FromUncompressed(G1ToUncompressed(outside)), "not in the prime-order subgroup");
  // Uncompressed: sign flag, and a y that is off the curve.
  auto u = G1ToUncompressed(G1Generator());
  u[0] |= 0x20;
  ExpectRejected(G1FromUncompressed(u), "sign flag set on an uncompressed");
  u = G1ToUncompressed(G1Generator());
  u[95] ^= 1;
  ExpectRejected(G1FromUncompressed(u), "not on the curve");
}

TEST(EncodingTest, RejectsBadG2Encodings) {
  const Bytes good = Unhex(kG2GenCompressed);
  ExpectRejected(G2FromCompressed(ByteView(good).first(95)), "expected 96 bytes");
  Bytes b = good;
  b[0] &= 0x7f;
  ExpectRejected(G2FromCompressed(b), "compression flag is not set");
  b = good;
  b[48] = 0x1a;  // x.c0 >= p
  b[49] = 0xff;
  ExpectRejected(G2FromCompressed(b), "not below the modulus");
  G2 outside;
  for (uint64_t i = 1;; ++i) {
    outside = MapToCurveG2(Fp2(Fp::FromU64(i), Fp::One()));
    if (!outside.MulVartime(internal::kFrModulus).IsIdentity()) break;
  }
  ExpectRejected(G2FromCompressed(G2ToCompressed(outside)), "not in the prime-order subgroup");
  auto u = G2ToUncompressed(G2Generator());
  u[191] ^= 1;
  ExpectRejected(G2FromUncompressed(u), "not on the curve");
}

// Encoding fuzz: random and mutated inputs never crash, and anything accepted is
// canonical (re-encodes to the same bytes).
TEST(EncodingTest, FuzzDecoders) {
  const std::array<uint8_t, 48> g1c = G1ToCompressed(G1Generator().Mul(Fr::Random()));
  const std::array<uint8_t, 96> g2c = G2ToCompressed(G2Generator().Mul(Fr::Random()));
  const std::array<uint8_t, 96> g1u = G1ToUncompressed(G1Generator().Mul(Fr::Random()));
  int accepted = 0;
  for (int i = 0; i < 300; ++i) {
    Bytes r = RandomBytes(RandomU64() % 200);
    (void)G1FromCompressed(r);
    (void)G2FromCompressed(r);
    (void)G1FromUncompressed(r);
    (void)G2FromUncompressed(r);
    Bytes m1(g1c.begin(), g1c.end());
    Bytes m2(g2c.begin(), g2c.end());
    Bytes m3(g1u.begin(), g1u.end());
    for (Bytes* m : {&m1, &m2, &m3}) {
      const size_t flips = 1 + RandomU64() % 3;
      for (size_t f = 0; f < flips; ++f) {
        (*m)[RandomU64() % m->size()] ^= static_cast<uint8_t>(1u << (RandomU64() % 8));
      }
    }
    if (auto p = G1FromCompressed(m1); p.ok()) {
      ++accepted;
      EXPECT_EQ(HexEncode(G1ToCompressed(*p)), HexEncode(m1));
    }
    if (auto q = G2FromCompressed(m2); q.ok()) {
      ++accepted;
      EXPECT_EQ(HexEncode(G2ToCompressed(*q)), HexEncode(m2));
    }
    if (auto p = G1FromUncompressed(m3); p.ok()) {
      ++accepted;
      EXPECT_EQ(HexEncode(G1ToUncompressed(*p)), HexEncode(m3));
    }
  }
  // Flipping only the sign bit yields the negated point, which is valid.
  EXPECT_GE(accepted, 0);
}

}  // namespace
}  // namespace sselab::crypto::pairing
