// What the dynamic-scheme benchmarks share: an index built once per process with its
// server store reachable, and the store's own lookup cost, the baseline every search
// target is judged by.
#ifndef SSELAB_BENCH_DYNAMIC_COMMON_H_
#define SSELAB_BENCH_DYNAMIC_COMMON_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>

#include "base/result.h"
#include "bench/private_dir.h"
#include "index/encrypted_index.h"
#include "index/synthetic.h"
#include "storage/failing_store.h"
#include "storage/store.h"

namespace sselab::bench {

[[noreturn]] void Die(const std::string& what, const Error& e);

// A benchmark binary's main: `register_benchmarks`, Google Benchmark's run over the
// command line, then `close` (the indexes built, before static destruction: RocksDB needs
// its own statics to close). 1 for an unrecognized argument, else 0.
int RunBenchmarks(int argc, char** argv, const std::function<void()>& register_benchmarks,
                  const std::function<void()>& close);

// SSELAB_DYNAMIC_PAIRS, default 10^6: the pairs each benchmark index holds.
uint64_t Pairs();

// The planted result sizes 10, 100, ... up to 10^5 and a tenth of Pairs() / 10.
std::vector<uint64_t> PlantedSizes();

// An index of one scheme in a private temporary directory (removed on destruction), with the
// server's raw store reachable for the baseline.
struct Bench {
  std::unique_ptr<PrivateDir> root;  // holds the index directory, `dir`
  std::filesystem::path dir;
  std::unique_ptr<index::EncryptedIndex> index;
  storage::Store* server_store = nullptr;
  // Counts the server's store reads (Get, MultiGet, Scan calls): one per ORAM path read.
  storage::FailingStore* server_reads = nullptr;
  uint64_t keywords = 0;
  double build_seconds = 0;

  ~Bench();
};

std::unique_ptr<Bench> BuildBench(const std::string& scheme, std::vector<std::string> params,
                                  const index::SynthSpec& spec);

// The usual benchmark corpus: Pairs() pairs over Pairs() / 20 keywords, sizes planted.
index::SynthSpec StandardCorpus();

// Client state on disk per keyword of the build (after a flush).
double StateBytesPerKeyword(Bench& b);
// The client state's live records per keyword of the build (IndexSizes::state_live_bytes).
double LiveStateBytesPerKeyword(Bench& b);

// One pass of the store's own lookups of `n` existing entries of `table` (sampled from the
// whole table, the same keys every pass), in MultiGet batches of `batch`: the I/O floor of
// a search that touches n entries. Run() once before timing, to warm them.
class LookupPass {
 public:
  LookupPass(storage::Store& store, std::string_view table, size_t n, size_t batch);
  void Run();

 private:
  storage::Store& store_;
  std::string table_;
  size_t batch_;
  std::vector<ByteView> keys_;
};

// A LookupPass's cost per key, warm, timed over at least 2^15 lookups.
double LookupNsPerKey(storage::Store& store, std::string_view table, size_t n, size_t batch);

// A search next to its floor, timed in turns (TimeSearchInTurns).
struct TurnTimes {
  double search_ns = 0;          // mean time of one search
  double lookup_ns_per_key = 0;  // the floor: the store's own time per key
  size_t lookup_batch = 0;       // the MultiGet batch the floor used
  double baseline_ns = 0;        // mean time of one baseline search (0 without one)
};

// Runs Google Benchmark's loop; every iteration times one search of `keyword` on `idx`,
// then one LookupPass of `lookups` existing entries of `table`, then, given a `baseline`,
// one search of it. The three take turns, so on a machine whose speed drifts over seconds
// they are timed in the same seconds. The floor's batch is whichever of 8, 32 and 4096
// keys per MultiGet costs least per key in this run: the store at its cheapest, whatever
// batches the scheme's server makes (one size is not cheapest everywhere: at 10^4 keys,
// batches of 4096 cost 1.2 µs a key against 0.45 µs in batches of 8, pibas_bench).
TurnTimes TimeSearchInTurns(benchmark::State& state, index::EncryptedIndex& idx,
                            const std::string& keyword, storage::Store& store,
                            std::string_view table, size_t lookups,
                            index::EncryptedIndex* baseline = nullptr);

}  // namespace sselab::bench

#endif  // SSELAB_BENCH_DYNAMIC_COMMON_H_
