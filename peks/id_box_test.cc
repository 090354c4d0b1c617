#include "peks/id_box.h"

#include <gtest/gtest.h>

#include "peks/peks_keys.h"

namespace sselab::peks {
namespace {

using crypto::pairing::Fr;

TEST(IdBoxTest, OpensUnderTheRightKeyAndKeywordOnly) {
  const Fr e = RandomNonZeroScalar();
  const Bytes box = SealId(G1Gen().Mul(e), "ctx", "apple", 0x0123456789abcdefULL);
  ASSERT_EQ(box.size(), kIdBoxSize);
  auto id = OpenId(e, "ctx", "apple", box);
  ASSERT_TRUE(id.ok()) << id.error().ToString();
  EXPECT_EQ(*id, 0x0123456789abcdefULL);
  EXPECT_EQ(OpenId(e, "ctx", "pear", box).error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(OpenId(e, "other", "apple", box).error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(OpenId(RandomNonZeroScalar(), "ctx", "apple", box).error().code(),
            ErrorCode::kCorruption);
}

TEST(IdBoxTest, BoxesAreRandomized) {
  const Fr e = RandomNonZeroScalar();
  EXPECT_NE(SealId(G1Gen().Mul(e), "c", "w", 7), SealId(G1Gen().Mul(e), "c", "w", 7));
}

TEST(IdBoxTest, DamagedBoxesAreCorruption) {
  const Fr e = RandomNonZeroScalar();
  const Bytes box = SealId(G1Gen().Mul(e), "c", "w", 7);
  for (size_t len = 0; len < box.size(); ++len) {
    auto r = OpenId(e, "c", "w", ByteView(box).first(len));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), ErrorCode::kCorruption);
  }
  for (size_t i = 0; i < box.size(); ++i) {
    Bytes bad = box;
    bad[i] ^= 0x01;
    auto r = OpenId(e, "c", "w", bad);
    ASSERT_FALSE(r.ok()) << "flip at " << i;
    EXPECT_EQ(r.error().code(), ErrorCode::kCorruption);
  }
}

}  // namespace
}  // namespace sselab::peks
