// Analysis: a transcript's observations, measures, scores and declared-leakage check in
// one step, for the command line and the overview report.
#ifndef SSELAB_LEAKAGE_ANALYSIS_H_
#define SSELAB_LEAKAGE_ANALYSIS_H_

#include "leakage/conjunction_measure.h"

#include <string>
#include <vector>

#include "index/registry.h"
#include "leakage/at_rest_links.h"
#include "leakage/measures.h"
#include "leakage/observation.h"
#include "leakage/transcript.h"

namespace sselab::leakage {

struct Analysis {
  const index::SchemeEntry* entry = nullptr;
  LabLinks lab;                    // what the lab linked at rest by itself
  index::LeakageProfile declared;  // under the transcript's parameters
  Observations observations;
  Measures measures;
  Scores scores;
  ConjunctionLeakage conjunctions;      // with ground truth only
  std::vector<std::string> violations;  // observed beyond declared (declared_check.h)
};

// A view read as its server can read it: the scheme's ViewFormat merged with the lab's
// own at-rest links (at_rest_links.h), and every update checked by replaying the kept
// searches on it (update_replay.h). `lab`, if given, receives the links.
Result<Observations> ObserveAsServer(const ServerView& view, const index::SchemeEntry& entry,
                                     const index::Params& params, LabLinks* lab = nullptr);

// kNotFound if the transcript's scheme is not in `registry`; kInvalidArgument if its
// params do not parse; kCorruption if a reply does not parse under the scheme's format.
// Without ground truth (Transcript::HasTruth) the scores stay zero: measures and the
// rules that need no truth still run.
Result<Analysis> Analyze(const Transcript& t, const index::Registry& registry);

// The measured leakage in one line for tables, e.g.
// "SP 1.00, ids 1.00, V 1.00, at rest freq, FP 3/3": rates of Scores, whether the
// store shows frequencies at rest, and linked updates / updates after a search.
std::string MeasuredSummary(const Analysis& a);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_ANALYSIS_H_
