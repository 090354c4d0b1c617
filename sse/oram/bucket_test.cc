#include "sse/oram/bucket.h"

#include <gtest/gtest.h>

#include "crypto/kdf.h"
#include "sse/oram/test_util.h"

namespace sselab::sse::oram {
namespace {

BucketCodec MakeCodec(uint8_t key_fill = 7) {
  return BucketCodec(crypto::Aead::Create(testing::TestKey(key_fill)).value(), 3, 8);
}

TEST(BucketCodecTest, RoundTripsAndPadsToFixedSize) {
  const BucketCodec codec = MakeCodec();
  // Bucket 6 is at level 2 on the paths to leaves 4 and 5.
  std::vector<Block> blocks = {{9, 4, Bytes(8, 1)}, {3, 5, Bytes(8, 2)}};
  const Bytes sealed = codec.Seal(6, blocks);
  EXPECT_EQ(sealed.size(), codec.sealed_size());
  EXPECT_EQ(codec.Seal(6, {}).size(), codec.sealed_size());  // empty looks the same
  auto opened = codec.Open(6, sealed);
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  ASSERT_EQ(opened->size(), 2u);
  EXPECT_EQ((*opened)[0].id, 9u);
  EXPECT_EQ((*opened)[1].leaf, 5u);
  EXPECT_EQ((*opened)[1].data, Bytes(8, 2));
  // A fresh nonce per seal: the same contents never give the same bytes.
  EXPECT_NE(codec.Seal(6, blocks), sealed);
}

TEST(BucketCodecTest, RejectsTamperedMovedAndForeignBuckets) {
  const BucketCodec codec = MakeCodec();
  const Bytes sealed = codec.Seal(6, std::vector<Block>{{9, 4, Bytes(8, 1)}});
  Bytes tampered = sealed;
  tampered[20] ^= 1;
  EXPECT_EQ(codec.Open(6, tampered).error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(codec.Open(7, sealed).error().code(), ErrorCode::kCorruption);  // swapped
  EXPECT_EQ(MakeCodec(8).Open(6, sealed).error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(codec.Open(6, ByteView(sealed).first(10)).error().code(), ErrorCode::kCorruption);
}

TEST(BucketCodecTest, RejectsABlockOffItsPath) {
  const BucketCodec codec = MakeCodec();
  // Leaf 0's path is 1, 2, 4, 8: bucket 6 may not hold it. Only a buggy client seals it.
  const Bytes sealed = codec.Seal(6, std::vector<Block>{{9, 0, Bytes(8, 1)}});
  auto opened = codec.Open(6, sealed);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code(), ErrorCode::kCorruption);
  EXPECT_NE(opened.error().message().find("off its path"), std::string::npos);
}

}  // namespace
}  // namespace sselab::sse::oram
