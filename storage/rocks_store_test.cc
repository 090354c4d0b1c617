// RocksStore-specific behaviour: persistence, open errors, corruption, bulk-load files.
#include "storage/rocks_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rocksdb/convenience.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/options_util.h>

#include <filesystem>
#include <fstream>

#include "storage/internal/rocks_options.h"
#include "storage/internal/temp_dir.h"
#include "storage/internal/test_util.h"

namespace sselab::storage {
namespace {

namespace fs = std::filesystem;
using internal::KeyValues;
using internal::MakeEntry;
using internal::ScanAll;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

class RocksStoreTest : public ::testing::Test {
 protected:
  Result<std::unique_ptr<Store>> Open(bool create = false) {
    RocksStoreOptions options;
    options.create_if_missing = create;
    options.block_cache_bytes = 1 << 20;
    return OpenRocksStore(dir_, options);
  }
  std::unique_ptr<Store> MustOpen(bool create = false) {
    auto store = Open(create);
    EXPECT_TRUE(store.ok()) << store.error().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }
  // The store's files whose name starts with `prefix`.
  std::vector<fs::path> Files(std::string_view prefix) const {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      if (entry.path().filename().string().starts_with(prefix)) out.push_back(entry.path());
    }
    return out;
  }
  std::vector<fs::path> FilesEndingIn(std::string_view suffix) const {
    std::vector<fs::path> out;
    for (const auto& entry : fs::recursive_directory_iterator(dir_)) {
      if (entry.path().string().ends_with(suffix)) out.push_back(entry.path());
    }
    return out;
  }

  internal::TempDir temp_;
  const fs::path dir_ = temp_.path() / "store";
};

TEST_F(RocksStoreTest, DataAndTablesSurviveReopen) {
  {
    auto store = MustOpen(/*create=*/true);
    ASSERT_TRUE(store->CreateTable("a", {}).ok());
    ASSERT_TRUE(store->CreateTable("b", {.compress = true, .bloom_bits_per_key = 0}).ok());
    ASSERT_TRUE(store->Put("a", AsBytes("k1"), AsBytes("v1")).ok());
    WriteBatch batch;
    batch.Put("b", AsBytes("k2"), AsBytes("v2"));
    batch.Put("a", AsBytes("k3"), AsBytes("v3"));
    ASSERT_TRUE(store->Write(batch).ok());
    ASSERT_TRUE(BulkLoadSorted(*store, "b", {MakeEntry("x", "1"), MakeEntry("y", "2")}).ok());
    // No Flush: the puts are only in the write-ahead log when the store closes.
  }
  auto store = MustOpen();
  ASSERT_NE(store, nullptr);
  EXPECT_THAT(store->Tables(), ElementsAre("a", "b"));
  EXPECT_THAT(ScanAll(*store, "a"), ElementsAre(Pair("k1", "v1"), Pair("k3", "v3")));
  EXPECT_THAT(ScanAll(*store, "b"), ElementsAre(Pair("k2", "v2"), Pair("x", "1"), Pair("y", "2")));
}

TEST_F(RocksStoreTest, TableOptionsSurviveReopen) {
  const TableOptions plain = {.compress = true, .bloom_bits_per_key = 0};
  const TableOptions encrypted = {.compress = false, .bloom_bits_per_key = 12};
  {
    auto store = MustOpen(/*create=*/true);
    ASSERT_TRUE(store->CreateTable("plain", plain).ok());
    ASSERT_TRUE(store->CreateTable("encrypted", encrypted).ok());
  }
  { ASSERT_NE(MustOpen(), nullptr); }  // the reopen rewrites the OPTIONS file
  // What RocksDB itself recorded as the options of the reopened store's column families.
  rocksdb::ConfigOptions config;
  rocksdb::DBOptions db;
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  ASSERT_TRUE(rocksdb::LoadLatestOptions(config, dir_.string(), &db, &families).ok());
  std::map<std::string, const rocksdb::ColumnFamilyOptions*> by_name;
  for (const auto& family : families) by_name[family.name] = &family.options;
  ASSERT_EQ(by_name.count("plain"), 1u);
  ASSERT_EQ(by_name.count("encrypted"), 1u);
  EXPECT_EQ(static_cast<int>(by_name["plain"]->compression),
            static_cast<int>(internal::PlaintextCompression()));
  EXPECT_NE(static_cast<int>(by_name["plain"]->compression), rocksdb::kNoCompression);
  EXPECT_EQ(static_cast<int>(by_name["encrypted"]->compression), rocksdb::kNoCompression);
  const auto* plain_table =
      by_name["plain"]->table_factory->GetOptions<rocksdb::BlockBasedTableOptions>();
  const auto* encrypted_table =
      by_name["encrypted"]->table_factory->GetOptions<rocksdb::BlockBasedTableOptions>();
  ASSERT_NE(plain_table, nullptr);
  ASSERT_NE(encrypted_table, nullptr);
  EXPECT_EQ(plain_table->filter_policy, nullptr);
  ASSERT_NE(encrypted_table->filter_policy, nullptr);
  EXPECT_EQ(encrypted_table->filter_policy->GetId(), "bloomfilter:12:false");

  auto recovered = internal::LoadTableOptions(dir_.string());
  ASSERT_TRUE(recovered.ok()) << recovered.error().ToString();
  EXPECT_TRUE(recovered->at("plain").compress);
  EXPECT_EQ(recovered->at("plain").bloom_bits_per_key, 0);
  EXPECT_FALSE(recovered->at("encrypted").compress);
  EXPECT_EQ(recovered->at("encrypted").bloom_bits_per_key, 12);
}

TEST_F(RocksStoreTest, MissingStoreIsNotFoundWithoutCreateIfMissing) {
  auto missing = Open();
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().message(), "no store at " + dir_.string());
  EXPECT_FALSE(fs::exists(dir_));  // and nothing was created
  fs::create_directories(dir_);
  auto empty_dir = Open();
  ASSERT_FALSE(empty_dir.ok());
  EXPECT_EQ(empty_dir.error().code(), ErrorCode::kNotFound);
}

