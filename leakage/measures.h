// Leakage measures: numbers computed from what the server saw (Observations), and scores
// that hold them against the ground truth.
//
// Measure (view only)                       Score (view against truth)
//   at rest: entries, sizes, groups           -
//   search pattern: classes of queries the    repeats the server recognised / all repeats,
//     server can tell apart (same request     and links between different keywords
//     or same entries touched)
//   access pattern: entries per query         -
//   result identifiers: items that recur      keyword pairs sharing a document whose
//     across queries of different classes     observed results intersect; exactly
//   volume: distinct reply volumes            queries whose true result count the volume
//                                             determines
//   forward privacy: updates touching         (search, later update) pairs linked so,
//     entries, prefixes or at-rest groups an    the update of the searched keyword
//     earlier search touched, or found by an    ("own") against of another ("other")
//     earlier search replayed on them
//   update tokens seen twice: adds writing    (add, earlier writer) pairs where the add
//     an entry written before                   rewrites the writer's entry, own
//                                               keyword against other
//   backward privacy: removals whose entries  removals of a searched keyword whose
//     a later search touched; removals that   entries the search read (its timestamps),
//     rewrite stored entries (adds do not);   against removals of other keywords; the
//     cancellations a replay shows            cancellations seen; the observed type
//   rounds and bytes per search               -
// papers/leakage.md defines each one.
#ifndef SSELAB_LEAKAGE_MEASURES_H_
#define SSELAB_LEAKAGE_MEASURES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "leakage/observation.h"
#include "leakage/transcript.h"

namespace sselab::leakage {

struct Measures {
  // At rest.
  uint64_t entries = 0;
  uint64_t key_bytes = 0;
  uint64_t value_bytes = 0;
  uint64_t value_size_classes = 0;  // distinct value sizes
  uint64_t varying_tables = 0;      // tables whose values differ in size
  uint64_t groups = 0;              // at-rest groups (== entries when keys stand alone)
  uint64_t largest_group = 0;
  uint64_t grouped_entries = 0;      // entries in groups of two or more
  uint64_t raw_grouped_entries = 0;  // entries the raw store groups (AtRest)
  // Searches.
  uint64_t searches = 0;
  uint64_t search_classes = 0;     // queries the server cannot tell apart, merged
  uint64_t read_entries = 0;       // entries read over all searches
  uint64_t items = 0;              // result items over all searches
  uint64_t recurring_items = 0;    // items seen in searches of two or more classes
  uint64_t cooccurring_pairs = 0;  // class pairs whose observed results intersect
  uint64_t volume_classes = 0;     // distinct volumes
  // Updates.
  uint64_t updates = 0;
  uint64_t updates_linked = 0;  // touching what an earlier search touched
  // Adds that write an entry the store already held (written by the setup or an earlier
  // update): an update token seen twice. 0 for every scheme on adds of new pairs; a
  // token reused for another entry would overwrite it.
  uint64_t adds_rewriting = 0;
  uint64_t rewritten_entries = 0;
  uint64_t removes = 0;
  uint64_t removes_resurfacing = 0;  // a later search touched what the removal wrote
  // Removals that rewrite or erase an entry the store already held: the server sees at
  // once which stored entry a removal undoes (unless adds rewrite entries too).
  uint64_t removes_rewriting = 0;
  // (search, earlier removal) pairs where scrambling the removal's entries makes the
  // search's replay return more items (backward_replay.h).
  uint64_t cancellations_seen = 0;
  // Searches: request/reply rounds and bytes over all of them.
  uint64_t search_rounds = 0;
  uint64_t search_bytes = 0;
};

struct Scores {
  uint64_t repeat_pairs = 0;         // search pairs for the same keyword
  uint64_t repeat_pairs_linked = 0;  // ... that the server put in one class
  uint64_t false_links = 0;          // pairs of different keywords in one class
  uint64_t sharing_pairs = 0;        // pairs of different keywords whose results share an id
  uint64_t sharing_pairs_seen = 0;   // ... whose observed results intersect
  uint64_t sharing_pairs_exact = 0;  // ... with the intersection size exact
  uint64_t volume_exact = 0;         // searches whose true count the volume determines
  uint64_t searches = 0;
  uint64_t updates_after_search = 0;  // updates of a keyword searched earlier
  uint64_t updates_after_search_linked = 0;
  // ... linked to searches of its keyword(s) only: the server tells which keyword the
  // update is for (an ORAM, which links every update to every search, identifies none).
  uint64_t updates_after_search_identified = 0;
  // Backward privacy: (search S, earlier removal R) pairs, R of S's keyword ("own") or of
  // another ("other"), and those where S read an entry whose last writer was R (the
  // server learns when R happened and that it concerns S's keyword).
  uint64_t own_removal_pairs = 0;
  uint64_t own_removal_pairs_read = 0;
  uint64_t other_removal_pairs = 0;
  uint64_t other_removal_pairs_read = 0;
  uint64_t own_cancellations_seen = 0;  // own pairs the cancellation replay flags
  // Removals undoing additions at update time: (removal R of (w, id), earlier single-pair
  // addition A) pairs, A of the same pair ("own": the last such addition) or of another,
  // and those where R wrote or erased an entry A wrote (the server sees which stored
  // entry R undoes as it arrives).
  uint64_t own_undo_pairs = 0;
  uint64_t own_undo_hits = 0;
  uint64_t other_undo_pairs = 0;
  uint64_t other_undo_hits = 0;
  // Forward privacy: (search S, later update U) pairs, U of S's keyword ("own") or not,
  // and those where U touches what S touched or S's replayed requests find U.
  uint64_t own_link_pairs = 0;
  uint64_t own_link_pairs_linked = 0;
  uint64_t other_link_pairs = 0;
  uint64_t other_link_pairs_linked = 0;
  // Update tokens seen twice: (add A, earlier writing operation B) pairs, B of one of A's
  // keywords or the setup ("own") or not, and those where A writes an entry B wrote.
  uint64_t own_rewrite_pairs = 0;
  uint64_t own_rewrite_hits = 0;
  uint64_t other_rewrite_pairs = 0;
  uint64_t other_rewrite_hits = 0;

