#include "sse/oram/oblivious_map.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "sse/oram/test_util.h"

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

}  // namespace
}  // namespace sselab::sse::oram
