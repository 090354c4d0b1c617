// Leakage specs: the TOML files `sselab leakage record` runs.
//
//   scheme = "pibas"                        # required
//   params = { mode = "hiding" }            # optional, strings or integers
//   corpus = "corpus.jsonl"                 # a JSON Lines file or directory (relative to
//                                           # the spec) or a synth: URI; required
//   [workload]                              # optional; see leakage/workload.h
//   searches = 150, pool = 500, repeat = 0.2, inserts = 20, removes = 10, seed = 1,
//   batches = 4, arriving = 0.5             # the corpus's tail arrives in update batches
//   conjunctions = 40, max_terms = 3        # conjunctive searches of 2..3 terms, last
//
// Unknown keys and values of the wrong type or range are errors naming key and line.
#ifndef SSELAB_BENCH_HARNESS_LEAKAGE_SPEC_H_
#define SSELAB_BENCH_HARNESS_LEAKAGE_SPEC_H_

#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"
#include "leakage/workload.h"

namespace sselab::harness {

struct LeakageSpec {
  std::string scheme;
  std::vector<std::string> params;
  std::string corpus;  // path (resolved against the spec's directory) or synth: URI
  leakage::WorkloadSpec workload;
};

Result<LeakageSpec> LoadLeakageSpec(const std::filesystem::path& path);
Result<LeakageSpec> ParseLeakageSpec(std::string_view text, const std::filesystem::path& origin);

}  // namespace sselab::harness

#endif  // SSELAB_BENCH_HARNESS_LEAKAGE_SPEC_H_
