#include "leakage/analysis.h"

#include <cstdio>

#include "leakage/backward_replay.h"
#include "leakage/declared_check.h"
#include "leakage/update_replay.h"

namespace sselab::leakage {

Result<Observations> ObserveAsServer(const ServerView& view, const index::SchemeEntry& entry,
                                     const index::Params& params, LabLinks* lab) {
  index::ViewFormat format = entry.view ? entry.view(params) : index::ViewFormat{};
  LabLinks links = LinkAtRest(view, entry.info.family);
  SSELAB_ASSIGN_OR_RETURN(Observations obs, Observe(view, format, links.links));
  obs.at_rest.raw_grouped_entries = links.raw_grouped_entries;
  std::vector<std::vector<size_t>> found = ReplayMatrix(view, entry, params);
  for (size_t i = 0; i < obs.ops.size(); ++i) obs.ops[i].found_by = std::move(found[i]);
  std::vector<std::vector<size_t>> cancels = ReplayCancellations(view, entry, params, obs);
  for (size_t i = 0; i < obs.ops.size(); ++i) obs.ops[i].cancels_seen = std::move(cancels[i]);
  if (lab != nullptr) *lab = std::move(links);
  return obs;
}

Result<Analysis> Analyze(const Transcript& t, const index::Registry& registry) {
  Analysis a;
  SSELAB_ASSIGN_OR_RETURN(a.entry, registry.Find(t.view.scheme));
  SSELAB_ASSIGN_OR_RETURN(index::Params params,
                          index::Params::Parse(t.view.scheme, a.entry->info.params, t.view.params));
  SSELAB_ASSIGN_OR_RETURN(a.observations, ObserveAsServer(t.view, *a.entry, params, &a.lab));
  if (t.HasTruth()) MarkConjunctions(a.observations, t.truth);
  a.measures = Measure(a.observations);
  if (t.HasTruth()) {
    a.scores = Score(a.observations, t.truth);
    a.conjunctions = MeasureConjunctions(a.observations, t.truth);
  } else if (!t.truth.ops.empty()) {
    return CorruptionError("transcript: ground truth does not match the server's view");
  }
  a.declared = index::DeclaredLeakage(*a.entry, params);
  a.violations = CheckDeclared(a.declared, a.measures, a.scores);
  return a;
}

std::string MeasuredSummary(const Analysis& a) {
  const Scores& s = a.scores;
  const Measures& m = a.measures;
  char buf[160];
  std::snprintf(
      buf, sizeof buf, "SP %.2f, ids %.2f, V %.2f, at rest %s, FP %llu/%llu", s.SearchPatternRate(),
      s.SharingRate(), s.VolumeRate(),
      m.grouped_entries > 0 || m.varying_tables > 0 || m.raw_grouped_entries > 0 ? "freq" : "-",
      static_cast<unsigned long long>(s.updates_after_search_linked),
      static_cast<unsigned long long>(s.updates_after_search));
  return buf;
}

}  // namespace sselab::leakage
