#include "crypto/prf.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/internal/test_blocks.h"
#include "crypto/internal/test_hex.h"
#include "crypto/random.h"

namespace sselab::crypto {
namespace {

using internal::BlockFromHex;
using internal::Hex;
using internal::KeyFromHex;
std::string Hex(const Block& b) { return HexEncode(b); }

// FIPS-197, Appendix C.1-C.3: plaintext 00112233..ff under keys 000102...
TEST(BlockPrfTest, Fips197AppendixC) {
  const Block plaintext = BlockFromHex("00112233445566778899aabbccddeeff");
  struct Case {
    const char* key;
    const char* ciphertext;
  };
  const Case cases[] = {
      {"000102030405060708090a0b0c0d0e0f", "69c4e0d86a7b0430d8cdb78070b4c55a"},
      {"000102030405060708090a0b0c0d0e0f1011121314151617", "dda97ca4864cdfe06eaf70a0ec0d7191"},
      {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
       "8ea2b7ca516745bfeafc49904b496089"},
  };
  for (const Case& c : cases) {
    BlockPrf prf = BlockPrf::Create(KeyFromHex(c.key)).value();
    EXPECT_EQ(Hex(prf.Eval(plaintext)), c.ciphertext) << "key " << c.key;
  }
}

TEST(BlockPrfTest, CreateRejectsNonAesKeySizes) {
  for (size_t n : {1u, 15u, 17u, 20u, 31u, 33u, 64u}) {
    auto prf = BlockPrf::Create(SecretKey::Generate(n));
    ASSERT_FALSE(prf.ok()) << n;
    EXPECT_EQ(prf.error().code(), ErrorCode::kInvalidArgument);
  }
}

TEST(BlockPrfTest, CounterBlockIsBigEndianCounterThenZeros) {
  EXPECT_EQ(Hex(BlockPrf::CounterBlock(0x0102030405060708ULL)), "01020304050607080000000000000000");
  EXPECT_EQ(Hex(BlockPrf::CounterBlock(0)), std::string(32, '0'));
}

TEST(BlockPrfTest, EvalBlocksMatchesEval) {
  BlockPrf prf = BlockPrf::Create(SecretKey::Generate(32)).value();
  std::vector<Block> in(37);
  for (Block& b : in) RandomBytes(std::span<uint8_t>(b));
  std::vector<Block> out(in.size());
  prf.EvalBlocks(in, out);
  for (size_t i = 0; i < in.size(); ++i) EXPECT_EQ(out[i], prf.Eval(in[i])) << i;
  std::vector<Block> in_place = in;
  prf.EvalBlocks(in_place, in_place);
  EXPECT_EQ(in_place, out);
}

class EvalCountersTest : public ::testing::TestWithParam<size_t> {};

TEST_P(EvalCountersTest, MatchesEvalOfEachCounterBlock) {
  const size_t n = GetParam();
  BlockPrf prf = BlockPrf::Create(SecretKey::Generate(16)).value();
  // The last start wraps around 2^64 in batches of more than 100 blocks.
  for (uint64_t start : {uint64_t{0}, uint64_t{1000003}, ~uint64_t{0} - 100}) {
    std::vector<Block> out(n);
    prf.EvalCounters(start, out);
    for (size_t i = 0; i < n; ++i) {
      ASSERT_EQ(out[i], prf.Eval(BlockPrf::CounterBlock(start + i)))
          << "start " << start << " index " << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(BatchSizes, EvalCountersTest, ::testing::Values(1, 7, 64, 256, 257, 1000));

// RFC 4493 section 4 (AES-128) and NIST SP 800-38B Appendix D.3 (AES-256): one 64-byte
// message, MACed in prefixes of 0, 16, 40 and 64 bytes.
constexpr std::string_view kCmacMessage =
    "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

TEST(PrfTest, AesCmacKnownAnswers) {
  struct Case {
    const char* key;
    size_t length;
    const char* tag;
  };
  const Case cases[] = {
      {"2b7e151628aed2a6abf7158809cf4f3c", 0, "bb1d6929e95937287fa37d129b756746"},
      {"2b7e151628aed2a6abf7158809cf4f3c", 16, "070a16b46b4d4144f79bdd9dd04a287c"},
      {"2b7e151628aed2a6abf7158809cf4f3c", 40, "dfa66747de9ae63030ca32611497c827"},
      {"2b7e151628aed2a6abf7158809cf4f3c", 64, "51f0bebf7e3b9d92fc49741779363cfe"},
      {"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", 0,
       "028962f61b7bf89efc6b551f4667d983"},
      {"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", 16,
       "28a7023f452e8f82bd4bf28d8c37c35c"},
      {"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", 40,
       "aaf3d8f1de5640c232f5b169b9c911e6"},
      {"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", 64,
       "e1992190549f6ed5696a2c056c315410"},
  };
  const Bytes message = Hex(kCmacMessage);
  for (const Case& c : cases) {
    Prf prf = Prf::Create(KeyFromHex(c.key)).value();
    EXPECT_EQ(Hex(prf.Eval(ByteView(message).first(c.length))), c.tag)
        << "key " << c.key << " length " << c.length;
  }
}

TEST(PrfTest, CreateRejectsNonAesKeySizes) {
  for (size_t n : {8u, 20u, 48u}) {
    auto prf = Prf::Create(SecretKey::Generate(n));
    ASSERT_FALSE(prf.ok()) << n;
    EXPECT_EQ(prf.error().code(), ErrorCode::kInvalidArgument);
  }
}

TEST(PrfTest, ExpandIsCmacOfBigEndianCounterAndInput) {
  Prf prf = Prf::Create(SecretKey::Generate(32)).value();
  const Bytes input = ToBytes(std::string_view("keyword"));
  Bytes out(40);
  prf.Expand(input, out);
  for (uint8_t i = 0; i < 3; ++i) {
    Bytes counter_and_input = {0, 0, 0, i};
    counter_and_input.insert(counter_and_input.end(), input.begin(), input.end());
    Block expected = prf.Eval(counter_and_input);
    size_t n = i < 2 ? 16 : 8;  // the third block is truncated to 40 - 32 bytes
    EXPECT_TRUE(Equal(ByteView(out).subspan(size_t{16} * i, n), ByteView(expected).first(n)))
        << int{i};
  }
  Bytes longer(64);
  prf.Expand(input, longer);
  EXPECT_TRUE(Equal(ByteView(longer).first(40), out));
}

TEST(PrfTest, DeriveKeyIsDeterministicAndSeparatesInputs) {
  SecretKey master = SecretKey::Generate(32);
  Prf prf = Prf::Create(master).value();
  Prf same = Prf::Create(SecretKey::FromBytes(master.UnsafeBytes()).value()).value();
  SecretKey a = prf.DeriveKey(AsBytes("alice"), 32);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_TRUE(a.Equals(same.DeriveKey(AsBytes("alice"), 32)));
  EXPECT_FALSE(a.Equals(prf.DeriveKey(AsBytes("alicf"), 32)));
  Bytes expanded(32);
  prf.Expand(AsBytes("alice"), expanded);
  EXPECT_TRUE(Equal(a.UnsafeBytes(), expanded));
  EXPECT_FALSE(
      a.Equals(Prf::Create(SecretKey::Generate(32)).value().DeriveKey(AsBytes("alice"), 32)));
}

}  // namespace
}  // namespace sselab::crypto
