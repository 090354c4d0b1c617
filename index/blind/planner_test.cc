// The planner's arithmetic and its recommendation on corpora of known size.
#include "index/blind/planner.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sselab::index::blind {
namespace {

std::vector<std::string> Keywords(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back("w" + std::to_string(i));
  return out;
}

TEST(PlannerTest, RecommendsALengthWithinTheRuleOfThumb) {
  Plan plan = PlanForKeywords(Keywords(10000));
  EXPECT_EQ(plan.keywords, 10000u);
  ASSERT_FALSE(plan.candidates.empty());
  // 2 <= 10000 / 2^L < 100  <=>  7 <= L <= 12.
  for (const Candidate& c : plan.candidates) {
    EXPECT_EQ(c.meets_rule, c.bits >= 7 && c.bits <= 12) << "L=" << c.bits;
    EXPECT_DOUBLE_EQ(c.expected_coincidences, 10000 / std::ldexp(1.0, c.bits));
  }
  EXPECT_GE(plan.recommended_bits, 7);
  EXPECT_LE(plan.recommended_bits, 12);
  const Candidate& chosen = plan.candidates[static_cast<size_t>(plan.recommended_bits - 1)];
  EXPECT_LE(chosen.alone_share, kMaxAloneShare);
  EXPECT_NE(plan.explanation.find("L=" + std::to_string(plan.recommended_bits)), std::string::npos);
}

TEST(PlannerTest, MeasuredBucketsAddUp) {
  Plan plan = PlanForKeywords(Keywords(500));
  for (const Candidate& c : plan.candidates) {
    EXPECT_LE(c.buckets, std::min<uint64_t>(500, uint64_t{1} << c.bits));
    EXPECT_GE(c.smallest_bucket, 1u);
    EXPECT_GE(c.alone_share, 0.0);
    EXPECT_LE(c.alone_share, 1.0);
  }
  // One bit: two buckets of about 250, nobody alone.
  EXPECT_EQ(plan.candidates[0].alone_share, 0.0);
  EXPECT_GT(plan.candidates[0].smallest_bucket, 150u);
}

TEST(PlannerTest, TinyCorporaGetOneBit) {
  Plan plan = PlanForKeywords(Keywords(3));
  EXPECT_EQ(plan.recommended_bits, 1);
  EXPECT_FALSE(FormatPlan(plan).empty());
}

TEST(PlannerTest, ExpectedAloneShareFollowsTheBirthdayBound) {
  EXPECT_DOUBLE_EQ(ExpectedAloneShare(1, 1), 1.0);
  EXPECT_DOUBLE_EQ(ExpectedAloneShare(0, 8), 0.0);
  EXPECT_NEAR(ExpectedAloneShare(3, 1), 0.25, 1e-12);  // both others in the other bucket
  EXPECT_NEAR(ExpectedAloneShare(1 << 16, 16), std::exp(-1.0), 1e-3);
  EXPECT_GT(ExpectedAloneShare(100000, 32), 0.99);
  EXPECT_DOUBLE_EQ(ExpectedAloneShare(100000, 256), 1.0);
}

TEST(PlannerTest, PlansEachFieldOnItsOwn) {
  std::vector<Document> docs;
  for (DocId i = 0; i < 400; ++i) {
    docs.push_back(
        {.id = i, .keywords = {"w" + std::to_string(i), "from:s" + std::to_string(i % 20)}});
  }
  VectorDocumentSource all(docs);
  auto plans = PlanForCorpus(all);
  ASSERT_TRUE(plans.ok()) << plans.error().ToString();
  ASSERT_EQ(plans->size(), 2u);
  EXPECT_EQ((*plans)[0].field, "");
  EXPECT_EQ((*plans)[0].keywords, 400u);
  EXPECT_EQ((*plans)[1].field, "from");
  EXPECT_EQ((*plans)[1].keywords, 20u);
  EXPECT_LT((*plans)[1].recommended_bits, (*plans)[0].recommended_bits);
  EXPECT_NE(FormatPlan((*plans)[1]).find("field from"), std::string::npos);
  EXPECT_EQ(RecommendedParams(*plans),
            "--param bits=" + std::to_string((*plans)[0].recommended_bits) +
                " --param field_bits=from:" + std::to_string((*plans)[1].recommended_bits));

  VectorDocumentSource one(docs);
  auto from = PlanForCorpus(one, "from");
  ASSERT_TRUE(from.ok());
  ASSERT_EQ(from->size(), 1u);
  EXPECT_EQ((*from)[0].keywords, 20u);

  VectorDocumentSource again(docs);
  auto missing = PlanForCorpus(again, "subject");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message().find("no keywords in field 'subject'; it has: (no field), "
                                           "from"),
            std::string::npos);
}

}  // namespace
}  // namespace sselab::index::blind