  double SearchPatternRate() const;     // repeat_pairs_linked / repeat_pairs (0 if none)
  double SharingRate() const;           // sharing_pairs_seen / sharing_pairs
  double VolumeRate() const;            // volume_exact / searches
  double OwnRemovalReadRate() const;    // own_removal_pairs_read / own_removal_pairs
  double OtherRemovalReadRate() const;  // other_removal_pairs_read / other_removal_pairs
  double OwnUndoRate() const;           // own_undo_hits / own_undo_pairs
  double OtherUndoRate() const;         // other_undo_hits / other_undo_pairs
};

// Search operations grouped into the classes the server can tell apart: two searches are
// in one class if they sent the same request bytes, or read the same non-empty entry set,
// or the later one read every entry the earlier one read (a repeat over a grown index),
// and transitively. Index i of the result is the class of the i-th search.
std::vector<uint32_t> SearchClasses(const Observations& obs);

Measures Measure(const Observations& obs);
Scores Score(const Observations& obs, const GroundTruth& truth);

// The backward-privacy type the run shows (papers/leakage.md, "Backward privacy"):
//   "-"          no removal was followed by a search of its keyword: nothing to observe;
//   "weakest"    removals write or erase the entries their pair's addition wrote (own
//                undo rate above the rate for other additions by at least 0.5): the
//                server links a removal to what it undoes as it arrives;
//   "Type-III"   a replay shows which removal cancels which result;
//   "Type-II"    searches read the removals of their keyword (own read rate above the
//                other-keyword rate by at least 0.5): the server learns when they were;
//   "Type-I"     none of these.
std::string ObservedBackwardType(const Measures& m, const Scores& s);

// Whether own pairs are hit more often than the baseline of other pairs explains: some own
// hit while no other pair is hit (unrelated operations never link, so every own link
// tells), or the own rate above the other rate by at least four standard errors (a
// two-proportion z-test, pooled). An ORAM links every operation to every other through
// the root bucket: own and other rates are both 1, nothing exceeds the baseline.
bool ExceedsBaseline(uint64_t own_hits, uint64_t own_pairs, uint64_t other_hits,
                     uint64_t other_pairs);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_MEASURES_H_
