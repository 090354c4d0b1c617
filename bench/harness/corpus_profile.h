// One pass over a corpus: its hash, keyword frequencies, and (second pass) the exact
// answers for a chosen set of query keywords.
#ifndef SSELAB_BENCH_HARNESS_CORPUS_PROFILE_H_
#define SSELAB_BENCH_HARNESS_CORPUS_PROFILE_H_

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench/harness/spec.h"
#include "index/document.h"

namespace sselab::harness {

struct CorpusProfile {
  std::string name;    // file path or synth: URI, as given to `sselab index build`
  std::string sha256;  // over the documents as read: BE64 id, then each keyword + NUL
  uint64_t documents = 0;
  uint64_t pairs = 0;
  std::unordered_map<std::string, uint64_t> frequency;
};

Result<CorpusProfile> ProfileCorpus(const BenchSpec& spec);

// The query keywords of a search workload: planted keywords, or `count` keywords spread
// evenly over the frequency ranks (most frequent first, ties by keyword).
std::vector<std::string> ChooseQueries(const BenchSpec& spec, const Workload& workload,
                                       const CorpusProfile& profile);

// keyword -> ascending ids, for `queries` only.
Result<std::map<std::string, std::vector<index::DocId>>> Oracle(
    const CorpusProfile& profile, const std::vector<std::string>& queries);

}  // namespace sselab::harness

#endif  // SSELAB_BENCH_HARNESS_CORPUS_PROFILE_H_
