#include "leakage/declared_check.h"

namespace sselab::leakage {
namespace {

std::string N(uint64_t v) { return std::to_string(v); }

// Backward-privacy types by strength: 1 (Type-I) is the strongest; 0 for no claim.
int BackwardRank(const std::string& type) {
  if (type == "Type-I") return 1;
  if (type == "Type-II") return 2;
  if (type == "Type-III") return 3;
  if (type == "weakest") return 4;
  return 0;
}

// ExceedsBaseline over the pairs the scores hold, or `view_only` without any (a
// transcript without ground truth: every link counts).
bool BeyondBaselineOr(uint64_t own_hits, uint64_t own_pairs, uint64_t other_hits,
                      uint64_t other_pairs, bool view_only) {
  if (own_pairs + other_pairs == 0) return view_only;
  return ExceedsBaseline(own_hits, own_pairs, other_hits, other_pairs);
}

}  // namespace

std::vector<std::string> CheckDeclared(const index::LeakageProfile& declared,
                                       const Measures& measured, const Scores& scores) {
  std::vector<std::string> violations;
  if (!declared.search_pattern && scores.repeat_pairs_linked > 0) {
    violations.push_back("declares no search pattern, but the server linked " +
                         N(scores.repeat_pairs_linked) + " of " + N(scores.repeat_pairs) +
                         " repeated-search pairs");
  }
  if (!declared.result_ids && measured.recurring_items > 0) {
    violations.push_back("declares result ids hidden, but " + N(measured.recurring_items) +
                         " result items recur across searches the server tells apart");
  }
  if (!declared.volume && measured.volume_classes > 1) {
    violations.push_back("declares volume hidden, but replies have " + N(measured.volume_classes) +
                         " distinct volumes");
  }
  if (!declared.at_rest_frequency && (measured.grouped_entries > 0 || measured.varying_tables > 0 ||
                                      measured.raw_grouped_entries > 0)) {
    violations.push_back("declares no at-rest frequency, but " + N(measured.grouped_entries) +
                         " stored entries share an at-rest group (largest: " +
                         N(measured.largest_group) + "), " + N(measured.raw_grouped_entries) +
                         " group in the raw store (equal values or keys, long key prefixes) and " +
                         N(measured.varying_tables) + " tables hold values of varying size");
  }
  // Forward privacy: updates linked to earlier searches beyond what unrelated pairs show.
  // Without ground truth there are no pairs, and every link counts.
  const bool linked = BeyondBaselineOr(scores.own_link_pairs_linked, scores.own_link_pairs,
                                       scores.other_link_pairs_linked, scores.other_link_pairs,
                                       measured.updates_linked > 0);
  if (declared.forward_private && linked) {
    violations.push_back("declares forward privacy, but " + N(measured.updates_linked) + " of " +
                         N(measured.updates) + " updates touch what an earlier search touched (" +
                         N(scores.own_link_pairs_linked) + " of " + N(scores.own_link_pairs) +
                         " pairs of a search and a later update of its keyword linked, against " +
                         N(scores.other_link_pairs_linked) + " of " + N(scores.other_link_pairs) +
                         " of other keywords)");
  }
  // A forward-private scheme never puts an update token twice: a repeat would overwrite an
  // entry and link the two updates. (The padded blind index rewrites its padding slots by
  // design; it declares no forward privacy.) An ORAM rewrites every path it reads, for
  // every keyword alike: only rewrites beyond that baseline count.
  const bool rewrites =
      BeyondBaselineOr(scores.own_rewrite_hits, scores.own_rewrite_pairs, scores.other_rewrite_hits,
                       scores.other_rewrite_pairs, measured.adds_rewriting > 0);
  if (declared.forward_private && rewrites) {
    violations.push_back(N(measured.adds_rewriting) + " adds wrote " +
                         N(measured.rewritten_entries) +
                         " entries the store already held (an update token seen twice; " +
                         N(scores.own_rewrite_hits) + " of " + N(scores.own_rewrite_pairs) +
                         " pairs of an add and an earlier writer of its keyword, against " +
                         N(scores.other_rewrite_hits) + " of " + N(scores.other_rewrite_pairs) +
                         " of other keywords)");
  }
  const std::string observed = ObservedBackwardType(measured, scores);
  const int claimed = BackwardRank(declared.backward_privacy);
  if (claimed > 0 && BackwardRank(observed) > claimed) {
    violations.push_back("declares " + declared.backward_privacy +
                         " backward privacy, but the run shows " + observed + " (" +
                         N(scores.own_undo_hits) + " of " + N(scores.own_undo_pairs) +
                         " removals write what their pair's addition wrote, " +
                         N(scores.own_cancellations_seen) + " cancellations seen by replay, " +
                         N(scores.own_removal_pairs_read) + " of " + N(scores.own_removal_pairs) +
                         " removals of a searched keyword read by its search, against " +
                         N(scores.other_removal_pairs_read) + " of " +
                         N(scores.other_removal_pairs) + " of other keywords)");
  }
  return violations;
}

}  // namespace sselab::leakage
