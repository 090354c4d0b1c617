// DumpStore / LoadStoreDump: a store's tables, options and entries survive the round trip
// between kinds of store; a damaged or truncated dump is refused, naming the byte.
#include "storage/store_dump.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "storage/internal/temp_dir.h"
#include "storage/internal/test_util.h"
#include "storage/memory_store.h"
#include "storage/rocks_store.h"

namespace sselab::storage {
namespace {

namespace fs = std::filesystem;
using internal::ScanAll;
using ::testing::HasSubstr;

class StoreDumpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rocks = OpenRocksStore(
        dir_.path() / "rocks",
        {.create_if_missing = true, .block_cache_bytes = 1 << 20, .write_buffer_bytes = 1 << 20});
    ASSERT_TRUE(rocks.ok()) << rocks.error().ToString();
    source_ = std::move(rocks).value();
    ASSERT_TRUE(source_->CreateTable("meta", {.compress = true}).ok());
    ASSERT_TRUE(source_->CreateTable("point", {.point_lookup_key_bytes = 8}).ok());
    ASSERT_TRUE(source_->CreateTable("empty", {.bloom_bits_per_key = 0}).ok());
    ASSERT_TRUE(source_->Put("meta", AsBytes("scheme"), AsBytes("pibas")).ok());
    ASSERT_TRUE(source_->Put("meta", AsBytes(""), AsBytes("empty key")).ok());
    ASSERT_TRUE(BulkLoadSorted(*source_, "point", internal::CounterEntries(3000, 20)).ok());
  }

  void ExpectSameAsSource(Store& copy) {
    EXPECT_EQ(copy.Tables(), source_->Tables());
    for (const std::string& t : source_->Tables()) {
      EXPECT_EQ(ScanAll(copy, t), ScanAll(*source_, t)) << t;
      auto a = copy.Options(t);
      auto b = source_->Options(t);
      ASSERT_TRUE(a.ok() && b.ok());
      EXPECT_EQ(a->compress, b->compress) << t;
      EXPECT_EQ(a->bloom_bits_per_key, b->bloom_bits_per_key) << t;
      EXPECT_EQ(a->point_lookup_key_bytes, b->point_lookup_key_bytes) << t;
    }
  }

  internal::TempDir dir_;
  std::unique_ptr<Store> source_;
};

TEST_F(StoreDumpTest, RoundTripIntoAnotherKindOfStore) {
  const fs::path dump = dir_.path() / "server.dump";
  auto written = DumpStore(*source_, dump);
  ASSERT_TRUE(written.ok()) << written.error().ToString();
  EXPECT_EQ(written->tables, 3u);
  EXPECT_EQ(written->entries, 3002u);
  EXPECT_EQ(written->bytes, fs::file_size(dump));
  EXPECT_EQ(fs::status(dump).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  auto memory = NewMemoryStore();
  auto loaded = LoadStoreDump(dump, *memory);
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ(loaded->entries, 3002u);
  ExpectSameAsSource(*memory);
  // And back into RocksDB.
  auto rocks = OpenRocksStore(dir_.path() / "again", {.create_if_missing = true});
  ASSERT_TRUE(rocks.ok());
  ASSERT_TRUE(LoadStoreDump(dump, **rocks).ok());
  ExpectSameAsSource(**rocks);
}

TEST_F(StoreDumpTest, NeverOverwritesAFile) {
  const fs::path dump = dir_.path() / "server.dump";
  std::ofstream(dump) << "mine";
  auto written = DumpStore(*source_, dump);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code(), ErrorCode::kAlreadyExists);
  std::ifstream in(dump);
  std::string text;
  in >> text;
  EXPECT_EQ(text, "mine");
}

TEST_F(StoreDumpTest, TruncatedOrDamagedDumpsAreRefusedNamingTheByte) {
  const fs::path dump = dir_.path() / "server.dump";
  ASSERT_TRUE(DumpStore(*source_, dump).ok());
  std::string bytes;
  {
    std::ifstream in(dump, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto refuse = [&](const std::string& damaged, const std::string& what) {
    const fs::path bad = dir_.path() / "bad.dump";
    fs::remove(bad);
    std::ofstream(bad, std::ios::binary) << damaged;
    auto memory = NewMemoryStore();
    auto loaded = LoadStoreDump(bad, *memory);
    ASSERT_FALSE(loaded.ok()) << what;
    EXPECT_EQ(loaded.error().code(), ErrorCode::kCorruption) << what;
    EXPECT_THAT(loaded.error().message(), HasSubstr("at byte")) << what;
  };
  for (const size_t cut : {size_t{0}, size_t{5}, size_t{20}, bytes.size() / 2, bytes.size() - 1}) {
    refuse(bytes.substr(0, cut), "cut at " + std::to_string(cut));
  }
  std::string header = bytes;
  header[3] ^= 1;
  refuse(header, "header");
  std::string extra = bytes + "x";
  refuse(extra, "trailing byte");
  // A table's tag turned into something else.
  std::string tag = bytes;
  tag[14] = 'Q';
  refuse(tag, "tag");
}

}  // namespace
}  // namespace sselab::storage
