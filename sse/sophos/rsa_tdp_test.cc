// The Sophos RSA trapdoor permutation: inverse and forward are inverse permutations, the
// multi-step inverse equals repeated inverses, encodings have a fixed length, and the key
// derivation is deterministic in the master key.
#include "sse/sophos/rsa_tdp.h"

#include <gtest/gtest.h>

#include <random>

#include "base/codec.h"

namespace sselab::sse::sophos {
namespace {

constexpr unsigned kTestBits = 1024;  // insecure: tests only

crypto::SecretKey KeyOf(uint8_t fill) {
  Bytes b(32, fill);
  return std::move(crypto::SecretKey::FromBytes(b)).value();
}

class RsaTdpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto tdp = RsaTrapdoor::Derive(KeyOf(7), kTestBits);
    ASSERT_TRUE(tdp.ok()) << tdp.error().ToString();
    tdp_ = new RsaTrapdoor(std::move(tdp).value());
  }
  static void TearDownTestSuite() {
    delete tdp_;
    tdp_ = nullptr;
  }

  Bytes RandomElement(uint64_t seed) {
    std::mt19937_64 rng(seed);
    Bytes s(tdp_->public_key().element_size() + 8);
    for (auto& b : s) b = static_cast<uint8_t>(rng());
    return std::move(tdp_->ElementFromSeed(s)).value();
  }

  static RsaTrapdoor* tdp_;
};
RsaTrapdoor* RsaTdpTest::tdp_ = nullptr;

TEST_F(RsaTdpTest, InverseAndForwardAreInversePermutations) {
  const RsaPublicKey& pk = tdp_->public_key();
  for (uint64_t seed = 0; seed < 8; ++seed) {
    const Bytes x = RandomElement(seed);
    auto y = tdp_->Inverse(x);
    ASSERT_TRUE(y.ok());
    EXPECT_NE(*y, x);
    auto back = pk.Forward(*y);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, x);
    auto fwd = pk.Forward(x);
    ASSERT_TRUE(fwd.ok());
    EXPECT_EQ(*tdp_->Inverse(*fwd), x);
  }
}

TEST_F(RsaTdpTest, MultiStepInverseEqualsRepeatedInverses) {
  const Bytes x = RandomElement(42);
  Bytes stepped = x;
  for (uint64_t c = 0; c <= 24; ++c) {
    auto direct = tdp_->InverseSteps(x, c);
    ASSERT_TRUE(direct.ok());
    EXPECT_EQ(*direct, stepped) << "c = " << c;
    stepped = std::move(tdp_->Inverse(stepped)).value();
  }
  // And c forward steps undo c inverse steps, for a large c.
  Bytes y = std::move(tdp_->InverseSteps(x, 1000003)).value();
  Bytes z = std::move(tdp_->InverseSteps(y, 5)).value();
  for (int i = 0; i < 5; ++i) z = std::move(tdp_->public_key().Forward(z)).value();
  EXPECT_EQ(z, y);
}

TEST_F(RsaTdpTest, EncodingsHaveTheModulusLength) {
  const RsaPublicKey& pk = tdp_->public_key();
  EXPECT_EQ(pk.modulus_bits(), kTestBits);
  EXPECT_EQ(pk.element_size(), kTestBits / 8);
  // A small element keeps its leading zero bytes.
  Bytes seed(pk.element_size() + 8, 0);
  seed.back() = 2;
  auto two = tdp_->ElementFromSeed(seed);
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->size(), pk.element_size());
  EXPECT_EQ(two->back(), 2);
  EXPECT_EQ(two->front(), 0);
  EXPECT_EQ(pk.Forward(*two)->size(), pk.element_size());
  EXPECT_EQ(tdp_->Inverse(*two)->size(), pk.element_size());
  // 2^65537 mod N then back.
  EXPECT_EQ(*tdp_->Inverse(*pk.Forward(*two)), *two);
}

TEST_F(RsaTdpTest, NonElementsAreRejected) {
  const RsaPublicKey& pk = tdp_->public_key();
  const Bytes too_big(pk.element_size(), 0xFF);  // >= N
  EXPECT_FALSE(pk.IsElement(too_big));
  EXPECT_EQ(pk.Forward(too_big).error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(pk.Forward(Bytes(pk.element_size() - 1, 1)).error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(pk.Forward(Bytes(pk.element_size() + 1, 0)).error().code(), ErrorCode::kCorruption);
  EXPECT_FALSE(tdp_->Inverse(too_big).ok());
  EXPECT_FALSE(tdp_->ElementFromSeed(Bytes(pk.element_size(), 1)).ok());  // seed too short
}

TEST_F(RsaTdpTest, PublicKeyRoundTripsAndRejectsDamage) {
  const Bytes enc = tdp_->public_key().Encode();
  auto pk = RsaPublicKey::Decode(enc);
  ASSERT_TRUE(pk.ok());
  EXPECT_EQ(pk->Encode(), enc);
  const Bytes x = RandomElement(3);
  EXPECT_EQ(*pk->Forward(x), *tdp_->public_key().Forward(x));
  for (size_t len = 0; len < enc.size(); ++len) {
    auto cut = RsaPublicKey::Decode(ByteView(enc).first(len));
    ASSERT_FALSE(cut.ok()) << len;
    EXPECT_EQ(cut.error().code(), ErrorCode::kCorruption);
  }
  Bytes even = enc;
  even[enc.size() - 5] &= 0xFE;  // N's last byte: N even
  EXPECT_FALSE(RsaPublicKey::Decode(even).ok());
  Bytes longer = enc;
  longer.push_back(0);
  EXPECT_FALSE(RsaPublicKey::Decode(longer).ok());
}

TEST(RsaTdpDeriveTest, DeterministicInTheMasterKey) {
  auto a = RsaTrapdoor::Derive(KeyOf(1), kTestBits);
  auto b = RsaTrapdoor::Derive(KeyOf(1), kTestBits);
  auto c = RsaTrapdoor::Derive(KeyOf(2), kTestBits);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->public_key().Encode(), b->public_key().Encode());
  EXPECT_NE(a->public_key().Encode(), c->public_key().Encode());
  const Bytes x(a->public_key().element_size(), 0x01);
  EXPECT_EQ(*a->Inverse(x), *b->Inverse(x));
}

TEST(RsaTdpDeriveTest, BadModulusSizesAreRejected) {
  for (unsigned bits : {0u, 512u, 1000u, 1032u, 16384u}) {
    auto t = RsaTrapdoor::Derive(KeyOf(1), bits);
    ASSERT_FALSE(t.ok()) << bits;
    EXPECT_EQ(t.error().code(), ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace sselab::sse::sophos