TEST_F(RocksStoreTest, SecondOpenOfTheSameDirIsLocked) {
  auto first = MustOpen(/*create=*/true);
  ASSERT_NE(first, nullptr);
  auto second = Open();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), ErrorCode::kIoError);
  EXPECT_THAT(second.error().message(), HasSubstr(dir_.string()));
  EXPECT_THAT(second.error().message(), HasSubstr("locked by another process?"));
  first.reset();
  EXPECT_NE(MustOpen(), nullptr);
}

// A read-only open takes no lock: it reads beside a writable open of the same store, sees
// what was written before it opened, refuses writes and new tables, and leaves staging
// files (they may be the writer's) alone.
TEST_F(RocksStoreTest, ReadOnlyOpensBesideAWriterAndRefusesWrites) {
  auto writer = MustOpen(/*create=*/true);
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->CreateTable("t", {}).ok());
  ASSERT_TRUE(writer->Put("t", AsBytes("k"), AsBytes("v")).ok());
  fs::create_directories(writer->TempDirectory() / "load-1");
  RocksStoreOptions options{.block_cache_bytes = 1 << 20, .read_only = true};
  auto reader = OpenRocksStore(dir_, options);
  ASSERT_TRUE(reader.ok()) << reader.error().ToString();
  auto second = OpenRocksStore(dir_, options);
  ASSERT_TRUE(second.ok()) << second.error().ToString();
  auto got = (*reader)->Get("t", AsBytes("k"));
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ(AsChars(**got), "v");
  EXPECT_TRUE(fs::exists(writer->TempDirectory() / "load-1"));
  ASSERT_TRUE(writer->Put("t", AsBytes("later"), AsBytes("w")).ok());
  got = (*reader)->Get("t", AsBytes("later"));
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->has_value());  // written after the reader opened
  Status put = (*reader)->Put("t", AsBytes("x"), AsBytes("y"));
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(put.error().message(), HasSubstr(dir_.string()));
  EXPECT_TRUE((*reader)->CreateTable("t", {}).ok());  // present: nothing to do
  EXPECT_FALSE((*reader)->CreateTable("new", {}).ok());
  EXPECT_TRUE((*reader)->Flush().ok());
  // No store: read-only never creates one.
  auto missing =
      OpenRocksStore(temp_.path() / "none", {.create_if_missing = true, .read_only = true});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
}

