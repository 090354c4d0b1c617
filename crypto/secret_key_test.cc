#include "crypto/secret_key.h"

#include <gtest/gtest.h>

#include <utility>

namespace sselab::crypto {
namespace {

SecretKey KeyOf(const Bytes& bytes) { return SecretKey::FromBytes(bytes).value(); }

TEST(SecretKeyTest, GenerateGivesKeysOfTheRequestedSizeThatDiffer) {
  SecretKey a = SecretKey::Generate(32);
  SecretKey b = SecretKey::Generate(32);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(b.size(), 32u);
  EXPECT_FALSE(a.Equals(b));
  EXPECT_EQ(SecretKey::Generate(1).size(), 1u);
  EXPECT_EQ(SecretKey::Generate(1024).size(), 1024u);
}

TEST(SecretKeyTest, FromBytesCopiesTheBytes) {
  Bytes raw = {1, 2, 3, 4, 5};
  SecretKey key = KeyOf(raw);
  raw[0] = 9;  // the key keeps its own copy
  EXPECT_TRUE(Equal(key.UnsafeBytes(), Bytes{1, 2, 3, 4, 5}));
}

TEST(SecretKeyTest, KeysInsideAndOutsideTheObjectKeepTheirBytesWhenMoved) {
  for (size_t size : {1u, 16u, 32u, 33u, 64u, 1024u}) {  // inline up to 32 bytes
    Bytes raw(size);
    for (size_t i = 0; i < size; ++i) raw[i] = static_cast<uint8_t>(i * 7 + 1);
    SecretKey key = KeyOf(raw);
    SecretKey moved = std::move(key);
    SecretKey assigned = SecretKey::Generate(8);
    assigned = std::move(moved);
    EXPECT_EQ(assigned.size(), size);
    EXPECT_TRUE(Equal(assigned.UnsafeBytes(), raw)) << "size " << size;
  }
}

TEST(SecretKeyTest, FromBytesRejectsEmptyAndOversizedInput) {
  auto empty = SecretKey::FromBytes(Bytes{});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code(), ErrorCode::kInvalidArgument);
  auto big = SecretKey::FromBytes(Bytes(1025, 7));
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(SecretKey::FromBytes(Bytes(1024, 7)).ok());
}

TEST(SecretKeyTest, EqualsComparesContentsAndSize) {
  Bytes raw(32, 0x5a);
  SecretKey a = KeyOf(raw);
  EXPECT_TRUE(a.Equals(KeyOf(raw)));
  EXPECT_TRUE(a.Equals(a));
  Bytes last_differs = raw;
  last_differs.back() ^= 1;
  EXPECT_FALSE(a.Equals(KeyOf(last_differs)));
  Bytes first_differs = raw;
  first_differs.front() ^= 0x80;
  EXPECT_FALSE(a.Equals(KeyOf(first_differs)));
  Bytes shorter(raw.begin(), raw.end() - 1);
  EXPECT_FALSE(a.Equals(KeyOf(shorter)));
}

TEST(SecretKeyTest, MoveKeepsTheKey) {
  SecretKey original = SecretKey::Generate(32);
  SecretKey reference = KeyOf(ToBytes(original.UnsafeBytes()));
  SecretKey moved(std::move(original));
  EXPECT_TRUE(moved.Equals(reference));
  SecretKey assigned = SecretKey::Generate(16);
  assigned = std::move(moved);
  EXPECT_EQ(assigned.size(), 32u);
  EXPECT_TRUE(assigned.Equals(reference));
}

TEST(SecretKeyDeathTest, GenerateAbortsOnInvalidSize) {
  EXPECT_DEATH(SecretKey::Generate(0), "outside 1..1024");
  EXPECT_DEATH(SecretKey::Generate(1025), "outside 1..1024");
}

}  // namespace
}  // namespace sselab::crypto
