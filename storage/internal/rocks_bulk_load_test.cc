#include "storage/internal/rocks_bulk_load.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <filesystem>
#include <memory>

#include "storage/internal/rocks_status.h"
#include "storage/internal/temp_dir.h"
#include "storage/internal/test_util.h"

namespace sselab::storage::internal {
namespace {

namespace fs = std::filesystem;

class WriteSstFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_.create_if_missing = true;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options_, (temp_.path() / "db").string(), &db).ok());
    db_.reset(db);
    fs::create_directories(staging_);
  }

  internal::TempDir temp_;
  const fs::path staging_ = temp_.path() / "staging";
  rocksdb::Options options_;
  std::unique_ptr<rocksdb::DB> db_;
};

TEST_F(WriteSstFilesTest, RollsToANewFileAndTheFilesIngestTogether) {
  const std::vector<Entry> entries = CounterEntries(1000, 92);  // 100 bytes per entry
  VectorEntrySource source(entries);
  auto files = WriteSstFiles(options_, db_->DefaultColumnFamily(), "t", staging_, source,
                             /*roll_bytes=*/10000);
  ASSERT_TRUE(files.ok()) << files.error().ToString();
  ASSERT_EQ(files->size(), 10u);
  EXPECT_EQ(fs::path(files->front()).filename(), "000001.sst");
  rocksdb::IngestExternalFileOptions ingest;
  ingest.move_files = true;
  ASSERT_TRUE(db_->IngestExternalFile(*files, ingest).ok());
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  size_t n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++n) {
    ASSERT_LT(n, entries.size());
    EXPECT_TRUE(Equal(FromSlice(it->key()), entries[n].key));
    EXPECT_TRUE(Equal(FromSlice(it->value()), entries[n].value));
  }
  EXPECT_EQ(n, entries.size());
}

TEST_F(WriteSstFilesTest, EmptySourceWritesNoFile) {
  const std::vector<Entry> none;
  VectorEntrySource source(none);
  auto files = WriteSstFiles(options_, db_->DefaultColumnFamily(), "t", staging_, source);
  ASSERT_TRUE(files.ok());
  EXPECT_TRUE(files->empty());
  EXPECT_TRUE(fs::is_empty(staging_));
}

TEST_F(WriteSstFilesTest, OutOfOrderEntryIsNamed) {
  std::vector<Entry> entries = CounterEntries(100);
  entries[42] = entries[41];
  VectorEntrySource source(entries);
  auto files = WriteSstFiles(options_, db_->DefaultColumnFamily(), "t", staging_, source, 500);
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(files.error().message().find("entry 42 repeats the key of entry 41"), std::string::npos)
      << files.error().message();
}

TEST(ScopedDirRemoverTest, RemovesTheTreeAndAnEmptyParent) {
  TempDir temp;
  const fs::path parent = temp.path() / "parent";
  fs::create_directories(parent / "a" / "b");
  fs::create_directories(parent / "keep");
  { ScopedDirRemover remove_a(parent / "a"); }
  EXPECT_FALSE(fs::exists(parent / "a"));
  EXPECT_TRUE(fs::exists(parent));  // not empty: "keep" is still there
  { ScopedDirRemover remove_keep(parent / "keep"); }
  EXPECT_FALSE(fs::exists(parent));
}

}  // namespace
}  // namespace sselab::storage::internal
