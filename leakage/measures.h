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
//   forward privacy: updates touching         -
//     entries, prefixes or at-rest groups an
//     earlier search touched, or found by an
//     earlier search replayed on them
//   update tokens seen twice: adds writing  -
//     an entry written before
//   backward privacy: removals whose entries  -
//     a later search touched
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

  double SearchPatternRate() const;  // repeat_pairs_linked / repeat_pairs (0 if none)
  double SharingRate() const;        // sharing_pairs_seen / sharing_pairs
  double VolumeRate() const;         // volume_exact / searches
};

// Search operations grouped into the classes the server can tell apart: two searches are
// in one class if they sent the same request bytes, or read the same non-empty entry set,
// or the later one read every entry the earlier one read (a repeat over a grown index),
// and transitively. Index i of the result is the class of the i-th search.
std::vector<uint32_t> SearchClasses(const Observations& obs);

Measures Measure(const Observations& obs);
Scores Score(const Observations& obs, const GroundTruth& truth);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_MEASURES_H_
