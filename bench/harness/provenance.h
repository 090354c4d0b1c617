// Where a set of measurements came from: spec, corpus, code, compiler, machine.
#ifndef SSELAB_BENCH_HARNESS_PROVENANCE_H_
#define SSELAB_BENCH_HARNESS_PROVENANCE_H_

#include <nlohmann/json.hpp>

#include "bench/harness/spec.h"

namespace sselab::harness {

// The first line of results.jsonl: {"type": "provenance", ...}.
nlohmann::json Provenance(const BenchSpec& spec, const std::string& corpus_name,
                          const std::string& corpus_sha256);

}  // namespace sselab::harness

#endif  // SSELAB_BENCH_HARNESS_PROVENANCE_H_
