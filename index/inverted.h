// The inverted index of a corpus, in memory: the input of every static build.
#ifndef SSELAB_INDEX_INVERTED_H_
#define SSELAB_INDEX_INVERTED_H_

#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "index/client.h"
#include "index/document.h"

namespace sselab::index {

struct InvertedIndex {
  // keyword -> ascending ids; keywords in bytewise order.
  std::map<std::string, std::vector<DocId>> postings;
  BuildStats stats;
};

// Reads every document of `corpus`. Errors of the source pass through unchanged.
// Reports progress as ("reading corpus", documents read).
Result<InvertedIndex> Invert(DocumentSource& corpus, const ProgressFn& progress);

}  // namespace sselab::index

#endif  // SSELAB_INDEX_INVERTED_H_
