#include "crypto/aead.h"

#include <gtest/gtest.h>

#include <string>
#include "crypto/internal/test_hex.h"

namespace sselab::crypto {
namespace {

using internal::Hex;
using internal::KeyFromHex;

// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", test cases 13-16 (the
// AES-256 cases with 96-bit IVs; 16 has associated data).
struct GcmCase {
  const char* name;
  const char* key;
  const char* iv;
  const char* plaintext;
  const char* aad;
  const char* ciphertext;
  const char* tag;
};

constexpr char kKeyZero[] = "0000000000000000000000000000000000000000000000000000000000000000";
constexpr char kKeyFeff[] = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
constexpr char kP60[] =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
constexpr char kC60[] =
    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
    "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662";

const GcmCase kGcmCases[] = {
    {"TC13", kKeyZero, "000000000000000000000000", "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"},
    {"TC14", kKeyZero, "000000000000000000000000", "00000000000000000000000000000000", "",
     "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"},
    {"TC15", kKeyFeff, "cafebabefacedbaddecaf888",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
     "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
     "",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
     "b094dac5d93471bdec1a502270e3cc6c"},
    {"TC16", kKeyFeff, "cafebabefacedbaddecaf888", kP60, "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     kC60, "76fc6ece0f4e1768cddf8853bb2d551b"},
};

TEST(AeadTest, GcmSpecKnownAnswersSealAndOpen) {
  for (const GcmCase& c : kGcmCases) {
    Aead aead = Aead::Create(KeyFromHex(c.key)).value();
    Bytes sealed = aead.SealWithNonce(Hex(c.iv), Hex(c.plaintext), Hex(c.aad));
    EXPECT_EQ(HexEncode(sealed), std::string(c.iv) + c.ciphertext + c.tag) << c.name;
    auto opened = aead.Open(sealed, Hex(c.aad));
    ASSERT_TRUE(opened.ok()) << c.name << ": " << opened.error().ToString();
    EXPECT_EQ(*opened, Hex(c.plaintext)) << c.name;
  }
}

class AeadTamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sealed_ = aead_.SealWithNonce(Hex("cafebabefacedbaddecaf888"), Hex(kP60), aad_);
    ASSERT_TRUE(aead_.Open(sealed_, aad_).ok());
  }
  void ExpectCorruption(ByteView sealed, ByteView aad, const std::string& what) {
    auto opened = aead_.Open(sealed, aad);
    ASSERT_FALSE(opened.ok()) << what;
    EXPECT_EQ(opened.error().code(), ErrorCode::kCorruption) << what;
  }

  Aead aead_ = Aead::Create(KeyFromHex(kKeyFeff)).value();
  Bytes aad_ = Hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
  Bytes sealed_;
};

TEST_F(AeadTamperTest, FlippingAnyByteOfNonceCiphertextOrTagIsCorruption) {
  for (size_t i = 0; i < sealed_.size(); ++i) {
    Bytes tampered = sealed_;
    tampered[i] ^= 0x01;
    ExpectCorruption(tampered, aad_, "flipped sealed byte " + std::to_string(i));
  }
}

TEST_F(AeadTamperTest, ChangingTheAssociatedDataIsCorruption) {
  for (size_t i = 0; i < aad_.size(); ++i) {
    Bytes tampered = aad_;
    tampered[i] ^= 0x80;
    ExpectCorruption(sealed_, tampered, "flipped AD byte " + std::to_string(i));
  }
  Bytes longer = aad_;
  longer.push_back(0);
  ExpectCorruption(sealed_, longer, "extended AD");
  ExpectCorruption(sealed_, Bytes{}, "missing AD");
}

TEST_F(AeadTamperTest, WrongKeyIsCorruption) {
  Aead other = Aead::Create(SecretKey::Generate(Aead::kKeySize)).value();
  auto opened = other.Open(sealed_, aad_);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code(), ErrorCode::kCorruption);
}

TEST_F(AeadTamperTest, TruncationIsCorruption) {
  ExpectCorruption(ByteView(sealed_).first(sealed_.size() - 1), aad_, "last byte dropped");
  ExpectCorruption(ByteView(sealed_).first(Aead::kOverhead - 1), aad_, "shorter than overhead");
  ExpectCorruption(ByteView{}, aad_, "empty");
}

TEST(AeadTest, SealUsesFreshNoncesAndRoundTrips) {
  Aead aead = Aead::Create(SecretKey::Generate(Aead::kKeySize)).value();
  const Bytes plaintext = ToBytes(std::string_view("document 42"));
  const Bytes aad = ToBytes(std::string_view("label"));
  Bytes a = aead.Seal(plaintext, aad);
  Bytes b = aead.Seal(plaintext, aad);
  EXPECT_EQ(a.size(), plaintext.size() + Aead::kOverhead);
  EXPECT_FALSE(Equal(ByteView(a).first(Aead::kNonceSize), ByteView(b).first(Aead::kNonceSize)));
  EXPECT_EQ(aead.Open(a, aad).value(), plaintext);
  EXPECT_EQ(aead.Open(b, aad).value(), plaintext);
  Bytes empty = aead.Seal(Bytes{}, Bytes{});
  EXPECT_EQ(empty.size(), Aead::kOverhead);
  EXPECT_TRUE(aead.Open(empty, Bytes{}).value().empty());
}

TEST(AeadTest, CreateRejectsKeysThatAreNot32Bytes) {
  for (size_t n : {16u, 24u, 31u, 33u}) {
    auto aead = Aead::Create(SecretKey::Generate(n));
    ASSERT_FALSE(aead.ok()) << n;
    EXPECT_EQ(aead.error().code(), ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace sselab::crypto
