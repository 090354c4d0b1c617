#include "index/inverted.h"

#include <algorithm>
#include <unordered_map>

#include "base/codec.h"
#include "storage/external_sorter.h"

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
  // Sort (keyword, id) records externally: key = varint len(w) | w | BE64 id.
  SSELAB_ASSIGN_OR_RETURN(auto sorter, storage::ExternalSorter::Create({}));
  BuildStats stats;
  Document doc;
  while (true) {
    SSELAB_ASSIGN_OR_RETURN(bool more, corpus.Next(doc));
    if (!more) break;
    ++stats.documents;
    for (const std::string& k : doc.keywords) {
      ByteWriter key(k.size() + 10);
      key.LengthPrefixed(k);
      key.U64(doc.id);
      SSELAB_RETURN_IF_ERROR(sorter->Add(key.bytes(), {}));
    }
    stats.pairs += doc.keywords.size();
    if (progress && stats.documents % 4096 == 0) progress("reading corpus", stats.documents);
  }
  SSELAB_ASSIGN_OR_RETURN(storage::EntrySource * sorted, sorter->Finish());
  std::string keyword;
  std::vector<DocId> ids;
  storage::Entry e;
  auto flush = [&]() -> Status {
    if (ids.empty()) return OkStatus();
    ++stats.keywords;
    Status s = fn(keyword, ids);
    ids.clear();
    return s;
  };
  while (true) {
    SSELAB_ASSIGN_OR_RETURN(bool more, sorted->Next(e));
    if (!more) break;
    ByteReader r(e.key, "sorted posting");
    SSELAB_ASSIGN_OR_RETURN(ByteView k, r.LengthPrefixed(kMaxKeywordBytes));
    SSELAB_ASSIGN_OR_RETURN(uint64_t id, r.U64());
    if (AsChars(k) != keyword) {
      SSELAB_RETURN_IF_ERROR(flush());
      keyword.assign(AsChars(k));
    }
    ids.push_back(id);
  }
  SSELAB_RETURN_IF_ERROR(flush());
  return stats;
}

}  // namespace sselab::index
