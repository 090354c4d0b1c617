#include "sse/oram/avl_node.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sselab::sse::oram {
namespace {

TEST(AvlNodeCodecTest, RoundTrips) {
  const AvlNodeCodec codec(4, 3);
  EXPECT_EQ(codec.block_size(), 4u + 3u + 34u);
  AvlNode node{Bytes{1, 2, 3, 4}, Bytes{5, 6, 7}, {11, 12, 3}, {}};
  const Bytes block = codec.Encode(node);
  ASSERT_EQ(block.size(), codec.block_size());
  auto back = codec.Decode(1, block);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(back->key, node.key);
  EXPECT_EQ(back->value, node.value);
  EXPECT_EQ(back->left.id, 11u);
  EXPECT_EQ(back->left.leaf, 12u);
  EXPECT_EQ(back->right.id, 0u);
  EXPECT_EQ(back->height(), 4);
  EXPECT_EQ(back->balance(), 3);
}

TEST(AvlNodeCodecTest, RejectsMalformedBlocks) {
  const AvlNodeCodec codec(4, 3);
  AvlNode node{Bytes(4, 0), Bytes(3, 0), {0, 5, 0}, {}};  // an empty child with a leaf
  EXPECT_EQ(codec.Decode(1, codec.Encode(node)).error().code(), ErrorCode::kCorruption);
  node.left = {2, 5, 0};  // a child of height 0
  EXPECT_EQ(codec.Decode(1, codec.Encode(node)).error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(codec.Decode(1, Bytes(10)).error().code(), ErrorCode::kCorruption);
}

TEST(MaxAvlHeightTest, MatchesSparsestTreesAndTheKnuthBound) {
  EXPECT_EQ(MaxAvlHeight(1), 1);
  EXPECT_EQ(MaxAvlHeight(2), 2);
  EXPECT_EQ(MaxAvlHeight(3), 2);
  EXPECT_EQ(MaxAvlHeight(4), 3);
  EXPECT_EQ(MaxAvlHeight(7), 4);
  EXPECT_EQ(MaxAvlHeight(11), 4);
  EXPECT_EQ(MaxAvlHeight(12), 5);
  EXPECT_EQ(MaxAvlHeight(1 << 16), 22);
  for (uint64_t n = 1; n < (uint64_t{1} << 40); n = n * 3 + 1) {
    const double bound = 1.4405 * std::log2(static_cast<double>(n) + 2) - 0.3277;
    EXPECT_LT(MaxAvlHeight(n), bound) << n;
    EXPECT_GE(MaxAvlHeight(n), static_cast<int>(std::log2(static_cast<double>(n))) + 1) << n;
  }
}

}  // namespace
}  // namespace sselab::sse::oram
