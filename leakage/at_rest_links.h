// The lab's own at-rest grouping of a server view: what the raw store shows
// (raw_grouping.h) and, for public-key schemes, what the tag-linking attack computes from
// the stored values and the public keys (attacks/tag_linking.h). Nothing here asks the
// scheme how its entries group.
//
// The two play different roles. Tag links are exact (an algebraic invariant equal for
// two tags), so they join the at-rest groups that the measures and the frequency attack
// use. The raw-store rules are evidence of structure, not a partition the server would
// act on (two plaintext keywords sharing a long prefix are still two keywords), so they
// are counted (raw_grouped_entries) and decide the declared check only.
#ifndef SSELAB_LEAKAGE_AT_REST_LINKS_H_
#define SSELAB_LEAKAGE_AT_REST_LINKS_H_

#include "index/scheme_info.h"
#include "leakage/attacks/tag_linking.h"
#include "leakage/observation.h"
#include "leakage/raw_grouping.h"
#include "leakage/transcript.h"

namespace sselab::leakage {

struct LabLinks {
  AtRestLinks links;  // for Observe: tag links
  RawGrouping raw;
  // Locations (table, key) in raw groups of two or more locations.
  uint64_t raw_grouped_entries = 0;
  bool tags_attacked = false;  // the tag-linking attack ran (public-key schemes)
  attacks::TagLinks tags;
};

// Every entry the server ever stored in `view` (ServerOp::stored of every operation),
// grouped by the raw-store rules and, when `family` is kPeks, by the tag-linking attack
// with the view's public keys.
LabLinks LinkAtRest(const ServerView& view, index::Family family);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_AT_REST_LINKS_H_
