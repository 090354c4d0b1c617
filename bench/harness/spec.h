// Experiment specs: the TOML files `sselab bench` runs.
//
//   name = "static-scale"                 # label for the outputs (optional)
//   seed = 1                              # query sampling seed (optional)
//   [corpus]                              # exactly one of `file` or [corpus.synth]
//   file = "corpus.jsonl"                 #   relative to the spec's directory
//   [corpus.synth]                        #   see index/synthetic.h
//   docs = 100000, keywords = 50000, pairs = 10000000, zipf = 1.0, seed = 1
//   plant = [10, 100, 1000, 10000]
//   [store]                               # RocksDB options (optional)
//   block_cache_mb = 1024, write_buffer_mb = 64
//   [[scheme]]                            # one table per scheme run, in order
//   name = "pibas"
//   params = { mode = "hiding" }          # strings or integers
//   [[workload]]
//   op = "build"                          # build: repetitions fresh builds
//   repetitions = 1
//   [[workload]]
//   op = "search"                         # search: each query `repetitions` times by
//                                         #   every scheme, the schemes taking turns
//   queries = "planted"                   #   planted: the corpus's planted keywords
//   count = 50                            #   ranked: `count` keywords spread over ranks
//   repetitions = 5
//
// Every key is checked: an unknown key or a value of the wrong type or range is an error
// naming the key and the line.
#ifndef SSELAB_BENCH_HARNESS_SPEC_H_
#define SSELAB_BENCH_HARNESS_SPEC_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "index/synthetic.h"
#include "storage/rocks_store.h"

namespace sselab::harness {

struct SchemeRun {
  std::string name;
  std::vector<std::string> params;  // "k=v"
  std::string Label() const;        // "pibas" or "pibas[mode=hiding]"
};

struct Workload {
  enum class Op { kBuild, kSearch };
  enum class Queries { kPlanted, kRanked };
  Op op = Op::kBuild;
  Queries queries = Queries::kRanked;
  uint64_t count = 50;
  uint64_t repetitions = 1;
};

struct BenchSpec {
  std::string name;
  std::string text;  // the spec file as read, for provenance
  uint64_t seed = 1;
  std::optional<std::filesystem::path> corpus_file;
  std::optional<index::SynthSpec> synth;
  storage::RocksStoreOptions store;
  std::vector<SchemeRun> schemes;
  std::vector<Workload> workloads;
};

// Reads and validates a spec. Errors name the file, the key and, where known, the line.
Result<BenchSpec> LoadBenchSpec(const std::filesystem::path& path);
// Same, from text (`origin` is used in messages and to resolve relative paths).
Result<BenchSpec> ParseBenchSpec(std::string_view text, const std::filesystem::path& origin);

}  // namespace sselab::harness

#endif  // SSELAB_BENCH_HARNESS_SPEC_H_
