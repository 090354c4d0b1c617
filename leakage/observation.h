// Observations: a transcript's server view, read the way the server can read it.
//
// Every byte string the server could compare (a stored entry, a request, a result item)
// is interned to a small integer, equal strings to equal integers, so measures and
// attacks work on integer sets. Only the view, the scheme's index::ViewFormat and what
// the lab links on its own (AtRestLinks: raw-store grouping, tag linking) are used:
// nothing here looks at the ground truth.
//
// Two rules do not trust the scheme's account:
//   - at-rest groups are the scheme's ViewFormat groups merged with the lab's links (tag
//     linking), and the raw store's own grouping is counted beside them;
//   - a search whose reply hands back an item that is the prefix or suffix of a stored
//     value (16 bytes or more) read that entry, even if the access record shows only a
//     scan of the whole table (a linear scheme returning the matching entries' boxes).
#ifndef SSELAB_LEAKAGE_OBSERVATION_H_
#define SSELAB_LEAKAGE_OBSERVATION_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/result.h"
#include "index/view_format.h"
#include "leakage/transcript.h"

namespace sselab::leakage {

// One operation as the server saw it. Id vectors are sorted and free of duplicates.
struct Observation {
  OpKind kind = OpKind::kSearch;
  uint32_t request = 0;  // interned concatenation of the operation's requests
  uint64_t request_bytes = 0;
  uint64_t reply_bytes = 0;
  uint32_t rounds = 0;            // request/reply exchanges
  std::vector<uint32_t> read;     // entries read (gets, multigets, scan visits)
  std::vector<uint32_t> scanned;  // prefixes scanned (interned like entries)
  std::vector<uint32_t> written;  // entries put or erased
  std::vector<uint32_t> items;    // result items of the replies (searches only)
  uint64_t volume = 0;            // result items, counted with repeats
  std::vector<uint32_t> groups;   // at-rest groups of the entries read (and, after
                                  // setup, written)
  bool failed = false;            // some reply was an error frame
  // A conjunctive search, marked by MarkConjunctions (conjunction_measure.h) from the
  // run's design, not inferred: the single-keyword measures and attacks, whose model is
  // one keyword per query, leave it out, and the conjunction measure takes it.
  bool conjunction = false;
  // Updates: the earlier searches (positions in ops, ascending) whose requests, kept by
  // the server and replayed, find what this update wrote (update_replay.h).
  std::vector<size_t> found_by;
  // Searches: the earlier removals whose scrambling makes a replay of this search return
  // more items (backward_replay.h): the server sees which results they cancel.
  std::vector<size_t> cancels_seen;
};

// What the setup left at rest.
struct AtRest {
  uint64_t entries = 0;
  uint64_t key_bytes = 0;
  uint64_t value_bytes = 0;
  std::map<uint64_t, uint64_t> value_sizes;                     // value size -> entries
  std::map<std::string, std::set<uint64_t>> table_value_sizes;  // table -> sizes seen
  std::map<uint32_t, uint64_t> groups;  // at-rest group -> entries (over all tables)
  // Entries the raw-store rules (raw_grouping.h) put in a group of two or more. A check,
  // not a grouping: the rules can join entries the server tells apart (plaintext
  // keywords sharing a long prefix), so they decide the declared check but do not merge
  // the groups the attacks use.
  uint64_t raw_grouped_entries = 0;
};

struct Observations {
  std::vector<Observation> ops;  // parallel to ServerView::ops
  AtRest at_rest;
  uint32_t distinct_entries = 0;  // interned (table, key) strings
  uint32_t distinct_items = 0;
};

// The name under which an entry is interned: table, NUL, key.
std::string EntryName(std::string_view table, ByteView key);

// What the lab groups at rest by itself: entries (by EntryName) with equal labels are one
// group, whatever the ViewFormat says.
struct AtRestLinks {
  std::map<std::string, uint32_t> label;
};

// kCorruption if a reply does not parse under `format`.
Result<Observations> Observe(const ServerView& view, const index::ViewFormat& format,
                             const AtRestLinks& links = {});

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_OBSERVATION_H_
