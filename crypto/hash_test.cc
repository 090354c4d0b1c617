#include "crypto/hash.h"

#include <gtest/gtest.h>

#include <string_view>

namespace sselab::crypto {
namespace {

std::string Hex(const Digest256& d) { return HexEncode(d); }

SecretKey KeyOf(ByteView bytes) { return SecretKey::FromBytes(bytes).value(); }

constexpr std::string_view kTwoBlockMessage =
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

// FIPS 180-2, Appendix B.1 and B.2; the empty-string digest is the well-known SHA-256("").
TEST(Sha256Test, KnownAnswers) {
  EXPECT_EQ(Hex(Sha256(AsBytes("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Hex(Sha256(AsBytes(""))),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Hex(Sha256(AsBytes(kTwoBlockMessage))),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256Test, IncrementalMatchesOneShotForEverySplit) {
  Digest256 expected = Sha256(AsBytes(kTwoBlockMessage));
  Sha256Hasher hasher;
  for (size_t split = 0; split <= kTwoBlockMessage.size(); ++split) {
    hasher.Update(AsBytes(kTwoBlockMessage.substr(0, split)));
    hasher.Update(AsBytes(kTwoBlockMessage.substr(split)));
    EXPECT_EQ(hasher.Finish(), expected) << "split at " << split;
  }
}

TEST(Sha256Test, FinishResetsTheHasher) {
  Sha256Hasher hasher;
  hasher.Update(AsBytes("something else"));
  (void)hasher.Finish();
  hasher.Update(AsBytes("abc"));
  EXPECT_EQ(hasher.Finish(), Sha256(AsBytes("abc")));
  EXPECT_EQ(hasher.Finish(), Sha256(AsBytes("")));
}

// RFC 4231, test cases 1, 2 and 6 (6: key longer than the block, hashed first).
TEST(HmacSha256Test, Rfc4231) {
  EXPECT_EQ(Hex(HmacSha256(KeyOf(Bytes(20, 0x0b)), AsBytes("Hi There"))),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(Hex(HmacSha256(KeyOf(AsBytes("Jefe")), AsBytes("what do ya want for nothing?"))),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(Hex(HmacSha256(KeyOf(Bytes(131, 0xaa)),
                           AsBytes("Test Using Larger Than Block-Size Key - Hash Key First"))),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

}  // namespace
}  // namespace sselab::crypto
