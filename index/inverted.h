// The inverted index of a corpus, in memory: the input of every static build.
#ifndef SSELAB_INDEX_INVERTED_H_
#define SSELAB_INDEX_INVERTED_H_

#include <functional>
#include <map>
#include <span>
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

// Called once per keyword (ordered by keyword length, then bytes) with its ascending ids.
using PostingListFn = std::function<Status(std::string_view keyword, std::span<const DocId> ids)>;

// Streams the posting lists of `corpus` to `fn` and returns the corpus statistics. The
// first error of the source or of `fn` stops the walk and is returned. This is the entry
// point static builds use: (keyword, id) pairs are sorted with a storage::ExternalSorter,
// so memory stays bounded (about 256 MiB of records) whatever the corpus size.
Result<BuildStats> ForEachPostingList(DocumentSource& corpus, const ProgressFn& progress,
                                      const PostingListFn& fn);

}  // namespace sselab::index

#endif  // SSELAB_INDEX_INVERTED_H_
