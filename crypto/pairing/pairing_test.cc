#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "crypto/pairing/internal/constants.h"
#include "crypto/pairing/pairing.h"
#include "crypto/pairing/test_util.h"

namespace sselab::crypto::pairing {
namespace {

Fp12 PowVartime(const Fp12& f, const internal::Limbs<4>& e) {
  Fp12 acc = Fp12::One();
  for (size_t i = e.size(); i-- > 0;) {
    for (int b = 63; b >= 0; --b) {
      acc = acc.Square();
      if ((e[i] >> b) & 1) acc *= f;
    }
  }
  return acc;
}

TEST(PairingTest, NonDegenerateAndOfOrderR) {
  const Gt e = Pairing(G1Generator(), G2Generator());
  EXPECT_FALSE(e.IsIdentity());
  EXPECT_TRUE(PowVartime(e.value(), internal::kFrModulus).IsOne());
  EXPECT_TRUE(e.Pow(-Fr::One()) == e.Inverse());
  EXPECT_TRUE(e * e.Inverse() == Gt::Identity());
}

TEST(PairingTest, Bilinearity) {
  const G1 p = G1Generator();
  const G2 q = G2Generator();
  const Gt e = Pairing(p, q);
  for (int i = 0; i < 2; ++i) {
    const Fr a = Fr::Random(), b = Fr::Random();
    const Gt lhs = Pairing(p.Mul(a), q.Mul(b));
    EXPECT_TRUE(lhs == e.Pow(a * b));
    EXPECT_TRUE(Pairing(p.Mul(a), q) == Pairing(p, q.Mul(a)));
  }
  const G1 p1 = p.Mul(Fr::Random()), p2 = p.Mul(Fr::Random());
  EXPECT_TRUE(Pairing(p1 + p2, q) == Pairing(p1, q) * Pairing(p2, q));
  EXPECT_TRUE(Pairing(-p1, q) == Pairing(p1, q).Inverse());
}

TEST(PairingTest, IdentityPairsToOne) {
  EXPECT_TRUE(Pairing(G1::Identity(), G2Generator()).IsIdentity());
  EXPECT_TRUE(Pairing(G1Generator(), G2::Identity()).IsIdentity());
  EXPECT_TRUE(MultiPairing({}).IsIdentity());
}

TEST(PairingTest, MultiPairingIsProductOfPairings) {
  std::vector<std::pair<G1, G2>> pairs;
  Gt product;
  for (int i = 0; i < 3; ++i) {
    pairs.emplace_back(G1Generator().Mul(Fr::Random()), G2Generator().Mul(Fr::Random()));
    product *= Pairing(pairs.back().first, pairs.back().second);
  }
  pairs.emplace_back(G1::Identity(), G2Generator());
  EXPECT_TRUE(MultiPairing(pairs) == product);
  // e(P, Q) * e(-P, Q) = 1: the form of a pairing-product check.
  const G1 p = G1Generator().Mul(Fr::Random());
  const G2 q = G2Generator().Mul(Fr::Random());
  const std::pair<G1, G2> check[2] = {{p, q}, {-p, q}};
  EXPECT_TRUE(MultiPairing(check).IsIdentity());
}

TEST(PairingTest, PreparedMillerLoopMatches) {
  const G2 q = G2Generator().Mul(Fr::Random());
  const G2Prepared prep(q);
  const G1 p1 = G1Generator().Mul(Fr::Random()), p2 = G1Generator().Mul(Fr::Random());
  EXPECT_TRUE(FinalExponentiation(MillerLoop(p1, prep)) == Pairing(p1, q));
  const std::pair<G1, const G2Prepared*> both[2] = {{p1, &prep}, {p2, &prep}};
  EXPECT_TRUE(FinalExponentiation(MultiMillerLoop(both)) == Pairing(p1 + p2, q));
  EXPECT_TRUE(G2Prepared(G2::Identity()).is_identity());
}

TEST(GtTest, EncodingRoundTripAndMembership) {
  const Gt e = Pairing(G1Generator().Mul(Fr::Random()), G2Generator());
  const auto bytes = e.ToBytes();
  auto back = Gt::FromBytes(bytes);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_TRUE(*back == e);
  // A random Fp12 is not in GT; zero is not either.
  std::array<uint8_t, 576> junk{};
  testing::RandomFp12().ToBytes(junk);
  auto bad = Gt::FromBytes(junk);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::kCorruption);
  EXPECT_FALSE(Gt::FromBytes(std::array<uint8_t, 576>{}).ok());
  EXPECT_FALSE(Gt::FromBytes(Bytes(100, 0)).ok());
}

}  // namespace
}  // namespace sselab::crypto::pairing
