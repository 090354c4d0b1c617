#include "sse/common/keyword_keys.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/kdf.h"

namespace sselab::sse {
namespace {

// K_i = F(K, i || w) with K = DeriveSubkey(master, purpose), computed here the long way.
crypto::SecretKey Expected(const crypto::SecretKey& master, uint8_t i, const std::string& w) {
  auto prf = crypto::Prf::Create(crypto::DeriveSubkey(master, "test/prf", 32)).value();
  Bytes input = {i};
  input.insert(input.end(), w.begin(), w.end());
  return prf.DeriveKey(input, kKeywordKeyBytes);
}

TEST(KeywordKeysTest, DeriveIsFOfIndexAndKeywordAtEveryKeywordLength) {
  const crypto::SecretKey master = crypto::SecretKey::Generate(32);
  const KeywordKeys keys = KeywordKeys::Create(master, "test/prf").value();
  // Short keywords are assembled on the stack, long ones on the heap: both are i || w.
  for (size_t length : {0u, 1u, 126u, 127u, 128u, 129u, 1000u}) {
    const std::string w(length, 'k');
    for (uint8_t i : {uint8_t{1}, uint8_t{2}}) {
      const crypto::SecretKey k = keys.Derive(i, w);
      EXPECT_EQ(k.size(), kKeywordKeyBytes);
      EXPECT_TRUE(k.Equals(Expected(master, i, w))) << "length " << length << " i " << int{i};
    }
    EXPECT_FALSE(keys.Derive(1, w).Equals(keys.Derive(2, w)));
  }
}

}  // namespace
}  // namespace sselab::sse
