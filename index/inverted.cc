#include "index/inverted.h"

#include <algorithm>
#include <unordered_map>

namespace sselab::index {

Result<InvertedIndex> Invert(DocumentSource& corpus, const ProgressFn& progress) {
  std::unordered_map<std::string, std::vector<DocId>> lists;
  InvertedIndex out;
  Document doc;
  while (true) {
    SSELAB_ASSIGN_OR_RETURN(bool more, corpus.Next(doc));
    if (!more) break;
    ++out.stats.documents;
    for (std::string& k : doc.keywords) lists[std::move(k)].push_back(doc.id);
    out.stats.pairs += doc.keywords.size();
    if (progress && out.stats.documents % 4096 == 0) {
      progress("reading corpus", out.stats.documents);
    }
  }
  for (auto& [keyword, ids] : lists) {
    std::sort(ids.begin(), ids.end());
    out.postings.emplace(keyword, std::move(ids));
  }
  out.stats.keywords = out.postings.size();
  return out;
}

Result<BuildStats> ForEachPostingList(DocumentSource& corpus, const ProgressFn& progress,
                                      const PostingListFn& fn) {
  SSELAB_ASSIGN_OR_RETURN(InvertedIndex inverted, Invert(corpus, progress));
  for (const auto& [keyword, ids] : inverted.postings) SSELAB_RETURN_IF_ERROR(fn(keyword, ids));
  return inverted.stats;
}

}  // namespace sselab::index
