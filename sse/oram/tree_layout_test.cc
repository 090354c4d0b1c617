#include "sse/oram/tree_layout.h"

#include <gtest/gtest.h>

namespace sselab::sse::oram {
namespace {

TEST(TreeLayoutTest, PathsRunFromTheRootToTheLeafBucket) {
  // Height 3: leaves 0..7 are buckets 8..15.
  EXPECT_EQ(PathBuckets(3, 0), (std::vector<uint64_t>{1, 2, 4, 8}));
  EXPECT_EQ(PathBuckets(3, 5), (std::vector<uint64_t>{1, 3, 6, 13}));
  EXPECT_EQ(PathBuckets(3, 7), (std::vector<uint64_t>{1, 3, 7, 15}));
  for (uint64_t b = 1; b < 16; ++b) EXPECT_EQ(LevelOf(b), b < 2 ? 0 : b < 4 ? 1 : b < 8 ? 2 : 3);
}

TEST(TreeLayoutTest, CommonDepthIsTheLastSharedLevel) {
  for (uint64_t a = 0; a < 16; ++a) {
    for (uint64_t b = 0; b < 16; ++b) {
      int shared = -1;
      for (int l = 0; l <= 4; ++l) {
        if (BucketOnPath(4, a, l) == BucketOnPath(4, b, l)) shared = l;
      }
      EXPECT_EQ(CommonDepth(4, a, b), shared) << a << " " << b;
    }
  }
}

TEST(TreeLayoutTest, HeightGivesAtLeastOneLeafPerBlock) {
  EXPECT_EQ(HeightForCapacity(1), 1);
  EXPECT_EQ(HeightForCapacity(2), 1);
  EXPECT_EQ(HeightForCapacity(3), 2);
  EXPECT_EQ(HeightForCapacity(1 << 16), 16);
  EXPECT_EQ(HeightForCapacity((1 << 16) + 1), 17);
}

}  // namespace
}  // namespace sselab::sse::oram
