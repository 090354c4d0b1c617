#include "storage/failing_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "storage/internal/temp_dir.h"
#include "storage/internal/test_util.h"
#include "storage/memory_store.h"
#include "storage/recording_store.h"
#include "storage/rocks_store.h"

namespace sselab::storage {
namespace {

using internal::KeyValues;
using internal::ScanAll;
using ::testing::ElementsAre;
using ::testing::Pair;

void ExpectInjected(const Status& s, uint64_t call) {
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kIoError);
  EXPECT_EQ(s.error().message(), internal::Numbered("injected failure at call ", call));
}

// Counts how many entries were pulled from it.
class CountingSource : public EntrySource {
 public:
  explicit CountingSource(std::vector<Entry> entries) : entries_(std::move(entries)) {}
  Result<bool> Next(Entry& out) override {
    if (pulled_ == entries_.size()) return false;
    out = entries_[pulled_++];
    return true;
  }
  size_t pulled() const { return pulled_; }

 private:
  std::vector<Entry> entries_;
  size_t pulled_ = 0;
};

class FailingStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(inner_->CreateTable("t", {}).ok()); }
  Status Put(Store& s, std::string_view key) { return s.Put("t", AsBytes(key), AsBytes("v")); }

  std::unique_ptr<Store> inner_ = NewMemoryStore();
};

TEST_F(FailingStoreTest, NthMutationFailsAndStaysFailed) {
  FailingStore failing(*inner_, 3);
  ASSERT_TRUE(Put(failing, "k1").ok());
  ASSERT_TRUE(failing.Erase("t", AsBytes("k0")).ok());
  ExpectInjected(Put(failing, "k3"), 3);
  ExpectInjected(Put(failing, "k4"), 4);
  ExpectInjected(failing.Write(WriteBatch()), 5);
  ExpectInjected(failing.Flush(), 6);
  // Reads are not selected by default: neither counted nor failed.
  EXPECT_TRUE(failing.Get("t", AsBytes("k1")).ok());
  EXPECT_EQ(failing.calls(), 6u);
  EXPECT_THAT(ScanAll(*inner_, "t"), ElementsAre(Pair("k1", "v")));
}

TEST_F(FailingStoreTest, NonStickyFailsOnlyOnce) {
  FailingStore failing(*inner_, 2, FailingStore::kMutations, /*sticky=*/false);
  ASSERT_TRUE(Put(failing, "k1").ok());
  ExpectInjected(Put(failing, "k2"), 2);
  ASSERT_TRUE(Put(failing, "k3").ok());
  EXPECT_THAT(ScanAll(*inner_, "t"), ElementsAre(Pair("k1", "v"), Pair("k3", "v")));
}

TEST_F(FailingStoreTest, SelectedReadsFail) {
  FailingStore failing(*inner_, 2, FailingStore::kReads);
  ASSERT_TRUE(Put(failing, "k1").ok());  // not counted
  ASSERT_TRUE(failing.Get("t", AsBytes("k1")).ok());
  const ByteView key = AsBytes("k1");
  EXPECT_FALSE(failing.MultiGet("t", {&key, 1}).ok());
  ExpectInjected(failing.Scan("t", {}, [](ByteView, ByteView) { return true; }), 3);
  auto get = failing.Get("t", key);
  ASSERT_FALSE(get.ok());
  EXPECT_EQ(get.error().message(), "injected failure at call 4");
}

TEST_F(FailingStoreTest, FailedBulkLoadDrainsTheSourceAndLoadsNothing) {
  RecordingStore recording(*inner_);
  FailingStore failing(recording, 1, FailingStore::kBulkLoads);
  CountingSource source(internal::CounterEntries(100));
  ExpectInjected(failing.BulkLoad("t", source), 1);
  EXPECT_GE(source.pulled(), 50u);
  EXPECT_EQ(ScanAll(*inner_, "t"), KeyValues());
  EXPECT_TRUE(recording.Accesses().empty());  // the inner BulkLoad failed as a whole
}

TEST(FailingRocksStoreTest, ReopenAfterFailuresShowsTheStoreUnchanged) {
  internal::TempDir temp;
  const std::filesystem::path dir = temp.path() / "store";
  RocksStoreOptions options;
  options.create_if_missing = true;
  {
    auto rocks = OpenRocksStore(dir, options);
    ASSERT_TRUE(rocks.ok()) << rocks.error().ToString();
    ASSERT_TRUE((*rocks)->CreateTable("t", {}).ok());
    ASSERT_TRUE((*rocks)->Put("t", AsBytes("base"), AsBytes("0")).ok());
    FailingStore failing(**rocks, 2);
    ASSERT_TRUE(failing.Put("t", AsBytes("first"), AsBytes("1")).ok());
    ExpectInjected(BulkLoadSorted(failing, "t", internal::CounterEntries(5000)), 2);
    WriteBatch batch;
    batch.Put("t", AsBytes("batched"), AsBytes("2"));
    ExpectInjected(failing.Write(batch), 3);
    ExpectInjected(failing.Flush(), 4);
  }
  auto reopened = OpenRocksStore(dir);
  ASSERT_TRUE(reopened.ok()) << reopened.error().ToString();
  EXPECT_THAT(ScanAll(**reopened, "t"), ElementsAre(Pair("base", "0"), Pair("first", "1")));
  EXPECT_FALSE(std::filesystem::exists(dir / "sselab_tmp"));
}

}  // namespace
}  // namespace sselab::storage
