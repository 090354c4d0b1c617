#include "sse/pack/pack_block.h"

#include <gtest/gtest.h>

namespace sselab::sse::pack {
namespace {

crypto::BlockPrf TestPrf(uint8_t seed) {
  Bytes k(16, seed);
  auto key = crypto::SecretKey::FromBytes(k);
  return std::move(crypto::BlockPrf::Create(*key)).value();
}

TEST(PackBlockTest, EncodeDecodeRoundTripAtEveryFill) {
  for (size_t capacity : {1u, 2u, 3u, 16u}) {
    for (size_t n = 0; n <= capacity; ++n) {
      std::vector<uint64_t> values;
      for (size_t i = 0; i < n; ++i) values.push_back(~uint64_t{0} - i * 0x0101010101010101ULL);
      Bytes block;
      EncodeBlock(values, capacity, block);
      ASSERT_EQ(block.size(), BlockBytes(capacity));
      std::vector<uint64_t> out = {42};  // DecodeBlock appends
      ASSERT_TRUE(DecodeBlock(block, capacity, "test block", out).ok());
      values.insert(values.begin(), 42);
      EXPECT_EQ(out, values) << "capacity " << capacity << " n " << n;
    }
  }
}

TEST(PackBlockTest, PaddingIsZero) {
  Bytes block;
  std::vector<uint64_t> values = {7};
  EncodeBlock(values, 3, block);
  EXPECT_EQ(block, (Bytes{0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0,
                          0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
}

TEST(PackBlockTest, DecodeRejectsWrongSizeAndOverfullCount) {
  std::vector<uint64_t> out;
  Bytes block;
  std::vector<uint64_t> values = {1, 2};
  EncodeBlock(values, 2, block);
  EXPECT_EQ(DecodeBlock(block, 3, "b", out).error().code(), ErrorCode::kCorruption);
  Bytes shorter(block.begin(), block.end() - 1);
  EXPECT_EQ(DecodeBlock(shorter, 2, "b", out).error().code(), ErrorCode::kCorruption);
  block[3] = 3;  // count 3 > capacity 2
  auto s = DecodeBlock(block, 2, "the block", out);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kCorruption);
  EXPECT_NE(s.error().ToString().find("the block"), std::string::npos);
  EXPECT_TRUE(out.empty());
}

TEST(PackBlockTest, SealOpenRoundTripAndHidesValues) {
  crypto::BlockPrf prf = TestPrf(1);
  std::vector<uint64_t> values = {0x8123456789abcdefULL, 5, 6};
  Bytes sealed = SealBlock(prf, 9, values, 5);
  ASSERT_EQ(sealed.size(), BlockBytes(5));
  Bytes plain;
  EncodeBlock(values, 5, plain);
  EXPECT_NE(sealed, plain);
  std::vector<uint64_t> out;
  ASSERT_TRUE(OpenBlockInPlace(prf, 9, sealed, 5, "b", out).ok());
  EXPECT_EQ(out, values);
}

TEST(PackBlockTest, OpenedValuesAreTheBlocksBe64SlotsUpToItsCount) {
  crypto::BlockPrf prf = TestPrf(1);
  std::vector<uint64_t> values = {0x8123456789abcdefULL, 5};
  Bytes sealed = SealBlock(prf, 4, values, 3);
  auto opened = OpenBlockValuesInPlace(prf, 4, sealed, 3, "b");
  ASSERT_TRUE(opened.ok());
  // A view into the block: past its count, never the zero padding of the last slot.
  EXPECT_EQ(opened->data(), sealed.data() + kCountBytes);
  Bytes expected;
  StoreValues(values, expected);
  EXPECT_EQ(Bytes(opened->begin(), opened->end()), expected);
  // The count is checked as DecodeBlock checks it.
  Bytes plain;
  EncodeBlock(values, 3, plain);
  plain[3] = 4;
  auto overfull = BlockValues(plain, 3, "the block");
  ASSERT_FALSE(overfull.ok());
  EXPECT_EQ(overfull.error().code(), ErrorCode::kCorruption);
  EXPECT_NE(overfull.error().ToString().find("the block"), std::string::npos);
}

TEST(PackBlockTest, RegionsAndKeysGiveDistinctPads) {
  crypto::BlockPrf a = TestPrf(1), b = TestPrf(2);
  Bytes zero(40, 0);
  Bytes r0 = zero, r1 = zero, other_key = zero;
  XorPad(a, 0, r0);
  XorPad(a, 1, r1);
  XorPad(b, 0, other_key);
  EXPECT_NE(r0, r1);
  EXPECT_NE(r0, other_key);
  // Chunks within one region differ too (bytes 0..15 vs 16..31).
  EXPECT_FALSE(std::equal(r0.begin(), r0.begin() + 16, r0.begin() + 16));
  // XorPad is an involution, for lengths that are not a multiple of 16.
  Bytes data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
  Bytes copy = data;
  XorPad(a, 3, copy);
  EXPECT_NE(copy, data);
  XorPad(a, 3, copy);
  EXPECT_EQ(copy, data);
}

TEST(PackBlockTest, OpenWithWrongRegionIsCorruptionOrGarbage) {
  crypto::BlockPrf prf = TestPrf(1);
  std::vector<uint64_t> values = {1, 2, 3};
  Bytes sealed = SealBlock(prf, 0, values, 4);
  std::vector<uint64_t> out;
  Status s = OpenBlockInPlace(prf, 1, sealed, 4, "b", out);
  // A random count exceeds the capacity except with probability 5 / 2^32.
  EXPECT_FALSE(s.ok());
}

}  // namespace
}  // namespace sselab::sse::pack
