// Path ORAM and the oblivious map (sse/oram/, papers/path-oram.md), each next to the store's
// own cost of what an access must read, measured in the same run:
//   BM_PathOramAccess/rocks:r  a random read of a full ORAM of N = 2^16 blocks of 64 bytes
//       (h = 16: paths of 17 buckets), its write-back applied as one atomic batch, on a
//       MemoryStore (r = 0) or a RocksStore (r = 1): us_per_access; path_multiget_us, the
//       store's MultiGet of 17 stored buckets; x_multiget, their ratio (the client's
//       decryption, eviction and re-encryption on top of the read); stash and max_stash,
//       in blocks.
//   BM_MapGet/rocks:r, BM_MapPut/rocks:r  a Get, or a Put replacing a value, of an oblivious
//       map of 2^16 keys (16-byte keys, 8-byte values, bulk-built): us_per_op, the ORAM
//       accesses per operation (A), the buckets written per operation, x_multiget (per
//       access, against the path MultiGet), and the client state's bytes (SaveState: the
//       stash, the root, sizes).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <random>

#include "base/codec.h"
#include "bench/private_dir.h"
#include "crypto/secret_key.h"
#include "sse/oram/bucket_store.h"
#include "sse/oram/oblivious_map.h"
#include "sse/oram/path_oram.h"
#include "storage/memory_store.h"
#include "storage/rocks_store.h"

namespace sselab {
namespace {

using sse::oram::ObliviousMap;
using sse::oram::PathOram;
using sse::oram::SealedBuckets;
using sse::oram::StoreBucketStore;

constexpr uint64_t kN = uint64_t{1} << 16;
constexpr std::string_view kTable = "oram";

[[noreturn]] void Die(const char* what, const Error& e) {
  std::fprintf(stderr, "%s: %s\n", what, e.ToString().c_str());
  std::abort();
}

template <typename T>
T Check(Result<T> r, const char* what) {
  if (!r.ok()) Die(what, r.error());
  return std::move(r).value();
}

void Check(const Status& s, const char* what) {
  if (!s.ok()) Die(what, s.error());
}

crypto::SecretKey BenchKey() { return crypto::SecretKey::Generate(32); }

// The server: a store (in memory, or RocksDB in a private temporary directory removed at
// the end)
// with the bucket table.
struct Server {
  explicit Server(bool rocks) {
    if (rocks) {
      root = std::make_unique<bench::PrivateDir>("sselab-orambench");
      store = Check(storage::OpenRocksStore(root->path() / "store", {.create_if_missing = true}),
                    "rocks store");
    } else {
      store = storage::NewMemoryStore();
    }
    buckets = std::make_unique<StoreBucketStore>(
        Check(StoreBucketStore::Open(*store, std::string(kTable)), "bucket table"));
  }
  ~Server() {
    buckets.reset();
    store.reset();  // closed before root removes the directory
  }
  void Apply(const SealedBuckets& writes) {
    Check(sse::oram::ApplyBucketWrites(*store, kTable, writes), "apply writes");
  }
  // The store's MultiGet of `path` stored buckets, warm, in microseconds: the I/O floor of
  // one path read. Buckets sampled from the whole table.
  double PathMultiGetMicros(size_t path) {
    std::vector<Bytes> keys;
    Check(store->Scan(kTable, {},
                      [&](ByteView k, ByteView) {
                        keys.push_back(ToBytes(k));
                        return true;
                      }),
          "scan");
    std::mt19937_64 rng(3);
    constexpr int kReps = 4096;
    std::vector<std::vector<ByteView>> batches(kReps);
    for (auto& b : batches) {
      for (size_t i = 0; i < path; ++i) b.emplace_back(keys[rng() % keys.size()]);
    }
    for (const auto& b : batches) benchmark::DoNotOptimize(store->MultiGet(kTable, b));
    const auto start = std::chrono::steady_clock::now();
    for (const auto& b : batches) benchmark::DoNotOptimize(store->MultiGet(kTable, b));
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
               .count() /
           kReps;
  }

