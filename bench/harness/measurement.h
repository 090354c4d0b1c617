// One row of results.jsonl.
#ifndef SSELAB_BENCH_HARNESS_MEASUREMENT_H_
#define SSELAB_BENCH_HARNESS_MEASUREMENT_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace sselab::harness {

struct Measurement {
  std::string scheme;           // registry name
  std::string label;            // scheme with params, e.g. "pibas[mode=hiding]"
  std::string params;           // canonical "k=v,..." with defaults filled in
  std::string op;               // "build" or "search"
  uint64_t pairs = 0;           // pairs in the index
  std::string keyword;          // search: the query
  uint64_t result_size = 0;     // search: ids returned
  uint64_t repetitions = 0;     // timed runs averaged
  double ns_per_op = 0;         // mean wall time of one build or one search
  double ns_per_result = 0;     // search: ns_per_op / result_size (0 if no result)
  double pairs_per_second = 0;  // build
  uint64_t bytes_on_disk = 0;   // server directory after the build
  uint64_t peak_rss_bytes = 0;  // build: peak resident memory of the build process
  bool correct = true;          // search: same ids as the corpus oracle
  std::string declared;         // build: the declared leakage under these params (Summary())
};

inline nlohmann::json ToJson(const Measurement& m) {
  return {{"type", "measurement"},
          {"scheme", m.scheme},
          {"label", m.label},
          {"params", m.params},
          {"op", m.op},
          {"pairs", m.pairs},
          {"keyword", m.keyword},
          {"result_size", m.result_size},
          {"repetitions", m.repetitions},
          {"ns_per_op", m.ns_per_op},
          {"ns_per_result", m.ns_per_result},
          {"pairs_per_second", m.pairs_per_second},
          {"bytes_on_disk", m.bytes_on_disk},
          {"peak_rss_bytes", m.peak_rss_bytes},
          {"correct", m.correct},
          {"declared", m.declared}};
}

}  // namespace sselab::harness

#endif  // SSELAB_BENCH_HARNESS_MEASUREMENT_H_
