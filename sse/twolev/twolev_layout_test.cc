#include "sse/twolev/twolev_layout.h"

#include <gtest/gtest.h>

#include <set>

namespace sselab::sse::twolev {
namespace {

Layout Plan(uint64_t n, uint64_t b, uint64_t big_b) {
  auto l = PlanList(n, {b, big_b});
  EXPECT_TRUE(l.ok()) << "n " << n;
  return l.ok() ? *l : Layout{};
}

void ExpectLayout(uint64_t n, uint64_t b, uint64_t big_b, Shape shape, uint64_t t, uint64_t t2) {
  Layout l = Plan(n, b, big_b);
  EXPECT_EQ(l.shape, shape) << "n " << n;
  EXPECT_EQ(l.id_blocks, t) << "n " << n;
  EXPECT_EQ(l.pointer_blocks, t2) << "n " << n;
}

TEST(TwolevLayoutTest, ThresholdsAtExactBoundaries) {
  // b = 2, B = 3: small <= 2, medium <= 6, large <= 18.
  ExpectLayout(0, 2, 3, Shape::kSmall, 0, 0);
  ExpectLayout(1, 2, 3, Shape::kSmall, 0, 0);
  ExpectLayout(2, 2, 3, Shape::kSmall, 0, 0);
  ExpectLayout(3, 2, 3, Shape::kMedium, 1, 0);
  ExpectLayout(4, 2, 3, Shape::kMedium, 2, 0);
  ExpectLayout(6, 2, 3, Shape::kMedium, 2, 0);
  ExpectLayout(7, 2, 3, Shape::kLarge, 3, 1);
  ExpectLayout(9, 2, 3, Shape::kLarge, 3, 1);
  ExpectLayout(10, 2, 3, Shape::kLarge, 4, 2);
  ExpectLayout(18, 2, 3, Shape::kLarge, 6, 2);
}

TEST(TwolevLayoutTest, TooLongListNamesTheParameters) {
  auto l = PlanList(19, {2, 3});
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(l.error().ToString().find("block_ids"), std::string::npos);
  EXPECT_NE(l.error().ToString().find("18"), std::string::npos);
}

TEST(TwolevLayoutTest, DegenerateGeometries) {
  // B = 1: medium holds up to b single-id blocks, large adds nothing.
  ExpectLayout(1, 1, 1, Shape::kSmall, 0, 0);
  EXPECT_FALSE(PlanList(2, {1, 1}).ok());
  ExpectLayout(3, 3, 1, Shape::kSmall, 0, 0);
  ExpectLayout(4, 3, 4, Shape::kMedium, 1, 0);
  ExpectLayout(13, 3, 4, Shape::kLarge, 4, 1);
  ExpectLayout(48, 3, 4, Shape::kLarge, 12, 3);
  EXPECT_FALSE(PlanList(49, {3, 4}).ok());
}

TEST(TwolevLayoutTest, DefaultGeometryLimits) {
  Geometry g{16, 512};
  EXPECT_EQ(g.MaxSmall(), 16u);
  EXPECT_EQ(g.MaxMedium(), 8192u);
  EXPECT_EQ(g.MaxLarge(), 4194304u);
  ExpectLayout(4194304, 16, 512, Shape::kLarge, 8192, 16);
}

TEST(TwolevLayoutTest, PositionsAreDistinctAndDifferPerBuild) {
  auto a = PositionSource::Create();
  auto b = PositionSource::Create();
  ASSERT_TRUE(a.ok() && b.ok());
  std::set<uint64_t> seen;
  for (int i = 0; i < 5000; ++i) seen.insert(a->Next());
  EXPECT_EQ(seen.size(), 5000u);
  int shared = 0;
  for (int i = 0; i < 5000; ++i) shared += seen.count(b->Next()) ? 1 : 0;
  EXPECT_EQ(shared, 0);
  // Not sequential: the positions spread over the whole 64-bit space.
  EXPECT_GT(*seen.rbegin() - *seen.begin(), uint64_t{1} << 62);
}

}  // namespace
}  // namespace sselab::sse::twolev
