// The overview's outputs: summary.md (cost, measured leakage and attack recovery per
// scheme, side by side) and results.json (the same, for plots and other tools).
#ifndef SSELAB_BENCH_HARNESS_OVERVIEW_REPORT_H_
#define SSELAB_BENCH_HARNESS_OVERVIEW_REPORT_H_

#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "base/result.h"
#include "bench/harness/overview_run.h"

namespace sselab::harness {

nlohmann::json OverviewJson(const OverviewSpec& spec, const std::vector<LoadedCorpus>& corpora,
                            const std::vector<VariantResult>& results);
std::string OverviewMarkdown(const OverviewSpec& spec, const std::vector<LoadedCorpus>& corpora,
                             const std::vector<VariantResult>& results);

// Writes OUT/summary.md and OUT/results.json.
Status WriteOverview(const OverviewSpec& spec, const std::vector<LoadedCorpus>& corpora,
                     const std::vector<VariantResult>& results, const std::filesystem::path& out);

}  // namespace sselab::harness

#endif  // SSELAB_BENCH_HARNESS_OVERVIEW_REPORT_H_
