#include "index/inverted.h"

#include <algorithm>
#include <unordered_map>

#include "base/codec.h"
#include "storage/external_sorter.h"

namespace sselab::index {
namespace {

// The sort key of a (keyword, id) pair: varint len(w) | w | BE64 id, as ByteWriter would
// write it (ByteReader reads it back below).
void AppendPostingKey(std::string_view keyword, DocId id, Bytes& out) {
  for (uint64_t n = keyword.size(); true; n >>= 7) {
    if (n < 0x80) {
      out.push_back(static_cast<uint8_t>(n));
      break;
    }
    out.push_back(static_cast<uint8_t>(n | 0x80));
  }
  out.insert(out.end(), keyword.begin(), keyword.end());
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(id >> shift));
}

// The options of the innermost ScopedPostingSortOptions alive on this thread.
thread_local const PostingSortOptions* current_sort_options = nullptr;

}  // namespace

ScopedPostingSortOptions::ScopedPostingSortOptions(PostingSortOptions options)
    : options_(std::move(options)), previous_(current_sort_options) {
  current_sort_options = &options_;
}

ScopedPostingSortOptions::~ScopedPostingSortOptions() { current_sort_options = previous_; }

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
  storage::ExternalSorterOptions options{.encrypt_spills = true};
  if (current_sort_options != nullptr) {
    options.spill_parent = current_sort_options->spill_parent;
    if (current_sort_options->memory_budget > 0) {
      options.memory_budget = current_sort_options->memory_budget;
    }
  }
  SSELAB_ASSIGN_OR_RETURN(auto sorter, storage::ExternalSorter::Create(options));
  BuildStats stats;
  Document doc;
  Bytes key;  // reused: one record per pair, so no allocation per pair
  while (true) {
    SSELAB_ASSIGN_OR_RETURN(bool more, corpus.Next(doc));
    if (!more) break;
    ++stats.documents;
    for (const std::string& k : doc.keywords) {
      key.clear();
      AppendPostingKey(k, doc.id, key);
      SSELAB_RETURN_IF_ERROR(sorter->Add(key, {}));
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
