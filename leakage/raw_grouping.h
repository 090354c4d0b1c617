// At-rest grouping read from the raw store, without the scheme's own account.
//
// ViewFormat::at_rest_group is what a scheme says its server can group. The lab does not
// take that on trust: it reads the entries the server holds (ServerOp::stored, straight
// from the store) and groups any two that share
//   - a value (byte-equal values in one table),
//   - a key (the same key bytes in two tables),
//   - a key prefix longer than random keys share: in a table of n entries, keys are
//     joined when their common prefix is at least PrefixThreshold(n) bytes, the length
//     two of n uniformly random keys share with probability below 2^-20.
// Entries grouped here are grouped in the measures whatever the scheme declares; the
// declared check then fails a scheme whose raw store shows structure it declares absent.
// Entries stored again under the same table and key (a rewritten location) are joined as
// one location, not counted under any rule. Value sizes are checked separately
// (AtRest::table_value_sizes). The index layer's own table (index::kMetaTable) is not part of the
// index and is left out.
#ifndef SSELAB_LEAKAGE_RAW_GROUPING_H_
#define SSELAB_LEAKAGE_RAW_GROUPING_H_

#include <cstdint>
#include <span>
#include <vector>

#include "leakage/transcript.h"

namespace sselab::leakage {

struct RawGrouping {
  // label[i]: a group number for entries[i]; equal numbers = one group.
  std::vector<uint32_t> label;
  // Pairs of entries joined by each rule (a pair may count under several).
  uint64_t equal_values = 0;
  uint64_t equal_keys = 0;
  uint64_t shared_prefixes = 0;
};

// Bytes of common prefix that two of n random keys reach with probability below 2^-20.
size_t PrefixThreshold(size_t n);

// `entries` point into a view and must stay valid during the call.
RawGrouping GroupRaw(std::span<const StoredEntry* const> entries);
RawGrouping GroupRaw(std::span<const StoredEntry> entries);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_RAW_GROUPING_H_
