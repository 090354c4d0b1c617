// Runs a BenchSpec: builds each scheme (in a child process, for a clean peak-memory
// figure), runs the search workloads in-process against a corpus oracle, and writes
// results.jsonl, summary.md and, when python3-matplotlib is present, plots.
#ifndef SSELAB_BENCH_HARNESS_RUNNER_H_
#define SSELAB_BENCH_HARNESS_RUNNER_H_

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "bench/harness/measurement.h"
#include "bench/harness/spec.h"

namespace sselab::harness {

struct RunOptions {
  std::filesystem::path out_dir;                // created if missing; results.jsonl is replaced
  std::filesystem::path sselab_exe;             // the binary that runs child builds
  bool keep_indexes = false;                    // keep OUT/work/<scheme> after the run
  std::function<void(const std::string&)> log;  // progress lines (may be empty)
};

// Errors: whatever the spec's corpus or a scheme reports (named), a failed child build
// (with the tail of its log), an unwritable output directory.
Result<std::vector<Measurement>> RunBench(const BenchSpec& spec, const RunOptions& options);

}  // namespace sselab::harness

#endif  // SSELAB_BENCH_HARNESS_RUNNER_H_
