#include "sse/oram/oblivious_map.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "sse/oram/test_util.h"
#include "sse/oram/tree_layout.h"

namespace sselab::sse::oram {
namespace {

using testing::TestKey;
using testing::TestServer;

constexpr size_t kValueSize = 8;

ObliviousMapParams Params(uint64_t capacity) {
  return {.capacity = capacity, .key_size = 16, .value_size = kValueSize, .name = "map"};
}

Bytes RandomBytes(std::mt19937_64& rng, size_t n) {
  Bytes b(n);
  for (auto& x : b) x = static_cast<uint8_t>(rng());
  return b;
}

Bytes KeyOf(uint64_t i) {  // big-endian, so byte order is numeric order
  Bytes k(16, 0);
  for (int j = 0; j < 8; ++j) k[15 - static_cast<size_t>(j)] = static_cast<uint8_t>(i >> (8 * j));
  return k;
}

void Commit(ObliviousMap& map, TestServer& server) {
  auto writes = map.TakeWrites();
  ASSERT_TRUE(writes.ok()) << writes.error().ToString();
  ASSERT_TRUE(server.Apply(*writes).ok());
}

TEST(ObliviousMapTest, RandomGetsAndPutsMatchAStdMapAcrossReopens) {
  TestServer server;
  std::mt19937_64 rng(2014);
  std::vector<Bytes> keys;
  for (int i = 0; i < 300; ++i) keys.push_back(RandomBytes(rng, 16));
  std::map<Bytes, Bytes> oracle;
  auto map = ObliviousMap::Create(Params(512), TestKey(), server.buckets);
  ASSERT_TRUE(map.ok());
  EXPECT_EQ(map->accesses_per_operation(), 12);
  for (int i = 1; i <= 2000; ++i) {
    const Bytes& key = keys[rng() % keys.size()];
    if (rng() % 2 == 0) {
      const Bytes value = RandomBytes(rng, kValueSize);
      ASSERT_TRUE(map->Put(key, value).ok());
      oracle[key] = value;  // an insert or a replace
    } else {
      auto got = map->Get(key);
      ASSERT_TRUE(got.ok()) << got.error().ToString();
      auto want = oracle.find(key);
      if (want == oracle.end()) {
        EXPECT_FALSE(got->has_value());
      } else {
        ASSERT_TRUE(got->has_value());
        EXPECT_EQ(**got, want->second);
      }
    }
    ASSERT_EQ(map->size(), oracle.size());
    ASSERT_NO_FATAL_FAILURE(Commit(*map, server));  // one commit per operation, as Orion does
    if (i % 400 == 0) {
      const Bytes state = map->SaveState().value();
      auto reopened = ObliviousMap::Create(Params(512), TestKey(), server.buckets);
      ASSERT_TRUE(reopened.ok());
      ASSERT_TRUE(reopened->LoadState(state).ok());
      map = std::move(reopened);
    }
  }
  for (const auto& [key, value] : oracle) {
    auto got = map->Get(key);
    ASSERT_TRUE(got.ok() && got->has_value());
    EXPECT_EQ(**got, value);
  }
}

// Ascending keys are the worst case of an unbalanced tree: the AVL rotations must keep
// every path within accesses_per_operation(), or Fetch fails with kInternal.
TEST(ObliviousMapTest, AscendingAndDescendingInsertsStayBalanced) {
  for (bool ascending : {true, false}) {
    TestServer server;
    auto map = ObliviousMap::Create(Params(700), TestKey(), server.buckets).value();
    for (uint64_t i = 0; i < 700; ++i) {
      const uint64_t k = ascending ? i : 700 - i;
      Status s = map.Put(KeyOf(k), Bytes(8, static_cast<uint8_t>(k)));
      ASSERT_TRUE(s.ok()) << s.error().ToString();
      if (i % 16 == 0) {  // batched commits work too
        ASSERT_NO_FATAL_FAILURE(Commit(map, server));
      }
    }
    for (uint64_t i = 0; i < 700; i += 7) {
      const uint64_t k = ascending ? i : 700 - i;
      auto got = map.Get(KeyOf(k));
      ASSERT_TRUE(got.ok()) << got.error().ToString();
      ASSERT_TRUE(got->has_value());
      EXPECT_EQ(**got, Bytes(8, static_cast<uint8_t>(k)));
    }
  }
}

TEST(ObliviousMapTest, AFullMapRefusesNewKeysAndStaysUsable) {
  TestServer server;
  auto map = ObliviousMap::Create(Params(5), TestKey(), server.buckets).value();
  for (uint64_t i = 0; i < 5; ++i) ASSERT_TRUE(map.Put(KeyOf(i), Bytes(8, 1)).ok());
  Status s = map.Put(KeyOf(9), Bytes(8, 2));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(map.Put(KeyOf(3), Bytes(8, 3)).ok());  // replacing still works
  EXPECT_EQ(map.Get(KeyOf(3)).value(), Bytes(8, 3));
  EXPECT_EQ(map.Get(KeyOf(9)).value(), std::nullopt);
  EXPECT_EQ(map.size(), 5u);
}

TEST(ObliviousMapTest, RejectsWrongSizesAndForeignState) {
  TestServer server;
  auto map = ObliviousMap::Create(Params(16), TestKey(), server.buckets).value();
  EXPECT_EQ(map.Get(Bytes(15)).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(map.Put(Bytes(16), Bytes(7)).error().code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(map.Put(Bytes(16), Bytes(8)).ok());
  ASSERT_NO_FATAL_FAILURE(Commit(map, server));
  const Bytes state = map.SaveState().value();
  auto bigger = ObliviousMap::Create(Params(17), TestKey(), server.buckets).value();
  EXPECT_EQ(bigger.LoadState(state).error().code(), ErrorCode::kInvalidArgument);
  auto other_key = ObliviousMap::Create(Params(16), TestKey(1), server.buckets).value();
  EXPECT_EQ(other_key.LoadState(state).error().code(), ErrorCode::kCorruption);
}

TEST(ObliviousMapTest, ALostNodeIsCorruption) {
  TestServer server;
  auto map = ObliviousMap::Create(Params(64), TestKey(), server.buckets).value();
  for (uint64_t i = 0; i < 64; ++i) ASSERT_TRUE(map.Put(KeyOf(i), Bytes(8, 1)).ok());
  ASSERT_NO_FATAL_FAILURE(Commit(map, server));
  ASSERT_TRUE(server.store
                  ->Scan(testing::kTable, {},
                         [&](ByteView key, ByteView) {
                           EXPECT_TRUE(server.store->Erase(testing::kTable, key).ok());
                           return true;
                         })
                  .ok());
  // Some of the 64 keys lie below a node that was in a dropped bucket.
  bool corruption = false;
  for (uint64_t i = 0; i < 64 && !corruption; ++i) {
    auto got = map.Get(KeyOf(i));
    if (!got.ok()) {
      EXPECT_EQ(got.error().code(), ErrorCode::kCorruption) << got.error().ToString();
      corruption = true;
    }
  }
  EXPECT_TRUE(corruption);
}

std::vector<MapEntry> SortedEntries(std::mt19937_64& rng, size_t n) {
  std::map<Bytes, Bytes> sorted;
  while (sorted.size() < n) sorted.emplace(RandomBytes(rng, 16), RandomBytes(rng, kValueSize));
  std::vector<MapEntry> out;
  for (const auto& [k, v] : sorted) out.push_back({k, v});
  return out;
}

TEST(ObliviousMapBulkBuildTest, AnswersLikeAMapFilledByPut) {
  std::mt19937_64 rng(77);
  const std::vector<MapEntry> entries = SortedEntries(rng, 300);
  TestServer bulk_server;
  TestServer put_server;
  auto bulk = ObliviousMap::Create(Params(512), TestKey(), bulk_server.buckets).value();
  auto put = ObliviousMap::Create(Params(512), TestKey(), put_server.buckets).value();
  auto buckets = bulk.BulkBuild(entries);
  ASSERT_TRUE(buckets.ok()) << buckets.error().ToString();
  ASSERT_TRUE(bulk_server.Apply(*buckets).ok());
  EXPECT_FALSE(bulk.oram().has_pending_writes());
  EXPECT_EQ(bulk.size(), 300u);
  for (const MapEntry& e : entries) ASSERT_TRUE(put.Put(e.key, e.value).ok());
  ASSERT_NO_FATAL_FAILURE(Commit(put, put_server));
  // The built state reopens like any other.
  auto reopened = ObliviousMap::Create(Params(512), TestKey(), bulk_server.buckets).value();
  ASSERT_TRUE(reopened.LoadState(bulk.SaveState().value()).ok());
  bulk = std::move(reopened);
  std::vector<Bytes> probes;
  for (const MapEntry& e : entries) probes.push_back(e.key);
  for (int i = 0; i < 50; ++i) probes.push_back(RandomBytes(rng, 16));  // absent
  for (int round = 0; round < 2; ++round) {
    for (const Bytes& k : probes) {
      auto a = bulk.Get(k);
      auto b = put.Get(k);
      ASSERT_TRUE(a.ok()) << a.error().ToString();
      ASSERT_TRUE(b.ok());
      EXPECT_EQ(*a, *b);
    }
    // Then both take the same inserts and replacements.
    for (int i = 0; i < 100; ++i) {
      const Bytes k = i % 2 == 0 ? RandomBytes(rng, 16) : entries[rng() % entries.size()].key;
      const Bytes v = RandomBytes(rng, kValueSize);
      ASSERT_TRUE(bulk.Put(k, v).ok());
      ASSERT_TRUE(put.Put(k, v).ok());
      probes.push_back(k);
    }
    EXPECT_EQ(bulk.size(), put.size());
    ASSERT_NO_FATAL_FAILURE(Commit(bulk, bulk_server));
    ASSERT_NO_FATAL_FAILURE(Commit(put, put_server));
  }
}

TEST(ObliviousMapBulkBuildTest, LeavesReadAfterABuildAreUniform) {
  std::mt19937_64 rng(78);
  const std::vector<MapEntry> entries = SortedEntries(rng, 1024);
  TestServer server;
  testing::RecordingBucketStore recorder(server.buckets);
  auto map = ObliviousMap::Create(Params(1024), TestKey(), recorder).value();
  auto buckets = map.BulkBuild(entries);
  ASSERT_TRUE(buckets.ok()) << buckets.error().ToString();
  EXPECT_TRUE(recorder.reads().empty());  // the build reads nothing
  ASSERT_TRUE(server.Apply(*buckets).ok());
  const int height = map.oram().height();
  std::vector<uint64_t> bins(64);
  // One Get of every key: the first read of each node is of the leaf the build gave it.
  for (const MapEntry& e : entries) {
    auto got = map.Get(e.key);
    ASSERT_TRUE(got.ok()) << got.error().ToString();
    ASSERT_TRUE(got->has_value());
    ASSERT_NO_FATAL_FAILURE(Commit(map, server));
  }
  ASSERT_EQ(recorder.reads().size(),
            entries.size() * static_cast<size_t>(map.accesses_per_operation()));
  for (const auto& read : recorder.reads()) {
    ASSERT_EQ(read.size(), static_cast<size_t>(height) + 1);
    const uint64_t leaf = read.back() - (uint64_t{1} << height);
    ASSERT_EQ(PathBuckets(height, leaf), read);
    ++bins[leaf >> (height - 6)];
  }
  EXPECT_LT(testing::ChiSquareUniform(bins), testing::ChiSquareThreshold(63));
}

TEST(ObliviousMapBulkBuildTest, RejectsUnsortedOversizedAndNonEmpty) {
  TestServer server;
  auto map = ObliviousMap::Create(Params(4), TestKey(), server.buckets).value();
  std::vector<MapEntry> unsorted = {{KeyOf(2), Bytes(8)}, {KeyOf(1), Bytes(8)}};
  EXPECT_EQ(map.BulkBuild(unsorted).error().code(), ErrorCode::kInvalidArgument);
  std::vector<MapEntry> five;
  for (uint64_t i = 0; i < 5; ++i) five.push_back({KeyOf(i), Bytes(8)});
  EXPECT_EQ(map.BulkBuild(five).error().code(), ErrorCode::kFailedPrecondition);
  std::vector<MapEntry> bad_value = {{KeyOf(1), Bytes(7)}};
  EXPECT_EQ(map.BulkBuild(bad_value).error().code(), ErrorCode::kInvalidArgument);
  five.pop_back();
  ASSERT_TRUE(map.BulkBuild(five).ok());
  EXPECT_EQ(map.BulkBuild(five).error().code(), ErrorCode::kFailedPrecondition);
  auto empty = ObliviousMap::Create(Params(4), TestKey(), server.buckets).value();
  auto none = empty.BulkBuild({});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(empty.Get(KeyOf(1)).value(), std::nullopt);
}

}  // namespace
}  // namespace sselab::sse::oram
