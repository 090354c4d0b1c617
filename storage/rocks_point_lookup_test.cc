// RocksStore's point-lookup tables (TableOptions::point_lookup_key_bytes): the hash format
// on disk, the options across a reopen, and the whole-file checksums that stand in for
// the block checksums the format lacks.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <vector>

#include "storage/internal/temp_dir.h"
#include "storage/internal/test_util.h"
#include "storage/rocks_store.h"
#include "tests/testing/flip_byte.h"

namespace sselab::storage {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// The last 8 bytes of a RocksDB table file name its format (little-endian).
constexpr uint64_t kCuckooMagic = 0x926789d0c5f17873ULL;
constexpr uint64_t kBlockBasedMagic = 0x88e241b785f4cff7ULL;

uint64_t MagicOf(const fs::path& sst) {
  std::ifstream in(sst, std::ios::binary);
  in.seekg(-8, std::ios::end);
  uint8_t bytes[8] = {};
  in.read(reinterpret_cast<char*>(bytes), 8);
  uint64_t magic = 0;
  for (int i = 7; i >= 0; --i) magic = (magic << 8) | bytes[i];
  return magic;
}

class RocksPointLookupTest : public ::testing::Test {
 protected:
  // A closed store holding a point-lookup table "p" of `entries_`, loaded in one bulk
  // load, and an ordinary table "t".
  void SetUp() override {
    auto store = OpenRocksStore(dir_, {.create_if_missing = true});
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    ASSERT_TRUE((*store)->CreateTable("p", {.point_lookup_key_bytes = 8}).ok());
    ASSERT_TRUE((*store)->CreateTable("t", {}).ok());
    ASSERT_TRUE(BulkLoadSorted(**store, "p", entries_).ok());
    ASSERT_TRUE((*store)->Put("t", AsBytes("k"), AsBytes("v")).ok());
    ASSERT_TRUE((*store)->Flush().ok());
  }

  std::vector<fs::path> TableFiles() const {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      if (entry.path().extension() == ".sst") out.push_back(entry.path());
    }
    return out;
  }

  std::vector<fs::path> CuckooFiles() const {
    std::vector<fs::path> out;
    for (const fs::path& file : TableFiles()) {
      if (MagicOf(file) == kCuckooMagic) out.push_back(file);
    }
    return out;
  }

  internal::TempDir temp_;
  const fs::path dir_ = temp_.path() / "store";
  const std::vector<Entry> entries_ = internal::CounterEntries(5000, 24);
};

TEST_F(RocksPointLookupTest, ABuildLoadIsRewrittenInTheHashFormat) {
  const std::vector<fs::path> cuckoo = CuckooFiles();
  EXPECT_FALSE(cuckoo.empty());
  size_t block_based = 0;
  for (const fs::path& file : TableFiles()) block_based += MagicOf(file) == kBlockBasedMagic;
  EXPECT_EQ(cuckoo.size() + block_based, TableFiles().size());
  EXPECT_GE(block_based, 1u);  // table "t"
}

TEST_F(RocksPointLookupTest, OptionsAndEntriesSurviveReopen) {
  auto store = OpenRocksStore(dir_);
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  for (size_t i = 0; i < entries_.size(); i += 97) {
    auto got = (*store)->Get("p", entries_[i].key);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(*got, std::optional<Bytes>(entries_[i].value)) << i;
  }
  // The key length came back from the OPTIONS file: other lengths are still refused.
  const Status put = (*store)->Put("p", AsBytes("123"), AsBytes("v"));
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(internal::ScanAll(**store, "p").size(), entries_.size());
  // Small writes after the build are flushed in the hash format too.
  ASSERT_TRUE((*store)->Put("p", AsBytes("zzzzzzzz"), AsBytes("late")).ok());
  ASSERT_TRUE((*store)->Flush().ok());
  auto late = (*store)->Get("p", AsBytes("zzzzzzzz"));
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(ToString(late->value_or(Bytes{})), "late");
}

// Loads after the build, small (through the memtable) and large (as files), are applied
// whole or not at all, and overwrite what they meet, as every bulk load does.
TEST_F(RocksPointLookupTest, LaterLoadsOfEitherSizeAreAllOrNothing) {
  auto store = OpenRocksStore(dir_);
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  for (const size_t n : {size_t{50}, size_t{20000}}) {
    std::vector<Entry> load = internal::CounterEntries(n, 24);
    for (Entry& e : load) e.value.assign(24, 0xab);
    std::vector<Entry> broken = load;
    std::swap(broken[n / 2], broken[n / 2 + 1]);
    broken.front().value.assign(24, 0xcd);
    const Status refused = BulkLoadSorted(**store, "p", broken);
    ASSERT_FALSE(refused.ok()) << n;
    EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidArgument);
    auto first = (*store)->Get("p", load.front().key);
    ASSERT_TRUE(first.ok());
    EXPECT_NE(first->value_or(Bytes{}), Bytes(24, 0xcd)) << "a refused load left entries";
    ASSERT_TRUE(BulkLoadSorted(**store, "p", load).ok()) << n;
    for (size_t i = 0; i < n; i += n / 10) {
      auto got = (*store)->Get("p", load[i].key);
      ASSERT_TRUE(got.ok());
      EXPECT_EQ(*got, std::optional<Bytes>(Bytes(24, 0xab))) << n << " " << i;
    }
  }
  EXPECT_EQ(internal::ScanAll(**store, "p").size(), 20000u);
}

TEST_F(RocksPointLookupTest, AFlippedByteInAHashFileIsCorruptionAtOpen) {
  const std::vector<fs::path> cuckoo = CuckooFiles();
  ASSERT_FALSE(cuckoo.empty());
  const fs::path file = cuckoo.front();
  sselab::testing::FlipByte(file, static_cast<std::streamoff>(fs::file_size(file) / 3), 0x01);
  auto store = OpenRocksStore(dir_);
  ASSERT_FALSE(store.ok()) << "a damaged hash file must not be read";
  EXPECT_EQ(store.error().code(), ErrorCode::kCorruption) << store.error().ToString();
  EXPECT_THAT(store.error().message(), HasSubstr(file.filename().string()));
  EXPECT_THAT(store.error().message(), HasSubstr("table 'p'"));
}

TEST_F(RocksPointLookupTest, ATruncatedHashFileIsCorruptionAtOpen) {
  const std::vector<fs::path> cuckoo = CuckooFiles();
  ASSERT_FALSE(cuckoo.empty());
  fs::resize_file(cuckoo.front(), fs::file_size(cuckoo.front()) / 2);
  auto store = OpenRocksStore(dir_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), ErrorCode::kCorruption) << store.error().ToString();
}

}  // namespace
}  // namespace sselab::storage
