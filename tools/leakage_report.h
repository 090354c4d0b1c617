// What `sselab leakage measure` prints: a transcript's analysis as a table (view, lab and
// truth rows) or as JSON, and the declared-leakage verdict.
#ifndef SSELAB_TOOLS_LEAKAGE_REPORT_H_
#define SSELAB_TOOLS_LEAKAGE_REPORT_H_

#include "leakage/analysis.h"
#include "leakage/transcript.h"

namespace sselab::tools {

// Prints `a` (the analysis of `t`) on stdout; returns the exit status: 0 when the
// observation stays within the declaration, kExitFailure otherwise.
int PrintLeakageAnalysis(const leakage::Transcript& t, const leakage::Analysis& a, bool json);

}  // namespace sselab::tools

#endif  // SSELAB_TOOLS_LEAKAGE_REPORT_H_
