#include "sse/oram/path_oram.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <random>

#include "sse/oram/test_util.h"

namespace sselab::sse::oram {
namespace {

using Op = PathOram::Op;
using testing::TestKey;
using testing::TestServer;

constexpr size_t kBlockSize = 24;

PathOramParams Params(uint64_t capacity, std::string name = "test") {
  return {.capacity = capacity, .block_size = kBlockSize, .name = std::move(name)};
}

Bytes Payload(std::mt19937_64& rng) {
  Bytes b(kBlockSize);
  for (auto& x : b) x = static_cast<uint8_t>(rng());
  return b;
}

// The test is the ORAM's caller: it keeps the position map (id -> leaf) that Path ORAM's
// Fig. 1 keeps on the client, and a plain std::map of the contents.
struct Oracle {
  std::map<uint64_t, uint64_t> position;
  std::map<uint64_t, Bytes> data;
};

void Commit(PathOram& oram, TestServer& server) {
  auto writes = oram.TakeWrites();
  ASSERT_TRUE(writes.ok()) << writes.error().ToString();
  ASSERT_TRUE(server.Apply(*writes).ok());
}

// One random read or write, checked against the oracle.
void RandomAccess(PathOram& oram, Oracle& oracle, std::mt19937_64& rng, uint64_t ids) {
  const uint64_t id = 1 + rng() % ids;
  auto pos = oracle.position.find(id);
  const uint64_t leaf = pos == oracle.position.end() ? oram.RandomLeaf() : pos->second;
  const uint64_t new_leaf = oram.RandomLeaf();
  if (rng() % 2 == 0) {
    const Bytes payload = Payload(rng);
    auto old = oram.Access(Op::kWrite, id, leaf, new_leaf, payload);
    ASSERT_TRUE(old.ok()) << old.error().ToString();
    EXPECT_EQ(*old, oracle.data.contains(id) ? oracle.data[id] : Bytes());
    oracle.position[id] = new_leaf;
    oracle.data[id] = payload;
  } else {
    auto got = oram.Access(Op::kRead, id, leaf, new_leaf);
    if (!oracle.data.contains(id)) {
      ASSERT_FALSE(got.ok());
      EXPECT_EQ(got.error().code(), ErrorCode::kNotFound);
      return;
    }
    ASSERT_TRUE(got.ok()) << got.error().ToString();
    EXPECT_EQ(*got, oracle.data[id]);
    oracle.position[id] = new_leaf;
  }
}

TEST(PathOramTest, CreateValidatesParameters) {
  TestServer server;
  EXPECT_FALSE(PathOram::Create(Params(0), TestKey(), server.buckets).ok());
  EXPECT_FALSE(
      PathOram::Create({.capacity = 4, .block_size = 0, .name = "x"}, TestKey(), server.buckets)
          .ok());
  EXPECT_FALSE(PathOram::Create(Params(4, ""), TestKey(), server.buckets).ok());
  auto oram = PathOram::Create(Params(1000), TestKey(), server.buckets);
  ASSERT_TRUE(oram.ok());
  EXPECT_EQ(oram->height(), 10);
  EXPECT_EQ(oram->leaf_count(), 1024u);
  EXPECT_EQ(oram->Access(Op::kRead, 0, 0, 0).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(oram->Access(Op::kRead, 1, 1024, 0).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(oram->Access(Op::kWrite, 1, 0, 0, Bytes(3)).error().code(),
            ErrorCode::kInvalidArgument);
}

// Reads and writes against std::map, with the writes committed to the store every few
// accesses and the client reopened from its saved state now and then.
TEST(PathOramTest, RandomAccessesMatchAStdMapAcrossCommitsAndReopens) {
  TestServer server;
  std::mt19937_64 rng(20130101);
  Oracle oracle;
  auto oram = PathOram::Create(Params(256), TestKey(), server.buckets);
  ASSERT_TRUE(oram.ok());
  for (int i = 1; i <= 4000; ++i) {
    ASSERT_NO_FATAL_FAILURE(RandomAccess(*oram, oracle, rng, 200));
    if (i % 7 == 0) {
      ASSERT_NO_FATAL_FAILURE(Commit(*oram, server));
    }
    if (i % 700 == 0) {  // a reopen: a fresh object from the committed state
      auto state = oram->SaveState();
      ASSERT_TRUE(state.ok()) << state.error().ToString();
      auto reopened = PathOram::Create(Params(256), TestKey(), server.buckets);
      ASSERT_TRUE(reopened.ok());
      ASSERT_TRUE(reopened->LoadState(*state).ok());
      oram = std::move(reopened);
    }
  }
  // Everything written is still there.
  ASSERT_NO_FATAL_FAILURE(Commit(*oram, server));
  for (const auto& [id, payload] : oracle.data) {
    auto got = oram->Access(Op::kRead, id, oracle.position[id], oracle.position[id]);
    ASSERT_TRUE(got.ok()) << got.error().ToString();
    EXPECT_EQ(*got, payload);
  }
}

TEST(PathOramTest, ReadAndRemoveThenAddMovesABlockOutAndBack) {
  TestServer server;
  auto oram = PathOram::Create(Params(64), TestKey(), server.buckets).value();
  const uint64_t leaf = oram.RandomLeaf();
  ASSERT_TRUE(oram.Access(Op::kWrite, 5, oram.RandomLeaf(), leaf, Bytes(kBlockSize, 9)).ok());
  auto data = oram.ReadAndRemove(5, leaf);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(*data, Bytes(kBlockSize, 9));
  EXPECT_EQ(oram.ReadAndRemove(5, leaf).error().code(), ErrorCode::kNotFound);  // taken out
  const uint64_t new_leaf = oram.RandomLeaf();
  ASSERT_TRUE(oram.Add(5, new_leaf, Bytes(kBlockSize, 8)).ok());
  EXPECT_EQ(oram.Add(5, new_leaf, Bytes(kBlockSize, 8)).error().code(),
            ErrorCode::kInvalidArgument);  // already in the stash
  const uint64_t other = new_leaf ^ 1;
  EXPECT_EQ(oram.Access(Op::kRead, 5, other, other).error().code(), ErrorCode::kCorruption);
  auto back = oram.Access(Op::kRead, 5, new_leaf, new_leaf);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(*back, Bytes(kBlockSize, 8));
}

// Fills an ORAM with `n` blocks, commits, and returns the oracle.
Oracle Fill(PathOram& oram, TestServer& server, uint64_t n) {
  Oracle oracle;
  std::mt19937_64 rng(n);
  for (uint64_t id = 1; id <= n; ++id) {
    const uint64_t leaf = oram.RandomLeaf();
    oracle.data[id] = Payload(rng);
    EXPECT_TRUE(oram.Access(Op::kWrite, id, oram.RandomLeaf(), leaf, oracle.data[id]).ok());
    oracle.position[id] = leaf;
  }
  Commit(oram, server);
  return oracle;
}

Status ReadAll(PathOram& oram, Oracle& oracle) {
  for (auto& [id, leaf] : oracle.position) {
    const uint64_t new_leaf = oram.RandomLeaf();
    SSELAB_RETURN_IF_ERROR(oram.Access(Op::kRead, id, leaf, new_leaf));
    leaf = new_leaf;
  }
  return OkStatus();
}

TEST(PathOramTest, ATamperedBucketIsCorruption) {
  TestServer server;
  auto oram = PathOram::Create(Params(64), TestKey(), server.buckets).value();
  Oracle oracle = Fill(oram, server, 40);
  Bytes root = server.store->Get(testing::kTable, BucketKey(1)).value().value();
  root[root.size() / 2] ^= 0x10;
  ASSERT_TRUE(server.store->Put(testing::kTable, BucketKey(1), root).ok());
  const size_t stash = oram.stash_size();
  auto got = oram.Access(Op::kRead, 1, oracle.position[1], oram.RandomLeaf());
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code(), ErrorCode::kCorruption);
  EXPECT_NE(got.error().message().find("oram bucket 1"), std::string::npos);
  EXPECT_EQ(oram.stash_size(), stash);  // a failed path read changes nothing
}

TEST(PathOramTest, SwappedBucketsAreCorruption) {
  TestServer server;
  auto oram = PathOram::Create(Params(64), TestKey(), server.buckets).value();
  Oracle oracle = Fill(oram, server, 40);
  // Buckets 2 and 3 (level 1) both exist after 80 random paths; swap them.
  Bytes b2 = server.store->Get(testing::kTable, BucketKey(2)).value().value();
  Bytes b3 = server.store->Get(testing::kTable, BucketKey(3)).value().value();
  ASSERT_TRUE(server.store->Put(testing::kTable, BucketKey(2), b3).ok());
  ASSERT_TRUE(server.store->Put(testing::kTable, BucketKey(3), b2).ok());
  Status s = ReadAll(oram, oracle);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kCorruption);
}

TEST(PathOramTest, LostBucketsLoseOnlyWhatTheStashDoesNotHold) {
  TestServer server;
  auto oram = PathOram::Create(Params(128), TestKey(), server.buckets).value();
  Oracle oracle = Fill(oram, server, 100);
  const size_t in_stash = oram.stash_size();
  // The server drops its whole tree: absent buckets read as empty...
  ASSERT_TRUE(server.store
                  ->Scan(testing::kTable, {},
                         [&](ByteView key, ByteView) {
                           EXPECT_TRUE(server.store->Erase(testing::kTable, key).ok());
                           return true;
                         })
                  .ok());
  // ...but every block that was in them is reported missing when read.
  size_t missing = 0;
  for (auto& [id, leaf] : oracle.position) {
    auto got = oram.Access(Op::kRead, id, leaf, leaf);
    if (!got.ok()) {
      EXPECT_EQ(got.error().code(), ErrorCode::kNotFound);
      ++missing;
    }
  }
  EXPECT_EQ(missing, 100 - in_stash);
}

TEST(PathOramTest, StateIsSealedAndBoundToItsInstance) {
  TestServer server;
  auto oram = PathOram::Create(Params(64), TestKey(), server.buckets).value();
  Fill(oram, server, 30);
  ASSERT_TRUE(oram.Access(Op::kWrite, 99, oram.RandomLeaf(), 0, Bytes(kBlockSize)).ok());
  EXPECT_EQ(oram.SaveState().error().code(), ErrorCode::kFailedPrecondition);  // writes pending
  ASSERT_TRUE(oram.TakeWrites().ok());
  const Bytes state = oram.SaveState(AsBytes("extra")).value();

  auto same = PathOram::Create(Params(64), TestKey(), server.buckets).value();
  auto extra = same.LoadState(state);
  ASSERT_TRUE(extra.ok()) << extra.error().ToString();
  EXPECT_EQ(ToString(*extra), "extra");
  EXPECT_EQ(same.stash_size(), oram.stash_size());

  Bytes tampered = state;
  tampered.back() ^= 1;
  EXPECT_EQ(same.LoadState(tampered).error().code(), ErrorCode::kCorruption);
  auto other_name = PathOram::Create(Params(64, "other"), TestKey(), server.buckets).value();
  EXPECT_EQ(other_name.LoadState(state).error().code(), ErrorCode::kCorruption);
  auto other_key = PathOram::Create(Params(64), TestKey(3), server.buckets).value();
  EXPECT_EQ(other_key.LoadState(state).error().code(), ErrorCode::kCorruption);
  auto other_size = PathOram::Create(Params(1024), TestKey(), server.buckets).value();
  EXPECT_EQ(other_size.LoadState(state).error().code(), ErrorCode::kInvalidArgument);
}

// A full ORAM (N = L blocks) accessed many times: the stash never nears its bound.
TEST(PathOramTest, StashStaysSmallInALongRun) {
  TestServer server;
  auto oram = PathOram::Create(Params(1024), TestKey(), server.buckets).value();
  Oracle oracle = Fill(oram, server, 1024);
  std::mt19937_64 rng(5);
  size_t max_stash = 0;
  for (int i = 1; i <= 20000; ++i) {
    ASSERT_NO_FATAL_FAILURE(RandomAccess(oram, oracle, rng, 1024));
    max_stash = std::max(max_stash, oram.stash_size());
    if (i % 25 == 0) {
      ASSERT_NO_FATAL_FAILURE(Commit(oram, server));
    }
  }
  std::printf("[ stash ] N = L = 1024, Z = 4, 20000 accesses: max stash %zu blocks\n", max_stash);
  EXPECT_LT(max_stash, 40u);  // Z = 4 keeps it near 10; the bound is 150
}

}  // namespace
}  // namespace sselab::sse::oram