TEST_F(RocksStoreTest, InfoLogStaysQuiet) {
  for (int i = 0; i < 3; ++i) {
    auto store = MustOpen(/*create=*/true);
    ASSERT_TRUE(store->CreateTable("t", {}).ok());
    ASSERT_TRUE(store->Put("t", AsBytes("k"), AsBytes("v")).ok());
    ASSERT_TRUE(store->Flush().ok());
  }
  EXPECT_TRUE(Files("LOG").empty());  // no options dump, no LOG.old.* rotation
}

TEST_F(RocksStoreTest, InvalidOptionsAreRejected) {
  RocksStoreOptions options;
  options.create_if_missing = true;
  options.background_threads = 0;
  auto store = OpenRocksStore(dir_, options);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), ErrorCode::kInvalidArgument);
}

TEST_F(RocksStoreTest, SizeOnDiskGrowsAfterBulkLoadAndFlush) {
  auto store = MustOpen(/*create=*/true);
  ASSERT_TRUE(store->CreateTable("t", {}).ok());
  auto before = store->SizeOnDisk();
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(BulkLoadSorted(*store, "t", internal::CounterEntries(10000, 100)).ok());
  ASSERT_TRUE(store->Flush().ok());
  auto after = store->SizeOnDisk();
  ASSERT_TRUE(after.ok());
  // Uncompressed table: at least the raw bytes of the 10k entries.
  EXPECT_GE(*after, *before + 10000 * (8 + 100));
}

TEST_F(RocksStoreTest, BulkLoadOf100kEntries) {
  auto store = MustOpen(/*create=*/true);
  ASSERT_TRUE(store->CreateTable("t", {}).ok());
  const std::vector<Entry> entries = internal::CounterEntries(100000, 32);
  ASSERT_TRUE(BulkLoadSorted(*store, "t", entries).ok());
  for (size_t i : {0, 1, 4242, 99999}) {
    auto value = store->Get("t", entries[i].key);
    ASSERT_TRUE(value.ok());
    EXPECT_EQ(*value, entries[i].value) << "entry " << i;
  }
  uint64_t count = 0;
  ASSERT_TRUE(store->Scan("t", {}, [&](ByteView, ByteView) { return ++count, true; }).ok());
  EXPECT_EQ(count, 100000u);
  EXPECT_FALSE(fs::exists(dir_ / "sselab_tmp"));
}

TEST_F(RocksStoreTest, BulkLoadStagingFilesAreRemovedAfterSuccessAndFailure) {
  auto store = MustOpen(/*create=*/true);
  ASSERT_TRUE(store->CreateTable("t", {}).ok());
  ASSERT_TRUE(BulkLoadSorted(*store, "t", internal::CounterEntries(1000)).ok());
  EXPECT_FALSE(fs::exists(dir_ / "sselab_tmp"));
  const size_t ssts = FilesEndingIn(".sst").size();

  std::vector<Entry> unsorted = internal::CounterEntries(2000);
  std::swap(unsorted[1500], unsorted[1501]);
  const Status s = BulkLoadSorted(*store, "t", unsorted);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(s.error().message(), HasSubstr("entry 1501"));
  EXPECT_FALSE(fs::exists(dir_ / "sselab_tmp"));

  internal::FailingSource failing(internal::CounterEntries(500), IoError("source died"));
  ASSERT_FALSE(store->BulkLoad("t", failing).ok());
  EXPECT_FALSE(fs::exists(dir_ / "sselab_tmp"));
  EXPECT_EQ(FilesEndingIn(".sst").size(), ssts);
  auto beyond = store->Get("t", unsorted[1999].key);  // only in the failed loads
  ASSERT_TRUE(beyond.ok());
  EXPECT_EQ(*beyond, std::nullopt);
}

TEST_F(RocksStoreTest, LeftoverStagingFilesAreRemovedOnOpen) {
  { ASSERT_NE(MustOpen(/*create=*/true), nullptr); }
  fs::create_directories(dir_ / "sselab_tmp" / "load-7");
  std::ofstream(dir_ / "sselab_tmp" / "load-7" / "000001.sst") << "half-written";
  ASSERT_NE(MustOpen(), nullptr);
  EXPECT_FALSE(fs::exists(dir_ / "sselab_tmp"));
}

}  // namespace
}  // namespace sselab::storage
