// One suite, every Store: RocksStore (fresh temp dir), MemoryStore and RedisClusterStore (a
// fresh namespace on the cluster scripts/test.sh starts) must agree.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <memory>
#include <string>

#include "storage/internal/temp_dir.h"
#include "storage/internal/test_util.h"
#include "storage/memory_store.h"
#include "storage/redis/test_cluster.h"
#include "storage/redis_cluster_store.h"
#include "storage/rocks_store.h"
#include "storage/store.h"

namespace sselab::storage {
namespace {

using internal::KeyValues;
using internal::MakeEntry;
using internal::Numbered;
using internal::ScanAll;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

struct Backend {
  std::string name;
  std::function<Result<std::unique_ptr<Store>>(const std::filesystem::path&)> open;
  // Removes what the store left outside `dir` (a Redis Cluster namespace), if anything.
  std::function<void(const std::filesystem::path&)> drop;
  bool needs_cluster = false;
};

Backend Rocks() {
  return {"Rocks", [](const std::filesystem::path& dir) {
            RocksStoreOptions options;
            options.create_if_missing = true;
            options.block_cache_bytes = 1 << 20;
            options.write_buffer_bytes = 1 << 20;
            return OpenRocksStore(dir / "store", options);
          }};
}

Backend Memory() {
  return {"Memory", [](const std::filesystem::path&) -> Result<std::unique_ptr<Store>> {
            return NewMemoryStore();
          }};
}

// A namespace per test directory, on the cluster scripts/test.sh starts.
RedisClusterStoreOptions RedisOptionsFor(const std::filesystem::path& dir) {
  RedisClusterStoreOptions options;
  options.cluster = redis::TestClusterOptions();
  options.ns = "conformance-" + dir.filename().string();
  for (char& c : options.ns) {
    if (std::string_view("._-").find(c) == std::string_view::npos && !std::isalnum(c)) c = '-';
  }
  options.create_if_missing = true;
  options.buckets = 8;  // few buckets: scans cross pages and buckets with little data
  return options;
}

Backend RedisCluster() {
  return {
      "RedisCluster",
      [](const std::filesystem::path& dir) { return OpenRedisClusterStore(RedisOptionsFor(dir)); },
      [](const std::filesystem::path& dir) {
        const Status s = DropRedisClusterStore(RedisOptionsFor(dir));
        EXPECT_TRUE(s.ok()) << s.error().ToString();
      },
      true};
}

std::optional<Bytes> Some(std::string_view s) { return ToBytes(s); }

class StoreConformanceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam().needs_cluster && !redis::TestClusterDir().has_value()) {
      GTEST_SKIP() << redis::kNoTestCluster;
    }
    auto store = GetParam().open(dir_.path());
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->CreateTable("t", {}).ok());
  }

  Status Put(std::string_view table, std::string_view key, std::string_view value) {
    return store_->Put(table, AsBytes(key), AsBytes(value));
  }
  std::optional<Bytes> Get(std::string_view table, std::string_view key) {
    auto value = store_->Get(table, AsBytes(key));
    EXPECT_TRUE(value.ok()) << value.error().ToString();
    return value.ok() ? *value : std::optional<Bytes>(ToBytes("<get failed>"));
  }

  void TearDown() override {
    store_.reset();
    if (GetParam().drop && (!GetParam().needs_cluster || redis::TestClusterDir().has_value())) {
      GetParam().drop(dir_.path());
    }
  }

  internal::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformanceTest, PutGetErase) {
  EXPECT_EQ(Get("t", "k"), std::nullopt);
  ASSERT_TRUE(Put("t", "k", "v1").ok());
  EXPECT_EQ(Get("t", "k"), Some("v1"));
  ASSERT_TRUE(Put("t", "k", "v2").ok());
  EXPECT_EQ(Get("t", "k"), Some("v2"));
  ASSERT_TRUE(Put("t", "empty", "").ok());
  EXPECT_EQ(Get("t", "empty"), Some(""));  // present with an empty value, not absent
  ASSERT_TRUE(store_->Erase("t", AsBytes("k")).ok());
  EXPECT_EQ(Get("t", "k"), std::nullopt);
  EXPECT_TRUE(store_->Erase("t", AsBytes("never-there")).ok());
}

