// The lab's own at-rest grouping of a server view: what the raw store shows
// (raw_grouping.h) and, for public-key schemes, what the tag-linking attack computes from
// the stored values and the public keys (attacks/tag_linking.h). Nothing here asks the
// scheme how its entries group.
#ifndef SSELAB_LEAKAGE_AT_REST_LINKS_H_
#define SSELAB_LEAKAGE_AT_REST_LINKS_H_

#include "index/scheme_info.h"
#include "leakage/attacks/tag_linking.h"
#include "leakage/observation.h"
#include "leakage/raw_grouping.h"
#include "leakage/transcript.h"

namespace sselab::leakage {

struct LabLinks {
  AtRestLinks links;  // for Observe
  RawGrouping raw;
  bool tags_attacked = false;  // the tag-linking attack ran (public-key schemes)
  attacks::TagLinks tags;
  // Entries over every operation's stored entries, in order: setup first, then updates.
  uint64_t entries = 0;
};

// Every entry the server ever stored in `view` (ServerOp::stored of every operation),
// grouped by the raw-store rules and, when `family` is kPeks, by the tag-linking attack
// with the view's public keys.
LabLinks LinkAtRest(const ServerView& view, index::Family family);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_AT_REST_LINKS_H_
