#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "crypto/pairing/hash_to_curve.h"
#include "crypto/pairing/test_util.h"

namespace sselab::crypto::pairing {
namespace {

using testing::FpFromHex;

Fp2 Fp2FromHex(const std::string& s) {
  const size_t comma = s.find(',');
  return {FpFromHex(s.substr(0, comma)), FpFromHex(s.substr(comma + 1))};
}

TEST(HashToCurveTest, Rfc9380G1Vectors) {
  const auto j = nlohmann::json::parse(testing::ReadTestdata("rfc9380_g1_xmd_sha256_sswu_ro.json"));
  const std::string dst = j["dst"];
  ASSERT_EQ(j["vectors"].size(), 5u);
  for (const auto& v : j["vectors"]) {
    const std::string msg = v["msg"];
    auto u = HashToFieldFp(AsBytes(msg), AsBytes(dst), 2);
    ASSERT_TRUE(u.ok());
    EXPECT_TRUE((*u)[0] == FpFromHex(v["u"][0].get<std::string>())) << msg;
    EXPECT_TRUE((*u)[1] == FpFromHex(v["u"][1].get<std::string>())) << msg;
    auto p = HashToG1(AsBytes(msg), AsBytes(dst));
    ASSERT_TRUE(p.ok());
    Fp x, y;
    ASSERT_TRUE(p->ToAffine(&x, &y));
    EXPECT_TRUE(x == FpFromHex(v["P"]["x"].get<std::string>())) << msg;
    EXPECT_TRUE(y == FpFromHex(v["P"]["y"].get<std::string>())) << msg;
  }
}

TEST(HashToCurveTest, Rfc9380G2Vectors) {
  const auto j = nlohmann::json::parse(testing::ReadTestdata("rfc9380_g2_xmd_sha256_sswu_ro.json"));
  const std::string dst = j["dst"];
  ASSERT_EQ(j["vectors"].size(), 5u);
  for (const auto& v : j["vectors"]) {
    const std::string msg = v["msg"];
    auto u = HashToFieldFp2(AsBytes(msg), AsBytes(dst), 2);
    ASSERT_TRUE(u.ok());
    EXPECT_TRUE((*u)[0] == Fp2FromHex(v["u"][0])) << msg;
    EXPECT_TRUE((*u)[1] == Fp2FromHex(v["u"][1])) << msg;
    auto p = HashToG2(AsBytes(msg), AsBytes(dst));
    ASSERT_TRUE(p.ok());
    Fp2 x, y;
    ASSERT_TRUE(p->ToAffine(&x, &y));
    EXPECT_TRUE(x == Fp2FromHex(v["P"]["x"])) << msg;
    EXPECT_TRUE(y == Fp2FromHex(v["P"]["y"])) << msg;
  }
}

TEST(HashToCurveTest, OutputsAreInTheSubgroups) {
  for (const char* msg : {"x", "sselab", ""}) {
    auto p = HashToG1(AsBytes(msg), AsBytes("SSELAB-TEST"));
    auto q = HashToG2(AsBytes(msg), AsBytes("SSELAB-TEST"));
    ASSERT_TRUE(p.ok() && q.ok());
    EXPECT_TRUE(G1InSubgroup(*p));
    EXPECT_TRUE(G2InSubgroup(*q));
  }
  // The u = 0 exceptional case of SSWU still maps onto the curve.
  EXPECT_TRUE(MapToCurveG1(Fp::Zero()).IsOnCurve());
  EXPECT_TRUE(MapToCurveG2(Fp2::Zero()).IsOnCurve());
}

TEST(HashToCurveTest, ExpandMessageArgumentErrors) {
  EXPECT_EQ(ExpandMessageXmd(AsBytes("m"), AsBytes(""), 32).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_FALSE(ExpandMessageXmd(AsBytes("m"), AsBytes("D"), 0).ok());
  EXPECT_FALSE(ExpandMessageXmd(AsBytes("m"), AsBytes("D"), 255 * 32 + 1).ok());
  EXPECT_TRUE(ExpandMessageXmd(AsBytes("m"), AsBytes("D"), 255 * 32).ok());
  EXPECT_FALSE(HashToG1(AsBytes("m"), AsBytes("")).ok());
  // A DST over 255 bytes is accepted (hashed down per RFC 9380 Sect. 5.3.3).
  const std::string long_dst(300, 'd');
  EXPECT_TRUE(HashToG1(AsBytes("m"), AsBytes(long_dst)).ok());
  auto a = ExpandMessageXmd(AsBytes("m"), AsBytes("D"), 100);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->size(), 100u);
}

TEST(HashToCurveTest, HashToFrIsDeterministic) {
  auto a = HashToFr(AsBytes("kw"), AsBytes("DST"));
  auto b = HashToFr(AsBytes("kw"), AsBytes("DST"));
  auto c = HashToFr(AsBytes("kw2"), AsBytes("DST"));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_TRUE(*a == *b);
  EXPECT_FALSE(*a == *c);
}

}  // namespace
}  // namespace sselab::crypto::pairing
