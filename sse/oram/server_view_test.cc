// What the server sees: the bucket ids it is asked to read. Path ORAM's security claim
// (Stefanov et al. §3, Lemma "the sequence of paths read is uniformly random and independent
// of the logical accesses") and the oblivious map's (every operation is the same number of
// such reads) are checked here from the server's side of BucketStore.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "sse/oram/oblivious_map.h"
#include "sse/oram/path_oram.h"
#include "sse/oram/test_util.h"
#include "sse/oram/tree_layout.h"

namespace sselab::sse::oram {
namespace {

using Op = PathOram::Op;
using testing::RecordingBucketStore;
using testing::TestKey;
using testing::TestServer;

// The leaf whose path `read` is, or -1 if it is not exactly one full root-to-leaf path.
int64_t PathLeaf(const std::vector<uint64_t>& read, int height) {
  if (read.size() != static_cast<size_t>(height) + 1) return -1;
  const uint64_t leaf = read.back() - (uint64_t{1} << height);
  if (read.back() < (uint64_t{1} << height) || PathBuckets(height, leaf) != read) return -1;
  return static_cast<int64_t>(leaf);
}

// Chi-square of the leaves read, in 64 bins of equal size (leaf's top 6 bits).
double LeafChiSquare(const std::vector<std::vector<uint64_t>>& reads, int height) {
  std::vector<uint64_t> bins(64, 0);
  for (const auto& r : reads) {
    const int64_t leaf = PathLeaf(r, height);
    EXPECT_GE(leaf, 0);
    if (leaf >= 0) ++bins[static_cast<size_t>(leaf) >> (height - 6)];
  }
  return testing::ChiSquareUniform(bins);
}

TEST(ServerViewTest, TheChiSquareThresholdRejectsADeterministicLeaf) {
  // The test below is only meaningful if a leaf that repeats would fail it.
  std::vector<std::vector<uint64_t>> same(3000, PathBuckets(8, 77));
  EXPECT_GT(LeafChiSquare(same, 8), testing::ChiSquareThreshold(63));
  std::vector<std::vector<uint64_t>> alternating;
  for (int i = 0; i < 3000; ++i) alternating.push_back(PathBuckets(8, i % 2 ? 3 : 200));
  EXPECT_GT(LeafChiSquare(alternating, 8), testing::ChiSquareThreshold(63));
}

TEST(ServerViewTest, EveryOramAccessReadsOneFullPathAndAddReadsNone) {
  TestServer server;
  RecordingBucketStore recorder(server.buckets);
  auto oram = PathOram::Create({.capacity = 100, .block_size = 8, .name = "v"}, TestKey(), recorder)
                  .value();
  const uint64_t leaf = oram.RandomLeaf();
  ASSERT_TRUE(oram.Access(Op::kWrite, 1, oram.RandomLeaf(), leaf, Bytes(8)).ok());
  EXPECT_EQ(recorder.reads().size(), 1u);
  EXPECT_EQ(oram.Access(Op::kRead, 2, leaf, leaf).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(recorder.reads().size(), 2u);  // a miss looks like a hit
  ASSERT_TRUE(oram.ReadAndRemove(1, leaf).ok());
  EXPECT_EQ(recorder.reads().size(), 3u);
  ASSERT_TRUE(oram.Add(1, leaf, Bytes(8)).ok());
  EXPECT_EQ(recorder.reads().size(), 3u);
  ASSERT_TRUE(oram.DummyAccess().ok());
  ASSERT_EQ(recorder.reads().size(), 4u);
  for (const auto& r : recorder.reads()) EXPECT_GE(PathLeaf(r, oram.height()), 0);
  EXPECT_EQ(oram.path_reads(), 4u);
}

// The same block, again and again: a client that forgot to remap (new_leaf = leaf) would
// read one path forever.
TEST(ServerViewTest, OramPathsAreUniformEvenForOneRepeatedBlock) {
  TestServer server;
  RecordingBucketStore recorder(server.buckets);
  auto oram = PathOram::Create({.capacity = 256, .block_size = 8, .name = "v"}, TestKey(), recorder)
                  .value();
  uint64_t leaf = oram.RandomLeaf();
  ASSERT_TRUE(oram.Access(Op::kWrite, 1, oram.RandomLeaf(), leaf, Bytes(8)).ok());
  for (int i = 0; i < 4000; ++i) {
    const uint64_t next = oram.RandomLeaf();
    ASSERT_TRUE(oram.Access(Op::kRead, 1, leaf, next).ok());
    leaf = next;
    if (i % 50 == 0) {
      ASSERT_TRUE(server.Apply(oram.TakeWrites().value()).ok());
    }
  }
  const double chi2 = LeafChiSquare(recorder.reads(), oram.height());
  std::printf("[ view ] ORAM, one block 4000 times: chi2 = %.1f (threshold %.1f, df 63)\n", chi2,
              testing::ChiSquareThreshold(63));
  EXPECT_LT(chi2, testing::ChiSquareThreshold(63));
}

// Runs `ops` on a fresh map and returns the number of path reads of each operation; checks
// that each read is one full path.
template <typename Ops>
std::vector<size_t> ReadsPerOperation(uint64_t capacity, Ops ops, double* chi2 = nullptr) {
  TestServer server;
  RecordingBucketStore recorder(server.buckets);
  auto map =
      ObliviousMap::Create({.capacity = capacity, .key_size = 16, .value_size = 8, .name = "view"},
                           TestKey(), recorder)
          .value();
  std::vector<size_t> per_op;
  std::vector<std::vector<uint64_t>> all;
  ops(map, [&] {
    per_op.push_back(recorder.reads().size());
    for (const auto& r : recorder.reads()) {
      EXPECT_GE(PathLeaf(r, map.oram().height()), 0);
      all.push_back(r);
    }
    recorder.Clear();
    EXPECT_TRUE(server.Apply(map.TakeWrites().value()).ok());
  });
  if (chi2 != nullptr) *chi2 = LeafChiSquare(all, map.oram().height());
  return per_op;
}

Bytes Key(uint64_t i) {
  Bytes k(16, 0);
  for (int j = 0; j < 8; ++j) k[static_cast<size_t>(j)] = static_cast<uint8_t>(i >> (8 * j));
  return k;
}

TEST(ServerViewTest, MapOperationsAllReadTheSameNumberOfUniformPaths) {
  constexpr uint64_t kCapacity = 256;
  const size_t expected = static_cast<size_t>(MaxAvlHeight(kCapacity));  // 11
  std::mt19937_64 rng(1);
  // Sequence 1: one key, inserted then read and replaced over and over.
  double chi2_same = 0;
  auto same = ReadsPerOperation(
      kCapacity,
      [&](ObliviousMap& map, auto done) {
        for (int i = 0; i < 1500; ++i) {
          if (i % 3 == 0) {
            ASSERT_TRUE(map.Put(Key(42), Bytes(8, static_cast<uint8_t>(i))).ok());
          } else {
            ASSERT_TRUE(map.Get(Key(42)).ok());
          }
          done();
        }
      },
      &chi2_same);
  // Sequence 2: distinct keys, inserts (with rotations), hits and misses.
  double chi2_distinct = 0;
  auto distinct = ReadsPerOperation(
      kCapacity,
      [&](ObliviousMap& map, auto done) {
        for (int i = 0; i < 1500; ++i) {
          if (i % 3 == 0 && map.size() < kCapacity) {
            ASSERT_TRUE(map.Put(Key(rng()), Bytes(8, 1)).ok());
          } else {
            ASSERT_TRUE(map.Get(Key(rng() % 1000)).ok());
          }
          done();
        }
      },
      &chi2_distinct);
  ASSERT_EQ(same.size(), distinct.size());
  EXPECT_EQ(same, std::vector<size_t>(same.size(), expected));
  EXPECT_EQ(distinct, std::vector<size_t>(distinct.size(), expected));
  std::printf(
      "[ view ] map, %zu reads per op; chi2 one key %.1f, distinct keys %.1f "
      "(threshold %.1f)\n",
      expected, chi2_same, chi2_distinct, testing::ChiSquareThreshold(63));
  EXPECT_LT(chi2_same, testing::ChiSquareThreshold(63));
  EXPECT_LT(chi2_distinct, testing::ChiSquareThreshold(63));
}

// The ORAM's own count: the same block every time, or a different block every time.
TEST(ServerViewTest, OramReadsDoNotDependOnWhichBlocks) {
  for (bool same_block : {true, false}) {
    TestServer server;
    RecordingBucketStore recorder(server.buckets);
    auto oram =
        PathOram::Create({.capacity = 64, .block_size = 8, .name = "v"}, TestKey(), recorder)
            .value();
    std::vector<uint64_t> leaf(65, 0);
    for (uint64_t id = 1; id <= 64; ++id) {
      leaf[id] = oram.RandomLeaf();
      ASSERT_TRUE(oram.Access(Op::kWrite, id, oram.RandomLeaf(), leaf[id], Bytes(8)).ok());
    }
    recorder.Clear();
    for (uint64_t i = 0; i < 500; ++i) {
      const uint64_t id = same_block ? 1 : 1 + i % 64;
      const uint64_t next = oram.RandomLeaf();
      ASSERT_TRUE(oram.Access(Op::kRead, id, leaf[id], next).ok());
      leaf[id] = next;
      ASSERT_EQ(recorder.reads().size(), i + 1);
      ASSERT_EQ(recorder.reads().back().size(), static_cast<size_t>(oram.height()) + 1);
    }
  }
}

}  // namespace
}  // namespace sselab::sse::oram
