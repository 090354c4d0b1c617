// Documents and streams of documents: what every scheme indexes.
#ifndef SSELAB_INDEX_DOCUMENT_H_
#define SSELAB_INDEX_DOCUMENT_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace sselab::index {

using DocId = uint64_t;

// Puts a search result in the form every client returns: ascending, each id once. A list
// that arrives sorted (most do: setups store posting lists in corpus order) is not sorted
// again, which at 10^4 results was a tenth of a search's time.
inline void SortUnique(std::vector<DocId>& ids) {
  if (!std::is_sorted(ids.begin(), ids.end())) std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

// Keyword limits enforced by every corpus reader and every scheme.
inline constexpr size_t kMaxKeywordBytes = 1024;

struct Document {
  DocId id = 0;
  std::vector<std::string> keywords;  // distinct, each 1..kMaxKeywordBytes bytes
};

// A pull stream of documents with distinct ids.
class DocumentSource {
 public:
  virtual ~DocumentSource() = default;
  // Fills `out` and returns true, or returns false at the end. Errors name the position
  // (file and line) of the offending input.
  virtual Result<bool> Next(Document& out) = 0;
  // Where the stream is, for messages ("corpus.jsonl line 12").
  virtual std::string Position() const = 0;
};

// A source over documents held in memory (tests, synthetic corpora).
class VectorDocumentSource : public DocumentSource {
 public:
  explicit VectorDocumentSource(std::vector<Document> docs) : docs_(std::move(docs)) {}
  Result<bool> Next(Document& out) override {
    if (pos_ == docs_.size()) return false;
    out = docs_[pos_++];
    return true;
  }
  std::string Position() const override { return "document " + std::to_string(pos_); }

 private:
  std::vector<Document> docs_;
  size_t pos_ = 0;
};

// kInvalidArgument if `keyword` is empty or longer than kMaxKeywordBytes.
Status ValidateKeyword(std::string_view keyword);

}  // namespace sselab::index

#endif  // SSELAB_INDEX_DOCUMENT_H_
