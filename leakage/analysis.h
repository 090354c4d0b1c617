// Analysis: a transcript's observations, measures, scores and declared-leakage check in
// one step, for the command line and the overview report.
#ifndef SSELAB_LEAKAGE_ANALYSIS_H_
#define SSELAB_LEAKAGE_ANALYSIS_H_

#include <string>
#include <vector>

#include "index/registry.h"
#include "leakage/measures.h"
#include "leakage/observation.h"
#include "leakage/transcript.h"

namespace sselab::leakage {

struct Analysis {
  const index::SchemeEntry* entry = nullptr;
  Observations observations;
  Measures measures;
  Scores scores;
  std::vector<std::string> violations;  // observed beyond declared (declared_check.h)
};

// kNotFound if the transcript's scheme is not in `registry`; kInvalidArgument if its
// params do not parse; kCorruption if a reply does not parse under the scheme's format.
Result<Analysis> Analyze(const Transcript& t, const index::Registry& registry);

// The measured leakage in one line for tables, e.g.
// "SP 1.00, ids 1.00, V 1.00, at rest freq, FP 3/3": rates of Scores, whether the
// store shows frequencies at rest, and linked updates / updates after a search.
std::string MeasuredSummary(const Analysis& a);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_ANALYSIS_H_
