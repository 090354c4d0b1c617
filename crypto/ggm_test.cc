#include "crypto/ggm.h"

#include <cryptopp/aes.h>
#include <gtest/gtest.h>

#include <random>

#include "base/bytes.h"
#include "crypto/internal/test_blocks.h"

namespace sselab::crypto {
namespace {

using internal::RandomBlock;

using internal::BlockFromHex;

// FIPS-197 Appendix C.1 (AES-128).
TEST(AesEncryptPairTest, MatchesFips197Vector) {
  const Block key = BlockFromHex("000102030405060708090a0b0c0d0e0f");
  const Block pt = BlockFromHex("00112233445566778899aabbccddeeff");
  Block a, b;
  AesEncryptPair(key, pt, pt, a, b);
  EXPECT_EQ(HexEncode(a), "69c4e0d86a7b0430d8cdb78070b4c55a");
  EXPECT_EQ(a, b);
}

// Against Crypto++'s AES, an independent implementation, on random keys and blocks.
TEST(AesEncryptPairTest, MatchesCryptoppOnRandomInputs) {
  std::mt19937_64 rng(1);
  for (int i = 0; i < 200; ++i) {
    const Block key = RandomBlock(rng), in0 = RandomBlock(rng), in1 = RandomBlock(rng);
    Block a, b, ea, eb;
    AesEncryptPair(key, in0, in1, a, b);
    CryptoPP::AES::Encryption aes(key.data(), key.size());
    aes.ProcessBlock(in0.data(), ea.data());
    aes.ProcessBlock(in1.data(), eb.data());
    ASSERT_EQ(a, ea);
    ASSERT_EQ(b, eb);
  }
}

TEST(GgmTreeTest, ChildrenAreAesOfZeroAndOne) {
  const Block k = BlockFromHex("2b7e151628aed2a6abf7158809cf4f3c");
  Block l, r, el, er;
  GgmTree::Children(k, l, r);
  Block zero{}, one{};
  one[15] = 1;
  CryptoPP::AES::Encryption aes(k.data(), k.size());
  aes.ProcessBlock(zero.data(), el.data());
  aes.ProcessBlock(one.data(), er.data());
  EXPECT_EQ(l, el);
  EXPECT_EQ(r, er);
}

TEST(GgmTreeTest, LeafFollowsTheBitsOfItsIndex) {
  const Block root = BlockFromHex("00000000000000000000000000000001");
  Block l, r, rl, rr;
  GgmTree::Children(root, l, r);
  GgmTree::Children(r, rl, rr);
  EXPECT_EQ(GgmTree::Leaf(root, 2, 2), rl);  // 2 = 0b10: right, then left
  EXPECT_EQ(GgmTree::Leaf(root, 2, 3), rr);
  EXPECT_EQ(GgmTree::Leaf(root, 1, 0), l);
}

TEST(GgmTreeTest, LeavesMatchSingleLeaves) {
  std::mt19937_64 rng(2);
  const Block root = RandomBlock(rng);
  std::vector<Block> run(37);
  GgmTree::Leaves(root, 20, 1000, run);
  for (size_t i = 0; i < run.size(); ++i) EXPECT_EQ(run[i], GgmTree::Leaf(root, 20, 1000 + i));
}

TEST(GgmTreeTest, CoverExpandsToExactlyThePrefix) {
  std::mt19937_64 rng(3);
  const Block root = RandomBlock(rng);
  const int depth = 10;
  for (uint64_t count : {0ULL, 1ULL, 2ULL, 3ULL, 5ULL, 255ULL, 256ULL, 700ULL, 1023ULL, 1024ULL}) {
    std::vector<GgmNode> cover = GgmTree::Cover(root, depth, count);
    std::vector<GgmNode> shape = GgmTree::CoverShape(depth, count);
    ASSERT_EQ(shape.size(), cover.size());
    for (size_t i = 0; i < shape.size(); ++i) {
      EXPECT_EQ(shape[i].depth, cover[i].depth);
      EXPECT_EQ(shape[i].prefix, cover[i].prefix);
    }
    EXPECT_LE(cover.size(), static_cast<size_t>(depth) + 1);
    std::vector<uint64_t> indexes;
    ASSERT_TRUE(GgmTree::Expand(cover, depth, [&](uint64_t i, const Block& leaf) {
                  EXPECT_EQ(leaf, GgmTree::Leaf(root, depth, i)) << i;
                  indexes.push_back(i);
                }).ok());
    ASSERT_EQ(indexes.size(), count);
    for (uint64_t i = 0; i < count; ++i) EXPECT_EQ(indexes[i], i);
    // No node of the cover is an ancestor of leaf `count`: the key reaches no later leaf.
    if (count < (1ULL << depth)) {
      for (const GgmNode& n : cover) EXPECT_NE(n.prefix, count >> (depth - n.depth));
    }
  }
}

TEST(GgmTreeTest, ExpandRejectsMalformedNodes) {
  std::vector<GgmNode> deep = {{11, 0, Block{}}};
  EXPECT_EQ(GgmTree::Expand(deep, 10, [](uint64_t, const Block&) {}).error().code(),
            ErrorCode::kInvalidArgument);
  std::vector<GgmNode> wide = {{2, 4, Block{}}};
  EXPECT_EQ(GgmTree::Expand(wide, 10, [](uint64_t, const Block&) {}).error().code(),
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sselab::crypto
