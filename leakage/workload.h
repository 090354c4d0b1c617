// Workloads for leakage runs: which keywords are searched, repeated and updated.
//
// Searches draw keywords uniformly from the `pool` most frequent keywords of the corpus
// (the setting of the count and IKK attack papers, which target frequent keywords); a
// `repeat` fraction of them repeats a keyword searched before. For dynamic schemes,
// `inserts` new (keyword, fresh id) pairs follow, half of them for keywords already
// searched; then `removes` of those inserted pairs; then each updated keyword is searched
// once more (so backward privacy can be observed). Deterministic in `seed`.
#ifndef SSELAB_LEAKAGE_WORKLOAD_H_
#define SSELAB_LEAKAGE_WORKLOAD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "index/document.h"
#include "leakage/transcript.h"

namespace sselab::leakage {

// Keywords of a corpus by number of documents, most frequent first (ties by keyword).
struct KeywordCounts {
  std::vector<std::pair<std::string, uint64_t>> ranked;
  uint64_t documents = 0;
  index::DocId max_id = 0;
};
KeywordCounts CountKeywords(const std::vector<index::Document>& docs);

// Reads a whole corpus into memory.
Result<std::vector<index::Document>> ReadAll(index::DocumentSource& source);

struct WorkloadSpec {
  uint64_t searches = 100;
  uint64_t pool = 500;
  double repeat = 0.2;
  uint64_t inserts = 0;
  uint64_t removes = 0;
  uint64_t seed = 1;
};
// kInvalidArgument naming the field that is out of range.
Status ValidateWorkloadSpec(const WorkloadSpec& spec);

struct WorkloadOp {
  OpKind kind = OpKind::kSearch;
  std::string keyword;
  index::DocId id = 0;  // inserts and removes
};

std::vector<WorkloadOp> MakeWorkload(const KeywordCounts& counts, const WorkloadSpec& spec);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_WORKLOAD_H_
