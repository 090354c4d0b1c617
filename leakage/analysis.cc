#include "leakage/analysis.h"

#include <cstdio>

#include "leakage/declared_check.h"

namespace sselab::leakage {

Result<Analysis> Analyze(const Transcript& t, const index::Registry& registry) {
  Analysis a;
  SSELAB_ASSIGN_OR_RETURN(a.entry, registry.Find(t.view.scheme));
  SSELAB_ASSIGN_OR_RETURN(index::Params params,
                          index::Params::Parse(t.view.scheme, a.entry->info.params, t.view.params));
  index::ViewFormat format = a.entry->view ? a.entry->view(params) : index::ViewFormat{};
  SSELAB_ASSIGN_OR_RETURN(a.observations, Observe(t.view, format));
  a.measures = Measure(a.observations);
  if (t.truth.ops.size() != t.view.ops.size()) {
    return CorruptionError("transcript: ground truth does not match the server's view");
  }
  a.scores = Score(a.observations, t.truth);
  a.violations = CheckDeclared(a.entry->info.leakage, a.measures, a.scores);
  return a;
}

std::string MeasuredSummary(const Analysis& a) {
  const Scores& s = a.scores;
  const Measures& m = a.measures;
  char buf[160];
  std::snprintf(buf, sizeof buf, "SP %.2f, ids %.2f, V %.2f, at rest %s, FP %llu/%llu",
                s.SearchPatternRate(), s.SharingRate(), s.VolumeRate(),
                m.grouped_entries > 0 || m.varying_tables > 0 ? "freq" : "-",
                static_cast<unsigned long long>(s.updates_after_search_linked),
                static_cast<unsigned long long>(s.updates_after_search));
  return buf;
}

}  // namespace sselab::leakage
