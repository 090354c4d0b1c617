#include <string>

#include <gtest/gtest.h>

#include "crypto/pairing/test_util.h"
#include "crypto/pairing/vector_check.h"

namespace sselab::crypto::pairing {
namespace {

void ExpectAllPass(const std::string& file, size_t min_count) {
  auto r = CheckVectorFile(std::string(SSELAB_PAIRING_TESTDATA) + "/" + file);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  for (const auto& f : r->failures) ADD_FAILURE() << f;
  EXPECT_EQ(r->failed, 0u);
  EXPECT_GE(r->passed, min_count) << file;
}

TEST(VectorsTest, Rfc9380) {
  ExpectAllPass("rfc9380_g1_xmd_sha256_sswu_ro.json", 5);
  ExpectAllPass("rfc9380_g2_xmd_sha256_sswu_ro.json", 5);
}

TEST(VectorsTest, NobleCurves) {
  ExpectAllPass("noble_pairing.json", 9 + 16 + 5);
  ExpectAllPass("noble_hash_g1.json", 5);
  ExpectAllPass("noble_hash_g2.json", 5);
}

TEST(VectorsTest, RejectsUnknownFormatsAndCountsBadVectors) {
  EXPECT_FALSE(CheckVectorsJson("not json", "x").ok());
  EXPECT_FALSE(CheckVectorsJson("{\"a\": 1}", "x").ok());
  auto r = CheckVectorsJson(R"({"pairing": [{"P": "00", "Q": "zz", "e": ""}, {"P": 5}]})", "x");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->passed, 0u);
  EXPECT_EQ(r->failed, 2u);
}

}  // namespace
}  // namespace sselab::crypto::pairing
