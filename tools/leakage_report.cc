#include "tools/leakage_report.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "tools/cli_util.h"

namespace sselab::tools {

int PrintLeakageAnalysis(const leakage::Transcript& t, const leakage::Analysis& a, bool json) {
  const leakage::Measures& m = a.measures;
  const leakage::Scores& s = a.scores;
  if (json) {
    nlohmann::json j = {
        {"scheme", t.view.scheme},
        {"params", t.view.params},
        {"at_rest",
         {{"entries", m.entries},
          {"key_bytes", m.key_bytes},
          {"value_bytes", m.value_bytes},
          {"value_size_classes", m.value_size_classes},
          {"varying_tables", m.varying_tables},
          {"groups", m.groups},
          {"largest_group", m.largest_group},
          {"grouped_entries", m.grouped_entries},
          {"raw_grouped_entries", m.raw_grouped_entries}}},
        {"search",
         {{"searches", m.searches},
          {"classes", m.search_classes},
          {"read_entries", m.read_entries},
          {"items", m.items},
          {"recurring_items", m.recurring_items},
          {"cooccurring_pairs", m.cooccurring_pairs},
          {"volume_classes", m.volume_classes}}},
        {"updates",
         {{"updates", m.updates},
          {"linked", m.updates_linked},
          {"adds_rewriting", m.adds_rewriting},
          {"rewritten_entries", m.rewritten_entries},
          {"removes", m.removes},
          {"removes_resurfacing", m.removes_resurfacing},
          {"removes_rewriting", m.removes_rewriting},
          {"cancellations_seen", m.cancellations_seen}}},
        {"rounds", {{"search_rounds", m.search_rounds}, {"search_bytes", m.search_bytes}}},
        {"scores",
         {{"repeat_pairs", s.repeat_pairs},
          {"repeat_pairs_linked", s.repeat_pairs_linked},
          {"false_links", s.false_links},
          {"sharing_pairs", s.sharing_pairs},
          {"sharing_pairs_seen", s.sharing_pairs_seen},
          {"sharing_pairs_exact", s.sharing_pairs_exact},
          {"volume_exact", s.volume_exact},
          {"updates_after_search", s.updates_after_search},
          {"updates_after_search_linked", s.updates_after_search_linked},
          {"own_removal_pairs", s.own_removal_pairs},
          {"own_removal_pairs_read", s.own_removal_pairs_read},
          {"other_removal_pairs", s.other_removal_pairs},
          {"other_removal_pairs_read", s.other_removal_pairs_read},
          {"own_cancellations_seen", s.own_cancellations_seen},
          {"own_undo_pairs", s.own_undo_pairs},
          {"own_undo_hits", s.own_undo_hits},
          {"other_undo_pairs", s.other_undo_pairs},
          {"other_undo_hits", s.other_undo_hits},
          {"own_link_pairs", s.own_link_pairs},
          {"own_link_pairs_linked", s.own_link_pairs_linked},
          {"other_link_pairs", s.other_link_pairs},
          {"other_link_pairs_linked", s.other_link_pairs_linked},
          {"own_rewrite_pairs", s.own_rewrite_pairs},
          {"own_rewrite_hits", s.own_rewrite_hits},
          {"other_rewrite_pairs", s.other_rewrite_pairs},
          {"other_rewrite_hits", s.other_rewrite_hits}}},
        {"conjunctions",
         {{"conjunctions", a.conjunctions.conjunctions},
          {"terms", a.conjunctions.terms},
          {"result_ids", a.conjunctions.result_ids},
          {"items", a.conjunctions.items},
          {"read_entries", a.conjunctions.read_entries},
          {"items_beyond_result", a.conjunctions.items_beyond},
          {"reads_beyond_result", a.conjunctions.reads_beyond},
          {"sharing_pairs", a.conjunctions.sharing_pairs},
          {"sharing_pairs_linked", a.conjunctions.sharing_pairs_linked},
          {"other_pairs", a.conjunctions.other_pairs},
          {"other_pairs_linked", a.conjunctions.other_pairs_linked},
          {"conjunction_leakage", a.declared.Conjunction()}}},
        {"backward_observed", leakage::ObservedBackwardType(m, s)},
        {"scored", t.HasTruth()},
        {"lab",
         {{"raw_equal_values", a.lab.raw.equal_values},
          {"raw_equal_keys", a.lab.raw.equal_keys},
          {"raw_shared_prefixes", a.lab.raw.shared_prefixes},
          {"tag_links", a.lab.tags.links},
          {"tag_invariant", a.lab.tags.best_invariant}}},
        {"declared", a.declared.Summary()},
        {"violations", a.violations}};
    std::printf("%s\n", j.dump(2).c_str());
    return a.violations.empty() ? 0 : kExitFailure;
  }
  auto n = [](uint64_t v) { return std::to_string(v); };
  Table table({"measure", "value", "from"});
  table.Add({"entries at rest", n(m.entries), "view"});
  table.Add({"key / value bytes", n(m.key_bytes) + " / " + n(m.value_bytes), "view"});
  table.Add({"at-rest groups (largest)", n(m.groups) + " (" + n(m.largest_group) + ")", "view"});
  table.Add({"tables with varying value size", n(m.varying_tables), "view"});
  table.Add({"searches / classes told apart", n(m.searches) + " / " + n(m.search_classes), "view"});
  table.Add({"entries read by searches", n(m.read_entries), "view"});
  table.Add({"result items / recurring", n(m.items) + " / " + n(m.recurring_items), "view"});
  table.Add({"class pairs with common items", n(m.cooccurring_pairs), "view"});
  table.Add({"distinct volumes", n(m.volume_classes), "view"});
  table.Add(
      {"updates linked to earlier searches", n(m.updates_linked) + " / " + n(m.updates), "view"});
  table.Add({"adds writing an entry held before (tokens seen twice)",
             n(m.adds_rewriting) + " / " + n(m.updates), "view"});
  table.Add(
      {"removals resurfacing later", n(m.removes_resurfacing) + " / " + n(m.removes), "view"});
  table.Add({"removals rewriting an entry held before",
             n(m.removes_rewriting) + " / " + n(m.removes), "view"});
  table.Add({"cancellations shown by replay (search, removal)", n(m.cancellations_seen), "view"});
  if (m.searches > 0) {
    const double rounds = static_cast<double>(m.search_rounds) / static_cast<double>(m.searches);
    const double bytes = m.search_rounds == 0 ? 0.0
                                              : static_cast<double>(m.search_bytes) /
                                                    static_cast<double>(m.search_rounds);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f / %.0f", rounds, bytes);
    table.Add({"rounds per search / bytes per round", buf, "view"});
  }
  table.Add({"raw store: entries grouped (pairs: equal values / keys / long prefixes)",
             n(m.raw_grouped_entries) + " (" + n(a.lab.raw.equal_values) + " / " +
                 n(a.lab.raw.equal_keys) + " / " + n(a.lab.raw.shared_prefixes) + ")",
             "lab"});
  if (a.lab.tags_attacked) {
    table.Add({"tags linked with public keys", n(a.lab.tags.links), "lab"});
  }
  if (t.HasTruth()) {
    table.Add({"repeated searches linked", n(s.repeat_pairs_linked) + " / " + n(s.repeat_pairs),
               "truth"});
    table.Add({"different keywords linked", n(s.false_links), "truth"});
    table.Add(
        {"sharing keyword pairs seen (exact)",
         n(s.sharing_pairs_seen) + " (" + n(s.sharing_pairs_exact) + ") / " + n(s.sharing_pairs),
         "truth"});
    table.Add({"searches whose count the volume gives", n(s.volume_exact) + " / " + n(s.searches),
               "truth"});
    table.Add({"(search, later update) of one keyword linked (other keywords)",
               n(s.own_link_pairs_linked) + " / " + n(s.own_link_pairs) + " (" +
                   n(s.other_link_pairs_linked) + " / " + n(s.other_link_pairs) + ")",
               "truth"});
    table.Add({"adds rewriting an entry of an earlier writer of their keyword (others)",
               n(s.own_rewrite_hits) + " / " + n(s.own_rewrite_pairs) + " (" +
                   n(s.other_rewrite_hits) + " / " + n(s.other_rewrite_pairs) + ")",
               "truth"});
    table.Add({"removals read by a later search of their keyword (others)",
               n(s.own_removal_pairs_read) + " / " + n(s.own_removal_pairs) + " (" +
                   n(s.other_removal_pairs_read) + " / " + n(s.other_removal_pairs) + ")",
               "truth"});
    table.Add({"removals writing what their addition wrote (other additions)",
               n(s.own_undo_hits) + " / " + n(s.own_undo_pairs) + " (" + n(s.other_undo_hits) +
                   " / " + n(s.other_undo_pairs) + ")",
               "truth"});
    table.Add({"backward privacy observed", leakage::ObservedBackwardType(m, s), "truth"});
    const leakage::ConjunctionLeakage& c = a.conjunctions;
    if (c.conjunctions > 0) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "%.1f / %.1f / %.1f", c.ResultPerQuery(),
                    c.ItemsBeyondPerQuery(), c.ReadsBeyondPerQuery());
      table.Add({"conjunctions: " + n(c.conjunctions) +
                     "; per query: result ids / items beyond it / entries read beyond it",
                 buf, "truth"});
      table.Add({"conjunction pairs sharing a term linked by a common read (others)",
                 n(c.sharing_pairs_linked) + " / " + n(c.sharing_pairs) + " (" +
                     n(c.other_pairs_linked) + " / " + n(c.other_pairs) + ")",
                 "truth"});
    }
  }
  std::string params;
  for (const std::string& p : t.view.params) params += (params.empty() ? "" : ",") + p;
  std::printf(
      "%s [%s]%s\n%s", t.view.scheme.c_str(), params.empty() ? "defaults" : params.c_str(),
      t.HasTruth() ? (" over " + t.truth.corpus).c_str() : " (no ground truth: nothing scored)",
      table.Render().c_str());
  if (!a.lab.tags.best_invariant.empty()) {
    std::printf("tag-linking invariant: %s\n", a.lab.tags.best_invariant.c_str());
  }
  std::printf("declared: %s\n", a.declared.Summary().c_str());
  if (a.conjunctions.conjunctions > 0) {
    std::printf("declared for conjunctions: %s\n", a.declared.Conjunction().c_str());
  }
  if (a.violations.empty()) {
    std::printf("observed within declared: yes\n");
    return 0;
  }
  for (const std::string& v : a.violations) std::printf("VIOLATION: %s\n", v.c_str());
  return kExitFailure;
}

}  // namespace sselab::tools
