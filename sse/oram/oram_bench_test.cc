// Timings for papers/path-oram.md, on a RocksStore (the server's default store). Disabled:
// run by hand, in Release:
//   build-h/tests/oram_test --gtest_also_run_disabled_tests --gtest_filter='*Measure*'
// No assertion on time: the numbers are printed.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>

#include "sse/oram/oblivious_map.h"
#include "sse/oram/path_oram.h"
#include "sse/oram/test_util.h"
#include "storage/rocks_store.h"
#include "tests/testing/temp_dir.h"

namespace sselab::sse::oram {
namespace {

using Clock = std::chrono::steady_clock;
constexpr uint64_t kN = uint64_t{1} << 16;

double MicrosSince(Clock::time_point start, uint64_t ops) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count() /
         static_cast<double>(ops);
}

struct RocksServer {
  explicit RocksServer(const std::filesystem::path& dir)
      : store(storage::OpenRocksStore(dir, {.create_if_missing = true}).value()),
        buckets(StoreBucketStore::Open(*store, "oram").value()) {}
  void Apply(const SealedBuckets& writes) {
    ASSERT_TRUE(ApplyBucketWrites(*store, "oram", writes).ok());
  }
  std::unique_ptr<storage::Store> store;
  StoreBucketStore buckets;
};

// A key per index, spread over the key space (Fibonacci hashing).
Bytes Key(uint64_t i) {
  Bytes k(16, 0);
  for (int j = 0; j < 8; ++j)
    k[static_cast<size_t>(j)] = static_cast<uint8_t>((i * 0x9E3779B97F4A7C15ULL) >> (8 * j));
  return k;
}

// Fills an ORAM of 2^16 blocks, then times random reads, one commit per access.
template <typename Server>
void MeasurePathOram(Server& server, const char* store_name) {
  auto oram = PathOram::Create({.capacity = kN, .block_size = 64, .name = "bench"},
                               testing::TestKey(), server.buckets)
                  .value();
  std::vector<uint64_t> leaf(kN + 1);
  auto start = Clock::now();
  for (uint64_t id = 1; id <= kN; ++id) {
    leaf[id] = oram.RandomLeaf();
    ASSERT_TRUE(oram.Access(PathOram::Op::kWrite, id, oram.RandomLeaf(), leaf[id], Bytes(64)).ok());
    ASSERT_NO_FATAL_FAILURE(server.Apply(oram.TakeWrites().value()));
  }
  std::printf("[ measure ] %s: PathOram N = 2^16, B = 64: fill %.1f us/access (commit each)\n",
              store_name, MicrosSince(start, kN));
  std::mt19937_64 rng(1);
  constexpr uint64_t kOps = 20000;
  start = Clock::now();
  for (uint64_t i = 0; i < kOps; ++i) {
    const uint64_t id = 1 + rng() % kN;
    const uint64_t next = oram.RandomLeaf();
    ASSERT_TRUE(oram.Access(PathOram::Op::kRead, id, leaf[id], next).ok());
    leaf[id] = next;
    ASSERT_NO_FATAL_FAILURE(server.Apply(oram.TakeWrites().value()));
  }
  std::printf("[ measure ] %s: PathOram N = 2^16: %.1f us/access (read, commit each), stash %zu\n",
              store_name, MicrosSince(start, kOps), oram.stash_size());
}

TEST(OramMeasureTest, DISABLED_PathOramAccessOnRocksStore) {
  sselab::testing::TempDir dir;
  RocksServer server(dir.path());
  MeasurePathOram(server, "RocksStore");
}

// The same on a MemoryStore: the client's own cost (crypto, eviction) without RocksDB.
TEST(OramMeasureTest, DISABLED_PathOramAccessOnMemoryStore) {
  testing::TestServer server;
  struct Adapter {
    testing::TestServer& s;
    StoreBucketStore& buckets;
    void Apply(const SealedBuckets& w) { ASSERT_TRUE(s.Apply(w).ok()); }
  } adapter{server, server.buckets};
  MeasurePathOram(adapter, "MemoryStore");
}

TEST(OramMeasureTest, DISABLED_ObliviousMapOnRocksStore) {
  sselab::testing::TempDir dir;
  RocksServer server(dir.path());
  auto map =
      ObliviousMap::Create({.capacity = kN, .key_size = 16, .value_size = 8, .name = "bench"},
                           testing::TestKey(), server.buckets)
          .value();
  std::mt19937_64 rng(1);
  auto start = Clock::now();
  for (uint64_t i = 0; i < kN; ++i) {
    ASSERT_TRUE(map.Put(Key(i), Bytes(8, 1)).ok());
    ASSERT_NO_FATAL_FAILURE(server.Apply(map.TakeWrites().value()));
  }
  std::printf("[ measure ] ObliviousMap n = 2^16: fill %.1f us/Put, %d ORAM accesses/op\n",
              MicrosSince(start, kN), map.accesses_per_operation());
  constexpr uint64_t kOps = 2000;
  start = Clock::now();
  size_t written = 0;
  for (uint64_t i = 0; i < kOps; ++i) {
    ASSERT_TRUE(map.Get(Key(rng() % kN)).ok());
    auto writes = map.TakeWrites().value();
    written += writes.size();
    ASSERT_NO_FATAL_FAILURE(server.Apply(writes));
  }
  std::printf(
      "[ measure ] ObliviousMap n = 2^16: %.1f us/Get (commit each), %.0f buckets "
      "written/op\n",
      MicrosSince(start, kOps), static_cast<double>(written) / kOps);
  start = Clock::now();
  for (uint64_t i = 0; i < kOps; ++i) {
    ASSERT_TRUE(map.Put(Key(rng() % kN), Bytes(8, 2)).ok());
    ASSERT_NO_FATAL_FAILURE(server.Apply(map.TakeWrites().value()));
  }
  std::printf("[ measure ] ObliviousMap n = 2^16: %.1f us/Put (replace, commit each), stash %zu\n",
              MicrosSince(start, kOps), map.oram().stash_size());
  const Bytes state = map.SaveState().value();
  std::printf("[ measure ] client state %zu bytes; server %.1f MB\n", state.size(),
              static_cast<double>(server.store->SizeOnDisk().value()) / 1e6);
}

}  // namespace
}  // namespace sselab::sse::oram
