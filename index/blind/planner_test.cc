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
  EXPECT_NE(plan.explanation.find("bits=" + std::to_string(plan.recommended_bits)),
            std::string::npos);
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

}  // namespace
}  // namespace sselab::index::blind
