#include <array>
#include <vector>

#include <gtest/gtest.h>

#include "crypto/pairing/g1.h"
#include "crypto/pairing/g2.h"
#include "crypto/pairing/hash_to_curve.h"
#include "crypto/pairing/internal/constants.h"
#include "crypto/pairing/test_util.h"

namespace sselab::crypto::pairing {
namespace {

template <typename P>
P OrderTimes(const P& p) {
  return p.MulVartime(internal::kFrModulus);
}

template <typename P>
void CheckGroupLaw(const P& g) {
  const P a = g.Mul(Fr::Random()), b = g.Mul(Fr::Random()), c = g.Mul(Fr::Random());
  EXPECT_TRUE(a + b == b + a);
  EXPECT_TRUE((a + b) + c == a + (b + c));
  EXPECT_TRUE(a + a == a.Double());
  EXPECT_TRUE(a + P::Identity() == a);
  EXPECT_TRUE(P::Identity() + a == a);
  EXPECT_TRUE((a - a).IsIdentity());
  EXPECT_TRUE(P::Identity().Double().IsIdentity());
  EXPECT_TRUE((a + b).IsOnCurve());
  EXPECT_TRUE(a.Double().IsOnCurve());
}

template <typename P>
void CheckScalarMul(const P& g) {
  const Fr k1 = Fr::Random(), k2 = Fr::Random();
  EXPECT_TRUE(g.Mul(k1) + g.Mul(k2) == g.Mul(k1 + k2));
  EXPECT_TRUE(g.Mul(k1).Mul(k2) == g.Mul(k1 * k2));
  const Fr::Limbs l = k1.ToCanonical();
  EXPECT_TRUE(g.Mul(k1) == g.MulVartime(l));
  EXPECT_TRUE(g.Mul(Fr::Zero()).IsIdentity());
  EXPECT_TRUE(g.Mul(Fr::One()) == g);
  EXPECT_TRUE(g.Mul(-Fr::One()) == -g);
  EXPECT_TRUE(g.Mul(Fr::FromU64(5)) == g.Double().Double() + g);
  EXPECT_TRUE(OrderTimes(g).IsIdentity());
  // Multi-scalar multiplication equals the sum of products, for several sizes.
  for (size_t n : {size_t{1}, size_t{3}, size_t{40}}) {
    std::vector<P> pts;
    std::vector<Fr> ks;
    P expect;
    for (size_t i = 0; i < n; ++i) {
      pts.push_back(g.Mul(Fr::FromU64(i + 2)));
      ks.push_back(Fr::Random());
      expect += pts.back().Mul(ks.back());
    }
    EXPECT_TRUE(P::MultiScalarMulVartime(pts, ks) == expect) << n;
  }
}

TEST(G1Test, GeneratorGroupLawAndScalarMul) {
  const G1 g = G1Generator();
  EXPECT_TRUE(g.IsOnCurve());
  EXPECT_TRUE(G1InSubgroup(g));
  EXPECT_TRUE(G1InSubgroup(G1::Identity()));
  CheckGroupLaw(g);
  CheckScalarMul(g);
}

TEST(G2Test, GeneratorGroupLawAndScalarMul) {
  const G2 g = G2Generator();
  EXPECT_TRUE(g.IsOnCurve());
  EXPECT_TRUE(G2InSubgroup(g));
  EXPECT_TRUE(G2InSubgroup(G2::Identity()));
  CheckGroupLaw(g);
  CheckScalarMul(g);
}

TEST(G1Test, SubgroupCheckAgreesWithOrderOnNonSubgroupPoints) {
  int outside = 0;
  for (uint64_t i = 1; i <= 6; ++i) {
    // map_to_curve without cofactor clearing lands anywhere in E(Fp).
    const G1 p = MapToCurveG1(Fp::FromU64(i * 7919));
    ASSERT_TRUE(p.IsOnCurve());
    const bool in = OrderTimes(p).IsIdentity();
    EXPECT_EQ(G1InSubgroup(p), in);
    outside += in ? 0 : 1;
    const G1 cleared = G1ClearCofactor(p);
    EXPECT_TRUE(G1InSubgroup(cleared));
    EXPECT_TRUE(OrderTimes(cleared).IsIdentity());
  }
  EXPECT_GT(outside, 0);
}

TEST(G2Test, SubgroupCheckAndCofactorClearing) {
  // h_eff of RFC 9380 Sect. 8.8.2.
  const Bytes heff_be = testing::Unhex(
      "0bc69f08f2ee75b3584c6a0ea91b352888e2a8e9145ad7689986ff031508ffe1329c2f178731db956d82bf015d12"
      "12b02"
      "ec0ec69d7477c1ae954cbc06689f6a359894c0adebbf6b4e8020005aaa95551");
  std::vector<uint64_t> heff((heff_be.size() + 7) / 8, 0);
  for (size_t i = 0; i < heff_be.size(); ++i) {
    const size_t bit = 8 * (heff_be.size() - 1 - i);
    heff[bit / 64] |= static_cast<uint64_t>(heff_be[i]) << (bit % 64);
  }
  int outside = 0;
  for (uint64_t i = 1; i <= 3; ++i) {
    const G2 q = MapToCurveG2(Fp2(Fp::FromU64(i), Fp::FromU64(i * 31)));
    ASSERT_TRUE(q.IsOnCurve());
    const bool in = OrderTimes(q).IsIdentity();
    EXPECT_EQ(G2InSubgroup(q), in);
    outside += in ? 0 : 1;
    const G2 cleared = G2ClearCofactor(q);
    EXPECT_TRUE(cleared == q.MulVartime(heff));
    EXPECT_TRUE(G2InSubgroup(cleared));
  }
  EXPECT_GT(outside, 0);
  // On G2, psi acts as multiplication by x (the eigenvalue the subgroup test relies on).
  const G2 g = G2Generator();
  EXPECT_TRUE(G2Psi(g) == -g.MulVartime(std::array<uint64_t, 1>{0xd201000000010000ULL}));
}

}  // namespace
}  // namespace sselab::crypto::pairing
