#include "crypto/internal/aes128_ni.h"

#include <cryptopp/aes.h>
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "base/bytes.h"
#include "crypto/internal/test_blocks.h"

namespace sselab::crypto::internal {
namespace {

// FIPS-197 Appendix C.1 (AES-128): the last round key (round[10].k_sch) and the output.
TEST(Aes128NiTest, MatchesFips197) {
  if (!HaveAesNi()) GTEST_SKIP() << "no AES-NI on this processor";
  const AesBlock key = BlockFromHex("000102030405060708090a0b0c0d0e0f");
  Aes128Schedule s;
  Aes128Expand(key.data(), s);
  EXPECT_EQ(s.round_keys[0], key);
  EXPECT_EQ(HexEncode(s.round_keys[10]), "13111d7fe3944a17f307a78b4d2b30c5");
  const AesBlock pt = BlockFromHex("00112233445566778899aabbccddeeff");
  AesBlock ct;
  Aes128EncryptBlocks(s, &pt, &ct, 1);
  EXPECT_EQ(HexEncode(ct), "69c4e0d86a7b0430d8cdb78070b4c55a");
  AesBlock a, b;
  Aes128EncryptPairFreshKey(key, pt, pt, a, b);
  EXPECT_EQ(a, ct);
  EXPECT_EQ(b, ct);
}

// Against Crypto++'s AES, an independent implementation: random keys, every count of blocks
// from 0 to 19 (the four-lane loop and its tail), in place and not.
TEST(Aes128NiTest, MatchesCryptoppOnRandomInputs) {
  if (!HaveAesNi()) GTEST_SKIP() << "no AES-NI on this processor";
  std::mt19937_64 rng(7);
  for (size_t n = 0; n < 20; ++n) {
    for (int trial = 0; trial < 10; ++trial) {
      const AesBlock key = RandomBlock(rng);
      std::vector<AesBlock> in(n), expected(n), out(n);
      for (auto& b : in) b = RandomBlock(rng);
      CryptoPP::AES::Encryption aes(key.data(), key.size());
      for (size_t i = 0; i < n; ++i) aes.ProcessBlock(in[i].data(), expected[i].data());
      Aes128Schedule s;
      Aes128Expand(key.data(), s);
      Aes128EncryptBlocks(s, in.data(), out.data(), n);
      ASSERT_EQ(out, expected) << n << " blocks";
      Aes128EncryptBlocks(s, in.data(), in.data(), n);  // in place
      ASSERT_EQ(in, expected) << n << " blocks in place";
    }
  }
}

}  // namespace
}  // namespace sselab::crypto::internal
