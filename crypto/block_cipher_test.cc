#include "crypto/block_cipher.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/internal/test_blocks.h"
#include "crypto/random.h"

namespace sselab::crypto {
namespace {

using internal::BlockFromHex;

// FIPS-197, Appendix C.1-C.3, both directions (the published vectors; BlockPrf's test
// checks the same encryptions through Crypto++'s ECB path).
TEST(BlockCipherTest, Fips197AppendixCBothWays) {
  const Block plaintext = BlockFromHex("00112233445566778899aabbccddeeff");
  const struct {
    const char* key;
    const char* ciphertext;
  } cases[] = {
      {"000102030405060708090a0b0c0d0e0f", "69c4e0d86a7b0430d8cdb78070b4c55a"},
      {"000102030405060708090a0b0c0d0e0f1011121314151617", "dda97ca4864cdfe06eaf70a0ec0d7191"},
      {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
       "8ea2b7ca516745bfeafc49904b496089"},
  };
  for (const auto& c : cases) {
    const BlockCipher cipher =
        BlockCipher::Create(SecretKey::FromBytes(HexDecode(c.key).value()).value()).value();
    EXPECT_EQ(HexEncode(cipher.Encrypt(plaintext)), c.ciphertext) << c.key;
    EXPECT_EQ(cipher.Decrypt(BlockFromHex(c.ciphertext)), plaintext) << c.key;
  }
}

TEST(BlockCipherTest, DecryptInvertsEncryptAndMatchesBlockPrf) {
  const SecretKey key = SecretKey::Generate(16);
  const BlockCipher cipher = BlockCipher::Create(key).value();
  const BlockPrf prf = BlockPrf::Create(key).value();
  for (int i = 0; i < 100; ++i) {
    Block b;
    RandomBytes(std::span<uint8_t>(b));
    EXPECT_EQ(cipher.Encrypt(b), prf.Eval(b));
    EXPECT_EQ(cipher.Decrypt(cipher.Encrypt(b)), b);
  }
}

TEST(BlockCipherTest, RejectsNonAesKeySizes) {
  for (size_t n : {8u, 15u, 17u, 33u}) {
    auto c = BlockCipher::Create(SecretKey::Generate(n));
    ASSERT_FALSE(c.ok()) << n;
    EXPECT_EQ(c.error().code(), ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace sselab::crypto