TEST_P(StoreConformanceTest, MultiGetKeepsOrderAndMarksAbsentKeys) {
  ASSERT_TRUE(Put("t", "a", "A").ok());
  ASSERT_TRUE(Put("t", "c", "C").ok());
  ASSERT_TRUE(Put("t", "e", "E").ok());
  const std::vector<ByteView> keys = {AsBytes("e"), AsBytes("b"), AsBytes("a"),
                                      AsBytes("a"), AsBytes("z"), AsBytes("c")};
  auto values = store_->MultiGet("t", keys);
  ASSERT_TRUE(values.ok()) << values.error().ToString();
  EXPECT_THAT(*values,
              ElementsAre(Some("E"), std::nullopt, Some("A"), Some("A"), std::nullopt, Some("C")));
  auto none = store_->MultiGet("t", {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_P(StoreConformanceTest, BatchWriteIsAtomicAcrossTables) {
  ASSERT_TRUE(store_->CreateTable("u", {}).ok());
  ASSERT_TRUE(Put("t", "x", "old").ok());
  WriteBatch batch;
  batch.Put("t", AsBytes("a"), AsBytes("1"));
  batch.Put("u", AsBytes("b"), AsBytes("2"));
  batch.Erase("t", AsBytes("x"));
  ASSERT_TRUE(store_->Write(batch).ok());
  EXPECT_EQ(Get("t", "a"), Some("1"));
  EXPECT_EQ(Get("u", "b"), Some("2"));
  EXPECT_EQ(Get("t", "x"), std::nullopt);

  WriteBatch bad;
  bad.Put("t", AsBytes("y"), AsBytes("3"));
  bad.Erase("u", AsBytes("b"));
  bad.Put("missing", AsBytes("z"), AsBytes("4"));
  const Status s = store_->Write(bad);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Get("t", "y"), std::nullopt);  // nothing of the failed batch is visible
  EXPECT_EQ(Get("u", "b"), Some("2"));
  EXPECT_TRUE(store_->Write(WriteBatch()).ok());
}

// RocksStore applies a batch in key order (a faster memtable insert); the operations on
// one key must still take effect in the order of the batch.
TEST_P(StoreConformanceTest, BatchWriteAppliesOperationsOnOneKeyInBatchOrder) {
  ASSERT_TRUE(store_->CreateTable("u", {}).ok());
  ASSERT_TRUE(Put("t", "kept", "old").ok());
  WriteBatch batch;
  batch.Put("u", AsBytes("z"), AsBytes("last"));
  batch.Put("t", AsBytes("put-then-erase"), AsBytes("1"));
  batch.Erase("t", AsBytes("kept"));
  batch.Put("t", AsBytes("twice"), AsBytes("first"));
  batch.Erase("t", AsBytes("put-then-erase"));
  batch.Put("t", AsBytes("kept"), AsBytes("new"));
  batch.Put("t", AsBytes("twice"), AsBytes("second"));
  batch.Put("t", AsBytes("a"), AsBytes("A"));
  ASSERT_TRUE(store_->Write(batch).ok());
  EXPECT_EQ(Get("t", "put-then-erase"), std::nullopt);
  EXPECT_EQ(Get("t", "kept"), Some("new"));
  EXPECT_EQ(Get("t", "twice"), Some("second"));
  EXPECT_EQ(Get("t", "a"), Some("A"));
  EXPECT_EQ(Get("u", "z"), Some("last"));
}
TEST_P(StoreConformanceTest, PrefixScanVisitsMatchingKeysInOrder) {
  for (std::string_view key : {"b", "abd", "a", "ac", "abc", "ab"}) {
    ASSERT_TRUE(Put("t", key, std::string(key) + "!").ok());
  }
  EXPECT_THAT(ScanAll(*store_, "t", "ab"),
              ElementsAre(Pair("ab", "ab!"), Pair("abc", "abc!"), Pair("abd", "abd!")));
  EXPECT_EQ(ScanAll(*store_, "t", "abz"), KeyValues());
  EXPECT_EQ(ScanAll(*store_, "t", "c"), KeyValues());
  const KeyValues all = ScanAll(*store_, "t");  // empty prefix = whole table
  ASSERT_EQ(all.size(), 6u);
  EXPECT_EQ(all.front().first, "a");
  EXPECT_EQ(all.back().first, "b");
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
}

TEST_P(StoreConformanceTest, PrefixScanOfFFBytes) {
  const std::string ff(1, '\xff');
  for (const std::string& key :
       {ff, ff + '\0', ff + ff, ff + ff + '\x01', std::string("\xfe\xff"), std::string(1, '\0')}) {
    ASSERT_TRUE(Put("t", key, "v").ok());
  }
  KeyValues under_ff = ScanAll(*store_, "t", ff);
  ASSERT_EQ(under_ff.size(), 4u);
  EXPECT_EQ(under_ff[0].first, ff);
  EXPECT_EQ(under_ff[3].first, ff + ff + '\x01');
  EXPECT_EQ(ScanAll(*store_, "t", ff + ff).size(), 2u);
  EXPECT_EQ(ScanAll(*store_, "t", "\xfe").size(), 1u);
  EXPECT_EQ(ScanAll(*store_, "t").size(), 6u);
}

TEST_P(StoreConformanceTest, ScanStopsWhenVisitorReturnsFalse) {
  // More entries than MemoryStore copies per batch, so batching is crossed too.
  for (int i = 0; i < 600; ++i) {
    ASSERT_TRUE(Put("t", Numbered("p", 1000 + i), "v").ok());
  }
  ASSERT_TRUE(Put("t", "q", "v").ok());
  for (int stop_after : {1, 2, 256, 257}) {
    int visited = 0;
    ASSERT_TRUE(
        store_->Scan("t", AsBytes("p"), [&](ByteView, ByteView) { return ++visited < stop_after; })
            .ok());
    EXPECT_EQ(visited, stop_after);
  }
  EXPECT_EQ(ScanAll(*store_, "t", "p").size(), 600u);
}

TEST_P(StoreConformanceTest, BinaryKeysWithZeroBytes) {
  const std::vector<std::string> keys = {std::string(),          std::string(1, '\0'),
                                         std::string(2, '\0'),   std::string("\0\x01", 2),
                                         std::string("a\0b", 3), std::string("a", 1)};
  for (size_t i = 0; i < keys.size(); ++i) {
    ASSERT_TRUE(Put("t", keys[i], Numbered("value", i)).ok());
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(Get("t", keys[i]), Some(Numbered("value", i))) << "key #" << i;
  }
  EXPECT_EQ(ScanAll(*store_, "t", std::string(1, '\0')).size(), 3u);
  EXPECT_EQ(ScanAll(*store_, "t", "a").size(), 2u);
  EXPECT_EQ(ScanAll(*store_, "t").front().first, std::string());
}

TEST_P(StoreConformanceTest, BulkLoadSortedEntriesOverwritesExistingKeys) {
  ASSERT_TRUE(Put("t", "k005", "old").ok());
  ASSERT_TRUE(Put("t", "zzz", "kept").ok());
  std::vector<Entry> entries;
  for (int i = 0; i < 1000; ++i) {
    char key[8];
    std::snprintf(key, sizeof(key), "k%03d", i);
    entries.push_back(MakeEntry(key, Numbered("v", i)));
  }
  ASSERT_TRUE(BulkLoadSorted(*store_, "t", entries).ok());
  EXPECT_EQ(Get("t", "k000"), Some("v0"));
  EXPECT_EQ(Get("t", "k005"), Some("v5"));
  EXPECT_EQ(Get("t", "k999"), Some("v999"));
  EXPECT_EQ(Get("t", "zzz"), Some("kept"));
  EXPECT_EQ(ScanAll(*store_, "t", "k").size(), 1000u);
  EXPECT_TRUE(BulkLoadSorted(*store_, "t", {}).ok());
}

TEST_P(StoreConformanceTest, BulkLoadRejectsUnsortedAndDuplicateKeysLoadingNothing) {
  ASSERT_TRUE(Put("t", "before", "x").ok());
  const Status unsorted =
      BulkLoadSorted(*store_, "t", {MakeEntry("a", "1"), MakeEntry("c", "2"), MakeEntry("b", "3")});
  ASSERT_FALSE(unsorted.ok());
  EXPECT_EQ(unsorted.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(unsorted.error().message(), HasSubstr("entry 2"));
  const Status duplicate =
      BulkLoadSorted(*store_, "t", {MakeEntry("a", "1"), MakeEntry("b", "2"), MakeEntry("b", "3")});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(duplicate.error().message(), HasSubstr("entry 2 repeats"));
  EXPECT_THAT(ScanAll(*store_, "t"), ElementsAre(Pair("before", "x")));
}

TEST_P(StoreConformanceTest, BulkLoadPropagatesSourceErrorLoadingNothing) {
  internal::FailingSource source({MakeEntry("a", "1"), MakeEntry("b", "2")},
                                 CorruptionError("line 3 of corpus.txt"));
  const Status s = store_->BulkLoad("t", source);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(s.error().message(), "line 3 of corpus.txt");
  EXPECT_EQ(ScanAll(*store_, "t"), KeyValues());
}

TEST_P(StoreConformanceTest, UnknownTableIsNotFoundEverywhere) {
  auto expect_not_found = [](const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
    EXPECT_THAT(e.message(), HasSubstr("table 'nope' does not exist"));
  };
  const ByteView k = AsBytes("k");
  expect_not_found(store_->Get("nope", k).error());
  expect_not_found(store_->MultiGet("nope", {&k, 1}).error());
  expect_not_found(store_->Put("nope", k, k).error());
  expect_not_found(store_->Erase("nope", k).error());
  expect_not_found(store_->Scan("nope", k, [](ByteView, ByteView) { return true; }).error());
  expect_not_found(BulkLoadSorted(*store_, "nope", {MakeEntry("a", "1")}).error());
  WriteBatch batch;
  batch.Put("nope", k, k);
  expect_not_found(store_->Write(batch).error());
  EXPECT_FALSE(store_->HasTable("nope"));
}

TEST_P(StoreConformanceTest, TablesAreListedSortedAndCreationIsIdempotent) {
  ASSERT_TRUE(store_->CreateTable("zeta", {}).ok());
  ASSERT_TRUE(store_->CreateTable("alpha", {.compress = true, .bloom_bits_per_key = 0}).ok());
  ASSERT_TRUE(Put("alpha", "k", "v").ok());
  ASSERT_TRUE(store_->CreateTable("alpha", {}).ok());  // again: no-op, data kept
  EXPECT_EQ(Get("alpha", "k"), Some("v"));
  EXPECT_THAT(store_->Tables(), ElementsAre("alpha", "t", "zeta"));
  EXPECT_TRUE(store_->HasTable("zeta"));
  EXPECT_FALSE(store_->HasTable("zet"));
}

TEST_P(StoreConformanceTest, OptionsAreThoseOfTheTablesCreation) {
  ASSERT_TRUE(
      store_
          ->CreateTable("p",
                        {.compress = true, .bloom_bits_per_key = 4, .point_lookup_key_bytes = 16})
          .ok());
  // A second creation with other options changes nothing.
  ASSERT_TRUE(store_->CreateTable("p", {}).ok());
  auto p = store_->Options("p");
  ASSERT_TRUE(p.ok()) << p.error().ToString();
  EXPECT_TRUE(p->compress);
  EXPECT_EQ(p->bloom_bits_per_key, 4);
  EXPECT_EQ(p->point_lookup_key_bytes, 16u);
  auto t = store_->Options("t");
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->compress);
  EXPECT_EQ(t->point_lookup_key_bytes, 0u);
  auto missing = store_->Options("missing");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
}

TEST_P(StoreConformanceTest, InvalidTableNamesAndOptionsAreRejected) {
  for (std::string_view name : {"", "default"}) {
    const Status s = store_->CreateTable(name, {});
    ASSERT_FALSE(s.ok()) << "'" << name << "'";
    EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  }
  const Status s = store_->CreateTable("b", {.compress = false, .bloom_bits_per_key = -1});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(store_->Tables(), ElementsAre("t"));
}

TEST_P(StoreConformanceTest, SizeOnDiskGrowsWithData) {
  ASSERT_TRUE(store_->Flush().ok());
  auto before = store_->SizeOnDisk();
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(BulkLoadSorted(*store_, "t", internal::CounterEntries(2000, 64)).ok());
  ASSERT_TRUE(store_->Flush().ok());
  auto after = store_->SizeOnDisk();
  ASSERT_TRUE(after.ok());
  EXPECT_GE(*after, *before + 2000 * 64);
}

// A point-lookup table (TableOptions::point_lookup_key_bytes): keys of its length only,
// whatever the path of the write; any other key is absent; scans still in key order.
TEST_P(StoreConformanceTest, PointLookupTableHoldsKeysOfItsLengthOnly) {
  ASSERT_TRUE(store_->CreateTable("p", {.point_lookup_key_bytes = 8}).ok());
  const std::vector<Entry> loaded = internal::CounterEntries(3000, 24);
  ASSERT_TRUE(BulkLoadSorted(*store_, "p", loaded).ok());
  ASSERT_TRUE(Put("p", "12345678", "put").ok());
  WriteBatch batch;
  batch.Put("p", AsBytes("abcdefgh"), AsBytes("batch"));
  batch.Erase("p", loaded[7].key);
  ASSERT_TRUE(store_->Write(batch).ok());

  for (const std::string_view bad : {"", "1234567", "123456789"}) {
    const Status put = Put("p", bad, "v");
    ASSERT_FALSE(put.ok()) << bad.size();
    EXPECT_EQ(put.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_THAT(put.error().message(), HasSubstr("8 bytes"));
    auto got = store_->Get("p", AsBytes(bad));
    ASSERT_TRUE(got.ok());
    EXPECT_FALSE(got->has_value());
  }
  WriteBatch mixed;
  mixed.Put("p", AsBytes("ABCDEFGH"), AsBytes("x"));
  mixed.Put("p", AsBytes("short"), AsBytes("x"));
  ASSERT_FALSE(store_->Write(mixed).ok());
  std::vector<Entry> wrong = {MakeEntry("AAAAAAAA", "x"), MakeEntry("AAAAAAAAA", "x")};
  const Status load = BulkLoadSorted(*store_, "p", wrong);
  ASSERT_FALSE(load.ok());
  EXPECT_EQ(load.error().code(), ErrorCode::kInvalidArgument);

  const std::vector<ByteView> keys = {loaded[0].key,      AsBytes("short"),    loaded[7].key,
                                      loaded[2999].key,   AsBytes("12345678"), AsBytes("ABCDEFGH"),
                                      AsBytes("AAAAAAAA")};
  auto found = store_->MultiGet("p", keys);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ((*found)[0], std::optional<Bytes>(loaded[0].value));
  EXPECT_FALSE((*found)[1].has_value());
  EXPECT_FALSE((*found)[2].has_value());  // erased
  EXPECT_EQ((*found)[3], std::optional<Bytes>(loaded[2999].value));
  EXPECT_EQ((*found)[4], Some("put"));
  EXPECT_FALSE((*found)[5].has_value());  // its batch failed whole
  EXPECT_FALSE((*found)[6].has_value());  // its load failed whole

  // Prefixes shorter than, as long as, and longer than the keys.
  EXPECT_EQ(ScanAll(*store_, "p", std::string(1, '\0')).size(), 3000u - 1);
  EXPECT_EQ(ScanAll(*store_, "p", ToString(loaded[42].key)).size(), 1u);
  EXPECT_TRUE(ScanAll(*store_, "p", ToString(loaded[42].key) + "x").empty());
  const KeyValues all = ScanAll(*store_, "p");
  ASSERT_EQ(all.size(), 3000u + 2 - 1);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
}

TEST_P(StoreConformanceTest, PointLookupKeyLengthIsBounded) {
  const Status s =
      store_->CreateTable("p", {.point_lookup_key_bytes = kMaxPointLookupKeyBytes + 1});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(store_->HasTable("p"));
}

std::string BackendName(const ::testing::TestParamInfo<Backend>& backend) {
  return backend.param.name;
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformanceTest,
                         ::testing::Values(Rocks(), Memory(), RedisCluster()), BackendName);

}  // namespace
}  // namespace sselab::storage