  std::unique_ptr<bench::PrivateDir> root;  // RocksStore only
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<StoreBucketStore> buckets;
};

void BM_PathOramAccess(benchmark::State& state) {
  Server server(state.range(0) != 0);
  PathOram oram = Check(PathOram::Create({.capacity = kN, .block_size = 64, .name = "bench"},
                                         BenchKey(), *server.buckets),
                        "create");
  std::vector<uint64_t> leaf(kN + 1);
  std::vector<sse::oram::Block> blocks;
  blocks.reserve(kN);
  for (uint64_t id = 1; id <= kN; ++id) {
    leaf[id] = oram.RandomLeaf();
    blocks.push_back({id, leaf[id], Bytes(64, static_cast<uint8_t>(id))});
  }
  server.Apply(Check(oram.BulkLoad(std::move(blocks)), "bulk load"));
  const double multiget = server.PathMultiGetMicros(static_cast<size_t>(oram.height()) + 1);
  std::mt19937_64 rng(1);
  size_t max_stash = oram.stash_size();
  uint64_t accesses = 0;
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    const uint64_t id = 1 + rng() % kN;
    const uint64_t next = oram.RandomLeaf();
    benchmark::DoNotOptimize(Check(oram.Access(PathOram::Op::kRead, id, leaf[id], next), "read"));
    leaf[id] = next;
    server.Apply(Check(oram.TakeWrites(), "take writes"));
    max_stash = std::max(max_stash, oram.stash_size());
    ++accesses;
  }
  const double us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
      static_cast<double>(accesses);
  state.counters["us_per_access"] = us;
  state.counters["path_multiget_us"] = multiget;
  state.counters["x_multiget"] = us / multiget;
  state.counters["stash"] = static_cast<double>(oram.stash_size());
  state.counters["max_stash"] = static_cast<double>(max_stash);
  state.SetLabel(state.range(0) != 0 ? "RocksStore" : "MemoryStore");
}

Bytes Key(uint64_t i) {
  Bytes k(16, 0);
  StoreBe64(i * 0x9E3779B97F4A7C15ULL, k.data());  // spread over the key space
  StoreBe64(i, k.data() + 8);
  return k;
}

void MapBenchmark(benchmark::State& state, bool put) {
  Server server(state.range(0) != 0);
  ObliviousMap map =
      Check(ObliviousMap::Create({.capacity = kN, .key_size = 16, .value_size = 8, .name = "bench"},
                                 BenchKey(), *server.buckets),
            "create");
  std::vector<sse::oram::MapEntry> entries;
  entries.reserve(kN);
  for (uint64_t i = 0; i < kN; ++i) entries.push_back({Key(i), Bytes(8, 1)});
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.key < b.key; });
  server.Apply(Check(map.BulkBuild(entries), "bulk build"));
  const double multiget = server.PathMultiGetMicros(static_cast<size_t>(map.oram().height()) + 1);
  std::mt19937_64 rng(1);
  uint64_t ops = 0, written = 0;
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    const Bytes key = Key(rng() % kN);
    if (put) {
      Check(map.Put(key, Bytes(8, 2)), "put");
    } else {
      benchmark::DoNotOptimize(Check(map.Get(key), "get"));
    }
    SealedBuckets writes = Check(map.TakeWrites(), "take writes");
    written += writes.size();
    server.Apply(writes);
    ++ops;
  }
  const double us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
      static_cast<double>(ops);
  const int a = map.accesses_per_operation();
  state.counters["us_per_op"] = us;
  state.counters["accesses_per_op"] = a;
  state.counters["buckets_written_per_op"] =
      static_cast<double>(written) / static_cast<double>(ops);
  state.counters["x_multiget"] = us / (a * multiget);
  state.counters["client_state_bytes"] =
      static_cast<double>(Check(map.SaveState(), "save state").size());
  state.counters["stash"] = static_cast<double>(map.oram().stash_size());
  state.SetLabel(state.range(0) != 0 ? "RocksStore" : "MemoryStore");
}

void BM_MapGet(benchmark::State& state) { MapBenchmark(state, /*put=*/false); }
void BM_MapPut(benchmark::State& state) { MapBenchmark(state, /*put=*/true); }

BENCHMARK(BM_PathOramAccess)->ArgName("rocks")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MapGet)->ArgName("rocks")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MapPut)->ArgName("rocks")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sselab
