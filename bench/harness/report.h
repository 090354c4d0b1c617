// summary.md: the tables a person reads after `sselab bench`.
#ifndef SSELAB_BENCH_HARNESS_REPORT_H_
#define SSELAB_BENCH_HARNESS_REPORT_H_

#include <filesystem>
#include <vector>

#include "base/result.h"
#include "bench/harness/measurement.h"
#include "bench/harness/spec.h"

namespace sselab::harness {

// Writes build and search tables; every figure sits next to its ratio to the plaintext
// baseline of the same run (when the spec runs "plaintext").
Status WriteSummary(const BenchSpec& spec, const std::vector<Measurement>& measurements,
                    const std::filesystem::path& path);

}  // namespace sselab::harness

#endif  // SSELAB_BENCH_HARNESS_REPORT_H_
