#include "crypto/kdf.h"

#include <gtest/gtest.h>

#include <string>
#include "crypto/internal/test_hex.h"

namespace sselab::crypto {
namespace {

using internal::Hex;

Bytes Range(uint8_t first, uint8_t last) {
  Bytes out;
  for (int b = first; b <= last; ++b) out.push_back(static_cast<uint8_t>(b));
  return out;
}

std::string OkmHex(const SecretKey& ikm, ByteView salt, ByteView info, size_t length) {
  auto okm = Hkdf(ikm, salt, info, length);
  if (!okm.ok()) return okm.error().ToString();
  return HexEncode(okm->UnsafeBytes());
}

// RFC 5869, Appendix A.1-A.3.
TEST(HkdfTest, Rfc5869TestCase1) {
  SecretKey ikm = SecretKey::FromBytes(Bytes(22, 0x0b)).value();
  EXPECT_EQ(OkmHex(ikm, Hex("000102030405060708090a0b0c"), Hex("f0f1f2f3f4f5f6f7f8f9"), 42),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
            "34007208d5b887185865");
}

TEST(HkdfTest, Rfc5869TestCase2) {
  SecretKey ikm = SecretKey::FromBytes(Range(0x00, 0x4f)).value();
  EXPECT_EQ(OkmHex(ikm, Range(0x60, 0xaf), Range(0xb0, 0xff), 82),
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
            "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
            "cc30c58179ec3e87c14c01d5c1f3434f1d87");
}

TEST(HkdfTest, Rfc5869TestCase3EmptySaltAndInfo) {
  SecretKey ikm = SecretKey::FromBytes(Bytes(22, 0x0b)).value();
  const char* expected =
      "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
      "9d201395faa4b61a96c8";
  EXPECT_EQ(OkmHex(ikm, ByteView{}, ByteView{}, 42), expected);
  // A non-null but empty salt means the same thing.
  Bytes storage(1);
  EXPECT_EQ(OkmHex(ikm, ByteView(storage).first(0), ByteView{}, 42), expected);
}

TEST(HkdfTest, RejectsOutputLengthsOutOfRange) {
  SecretKey ikm = SecretKey::Generate(32);
  for (size_t length : {size_t{0}, size_t{1025}, size_t{255 * 32 + 1}}) {
    auto okm = Hkdf(ikm, ByteView{}, ByteView{}, length);
    ASSERT_FALSE(okm.ok()) << length;
    EXPECT_EQ(okm.error().code(), ErrorCode::kInvalidArgument) << length;
  }
  EXPECT_EQ(Hkdf(ikm, ByteView{}, ByteView{}, 1024).value().size(), 1024u);
}

TEST(DeriveSubkeyTest, IsHkdfWithTheVersionSaltAndPurposeAsInfo) {
  SecretKey master = SecretKey::Generate(32);
  SecretKey sub = DeriveSubkey(master, "pibas/prf", 32);
  SecretKey direct = Hkdf(master, AsBytes("sselab/v1"), AsBytes("pibas/prf"), 32).value();
  EXPECT_TRUE(sub.Equals(direct));
  EXPECT_TRUE(sub.Equals(DeriveSubkey(master, "pibas/prf", 32)));
  EXPECT_FALSE(sub.Equals(DeriveSubkey(master, "pibas/aead", 32)));
  EXPECT_FALSE(sub.Equals(DeriveSubkey(SecretKey::Generate(32), "pibas/prf", 32)));
  EXPECT_EQ(DeriveSubkey(master, "blind/field/from", 16).size(), 16u);
}

}  // namespace
}  // namespace sselab::crypto
