// The inverted index of a corpus, in memory: the input of every static build.
#ifndef SSELAB_INDEX_INVERTED_H_
#define SSELAB_INDEX_INVERTED_H_

#include <cstdint>
#include <filesystem>
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
// so memory stays bounded (about 256 MiB of records) whatever the corpus size. The pairs
// are the client's plaintext, so whatever the sort spills is sealed under a key that only
// lives in memory; where it goes is set by ScopedPostingSortOptions (kIoError naming the
// directory if it cannot be written).
Result<BuildStats> ForEachPostingList(DocumentSource& corpus, const ProgressFn& progress,
                                      const PostingListFn& fn);

// Where and with what budget ForEachPostingList sorts.
struct PostingSortOptions {
  // A directory private to the client (0700), which the client cleans after a crash.
  // Empty: the system temp directory.
  std::filesystem::path spill_parent;
  // Bytes of records held before spilling; 0: the ExternalSorter default (256 MiB).
  uint64_t memory_budget = 0;
};

// Sets the PostingSortOptions of ForEachPostingList calls made on this thread while it
// lives; the options in force before come back when it is destroyed. Schemes call
// ForEachPostingList from Client::Build, which has no parameter for them, so
// EncryptedIndex::Create sets them around Build (spills go to the client directory of the
// build's staging directory). REQUIRES: destroyed on the thread that made it, in reverse
// order of construction.
class ScopedPostingSortOptions {
 public:
  explicit ScopedPostingSortOptions(PostingSortOptions options);
  ~ScopedPostingSortOptions();
  ScopedPostingSortOptions(const ScopedPostingSortOptions&) = delete;
  ScopedPostingSortOptions& operator=(const ScopedPostingSortOptions&) = delete;

 private:
  PostingSortOptions options_;
  const PostingSortOptions* previous_;
};

}  // namespace sselab::index

#endif  // SSELAB_INDEX_INVERTED_H_
