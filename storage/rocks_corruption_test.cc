// RocksStore on damaged files: a clear kCorruption naming the store, never a crash.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "storage/internal/temp_dir.h"
#include "storage/internal/test_util.h"
#include "storage/rocks_store.h"
#include "tests/testing/flip_byte.h"

namespace sselab::storage {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class RocksCorruptionTest : public ::testing::Test {
 protected:
  // A closed store with one flushed table of 1000 entries.
  void SetUp() override {
    RocksStoreOptions options;
    options.create_if_missing = true;
    auto store = OpenRocksStore(dir_, options);
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    ASSERT_TRUE((*store)->CreateTable("t", {}).ok());
    for (const Entry& e : internal::CounterEntries(1000, 100)) {
      ASSERT_TRUE((*store)->Put("t", e.key, e.value).ok());
    }
    ASSERT_TRUE((*store)->Flush().ok());
  }

  Result<std::unique_ptr<Store>> Reopen() { return OpenRocksStore(dir_); }

  fs::path OnlyFile(std::string_view prefix, std::string_view suffix) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with(prefix) && name.ends_with(suffix)) found.push_back(entry.path());
    }
    EXPECT_EQ(found.size(), 1u) << prefix << "*" << suffix;
    return found.empty() ? dir_ / "none" : found.front();
  }

  static void Overwrite(const fs::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  }

  void ExpectCorruption(const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kCorruption) << error.ToString();
    EXPECT_THAT(error.message(), HasSubstr(dir_.string()));
  }

  internal::TempDir temp_;
  const fs::path dir_ = temp_.path() / "store";
};

TEST_F(RocksCorruptionTest, GarbageCurrentFile) {
  Overwrite(dir_ / "CURRENT", "\x13\x37garbage");
  auto store = Reopen();
  ASSERT_FALSE(store.ok());
  ExpectCorruption(store.error());
}

TEST_F(RocksCorruptionTest, GarbageManifest) {
  const fs::path manifest = OnlyFile("MANIFEST-", "");
  Overwrite(manifest, std::string(fs::file_size(manifest), '\x5a'));
  auto store = Reopen();
  ASSERT_FALSE(store.ok());
  ExpectCorruption(store.error());
}

TEST_F(RocksCorruptionTest, TruncatedTableFile) {
  const fs::path sst = OnlyFile("", ".sst");
  fs::resize_file(sst, fs::file_size(sst) / 2);
  auto store = Reopen();  // paranoid checks compare every file's size with the MANIFEST
  ASSERT_FALSE(store.ok());
  ExpectCorruption(store.error());
}

TEST_F(RocksCorruptionTest, FlippedByteInTableFileFailsTheRead) {
  const fs::path sst = OnlyFile("", ".sst");
  sselab::testing::FlipByte(sst, 100);  // inside the first data block
  sselab::testing::FlipByte(sst, 101);
  auto store = Reopen();
  if (!store.ok()) {
    ExpectCorruption(store.error());
    return;
  }
  const Status s = (*store)->Scan("t", {}, [](ByteView, ByteView) { return true; });
  ASSERT_FALSE(s.ok());
  ExpectCorruption(s.error());
  EXPECT_THAT(s.error().message(), HasSubstr("scanning table 't'"));
}

}  // namespace
}  // namespace sselab::storage
