// Indexes shared by the micro-benchmarks: one per scheme variant over one synthetic
// corpus, built on first use, kept for the process, with the time and bytes its build
// took. Baselines (the plaintext index) are built the same way, so every ratio a
// benchmark reports compares measurements taken in the same run.
#ifndef SSELAB_BENCH_BENCH_INDEXES_H_
#define SSELAB_BENCH_BENCH_INDEXES_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "bench/private_dir.h"
#include "index/encrypted_index.h"
#include "schemes/variants.h"

namespace sselab::bench {

// 2·10^5 pairs, with keywords planted at result sizes 10, 100, 1 000 and 10 000.
inline constexpr std::string_view kBenchCorpus =
    "synth:docs=20000,keywords=5000,pairs=200000,seed=1,plant=10:100:1000:10000";
inline constexpr uint64_t kPlantedSizes[] = {10, 100, 1000, 10000};
inline constexpr uint64_t kBenchPairs = 200000;

struct BuiltIndex {
  std::unique_ptr<index::EncryptedIndex> index;
  double build_seconds = 0;
  uint64_t server_bytes = 0;  // on disk, after the build
};

class BenchIndexes {
 public:
  static BenchIndexes& Get();
  // The index of `variant`, built on first use. Aborts with the error if a build fails:
  // a benchmark without its index has nothing to measure.
  BuiltIndex& For(const schemes::Variant& variant);
  // Call from main before static destruction: RocksDB must close while its own statics
  // still exist.
  void Close();

 private:
  BenchIndexes();
  PrivateDir dir_{"sselab-bench"};           // mode 0700: the indexes' keys are inside
  std::map<std::string, BuiltIndex> built_;  // by Variant::Label()
};

// Mean wall-clock nanoseconds of `reps` searches for `keyword`.
double NsPerSearch(index::EncryptedIndex& idx, const std::string& keyword, int reps);

// Registers BM_Search/<variant label>/result=<n> for each planted size n: the search time
// of the planted keyword, with counters ns_per_result, x_plaintext (this variant's
// time over the plaintext index's for the same keyword, the two searching in turn) and
// server_bytes_per_pair (the server's store on disk after the build, over kBenchPairs).
void RegisterSearchVsPlaintext(const schemes::Variant& variant);

// The body of a benchmark's main() once its benchmarks are registered: runs them, then
// closes every index. Returns the process exit status.
int RunBenchmarks(int argc, char** argv);

}  // namespace sselab::bench

#endif  // SSELAB_BENCH_BENCH_INDEXES_H_
