#include "crypto/key_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <iterator>

#include "crypto/random.h"

namespace sselab::crypto {
namespace {

namespace fs = std::filesystem;

SecretKey SequentialKey(uint8_t first) {
  Bytes raw(kMasterKeySize);
  for (size_t i = 0; i < raw.size(); ++i) raw[i] = static_cast<uint8_t>(first + i);
  return SecretKey::FromBytes(raw).value();
}

// Key 000102..1f in format v1; the checksum was computed independently (Python hashlib).
constexpr char kGoldenFile[] =
    "5353454c41424b5901200000000102030405060708090a0b0c0d0e0f10111213"
    "1415161718191a1b1c1d1e1f8ec1b7d9fb24a5d4867d3c96adc7b419cceb06ac";

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("sselab_key_file_test_" + std::string(info->name()) + "_" + HexEncode(RandomBytes(8)));
    ASSERT_TRUE(fs::create_directory(dir_));
    path_ = dir_ / "master.key";
  }
  void TearDown() override { fs::remove_all(dir_); }

  Bytes ReadRaw() const {
    std::ifstream in(path_, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  void WriteRaw(const Bytes& bytes) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }
  // Writes a valid key file, applies `edit` to its bytes, and expects kCorruption whose
  // message names the file and contains `detail` but not the key.
  void ExpectCorruptionAfter(void (*edit)(Bytes&), std::string_view detail) {
    SecretKey key = SecretKey::Generate(kMasterKeySize);
    ASSERT_TRUE(WriteKeyFile(path_, key).ok());
    Bytes raw = ReadRaw();
    edit(raw);
    WriteRaw(raw);
    auto read = ReadKeyFile(path_);
    ASSERT_FALSE(read.ok()) << detail;
    EXPECT_EQ(read.error().code(), ErrorCode::kCorruption) << read.error().ToString();
    const std::string& message = read.error().message();
    EXPECT_NE(message.find(path_.string()), std::string::npos) << message;
    EXPECT_NE(message.find(detail), std::string::npos) << message;
    EXPECT_EQ(message.find(HexEncode(key.UnsafeBytes())), std::string::npos) << message;
  }

  fs::path dir_;
  fs::path path_;
};

TEST_F(KeyFileTest, RoundTripsAndMatchesTheDocumentedLayout) {
  SecretKey key = SequentialKey(0);
  ASSERT_TRUE(WriteKeyFile(path_, key).ok());
  EXPECT_EQ(HexEncode(ReadRaw()), kGoldenFile);
  auto read = ReadKeyFile(path_);
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  EXPECT_TRUE(read->Equals(key));
  // The temporary file is gone: the directory holds exactly the key file.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(KeyFileTest, CreatesTheFileWithModeExactly0600) {
  ::umask(0);  // 0600 must not depend on the umask (restored below)
  Status s = WriteKeyFile(path_, SecretKey::Generate(kMasterKeySize));
  ::umask(022);
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  struct stat st;
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
}

TEST_F(KeyFileTest, RefusesToOverwrite) {
  SecretKey first = SecretKey::Generate(kMasterKeySize);
  ASSERT_TRUE(WriteKeyFile(path_, first).ok());
  Status s = WriteKeyFile(path_, SecretKey::Generate(kMasterKeySize));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kAlreadyExists);
  EXPECT_NE(s.error().message().find(path_.string()), std::string::npos);
  EXPECT_TRUE(ReadKeyFile(path_).value().Equals(first));
}

TEST_F(KeyFileTest, RejectsKeysOfTheWrongSize) {
  Status s = WriteKeyFile(path_, SecretKey::Generate(16));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(fs::exists(path_));
}

TEST_F(KeyFileTest, MissingDirectoryIsIoError) {
  Status s = WriteKeyFile(dir_ / "no-such-dir" / "k.key", SecretKey::Generate(kMasterKeySize));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kIoError);
}

TEST_F(KeyFileTest, MissingFileIsNotFound) {
  auto read = ReadKeyFile(path_);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(read.error().message().find(path_.string()), std::string::npos);
}

TEST_F(KeyFileTest, RefusesFilesReadableByGroupOrOthers) {
  ASSERT_TRUE(WriteKeyFile(path_, SecretKey::Generate(kMasterKeySize)).ok());
  for (fs::perms extra : {fs::perms::others_read, fs::perms::group_read}) {
    fs::permissions(path_, fs::perms::owner_read | fs::perms::owner_write | extra);
    auto read = ReadKeyFile(path_);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code(), ErrorCode::kFailedPrecondition);
    EXPECT_NE(read.error().message().find("chmod 600"), std::string::npos);
    EXPECT_NE(read.error().message().find(path_.string()), std::string::npos);
  }
  fs::permissions(path_, fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_TRUE(ReadKeyFile(path_).ok());
}

TEST_F(KeyFileTest, DetectsBadMagic) {
  ExpectCorruptionAfter([](Bytes& b) { b[0] = 'X'; }, "magic");
}

TEST_F(KeyFileTest, DetectsUnsupportedVersion) {
  ExpectCorruptionAfter([](Bytes& b) { b[8] = 2; }, "version 2");
}

TEST_F(KeyFileTest, DetectsTruncation) {
  ExpectCorruptionAfter([](Bytes& b) { b.resize(40); }, "truncated");
  fs::remove(path_);
  ExpectCorruptionAfter([](Bytes& b) { b.resize(5); }, "truncated");
}

TEST_F(KeyFileTest, DetectsTrailingData) {
  ExpectCorruptionAfter([](Bytes& b) { b.push_back(0); }, "trailing data");
}

TEST_F(KeyFileTest, DetectsWrongKeyLengthField) {
  ExpectCorruptionAfter([](Bytes& b) { b[9] = 16; }, "key length");
}

TEST_F(KeyFileTest, DetectsNonZeroReservedBytes) {
  ExpectCorruptionAfter([](Bytes& b) { b[11] = 1; }, "reserved");
}

TEST_F(KeyFileTest, DetectsFlippedKeyAndChecksumBytes) {
  ExpectCorruptionAfter([](Bytes& b) { b[12] ^= 0x01; }, "checksum");
  fs::remove(path_);
  ExpectCorruptionAfter([](Bytes& b) { b[43] ^= 0x80; }, "checksum");
  fs::remove(path_);
  ExpectCorruptionAfter([](Bytes& b) { b[63] ^= 0x01; }, "checksum");
}

TEST(KeyCheckValueTest, IsStableAndDistinguishesKeys) {
  // Expected values: first 16 bytes of HMAC-SHA256(key, "sselab key check v1"), computed
  // independently with Python's hmac module.
  EXPECT_EQ(KeyCheckValue(SequentialKey(0)), "172a06001f426c88137142b6987fe164");
  EXPECT_EQ(KeyCheckValue(SequentialKey(1)), "3bd80624bae21394882d290881a7c689");
  SecretKey key = SecretKey::Generate(kMasterKeySize);
  EXPECT_EQ(KeyCheckValue(key), KeyCheckValue(key));
  EXPECT_EQ(KeyCheckValue(key).size(), 32u);
  EXPECT_NE(KeyCheckValue(key), KeyCheckValue(SecretKey::Generate(kMasterKeySize)));
}

}  // namespace
}  // namespace sselab::crypto
