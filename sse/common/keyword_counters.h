// KeywordCounters: how many updates each keyword has had, in the client-state store.
//
// Table `counters`: key = F(K_state, w) (16 bytes; F is AES-CMAC under a key derived from
// the master key for the scheme, so a copy of DIR/client/ without the key file reveals no
// keyword), value = varint count. The forward-private schemes derive every update token
// of w from this count (Sophos: Bost CCS'16, Alg. 1 "W[w]"; Diana: BMO CCS'17, Alg. 1
// "W[w]"), so the count is what the crash rule protects (update_journal.h).
// Counts are cached in memory: one KeywordCounters (one client) per state store.
#ifndef SSELAB_SSE_COMMON_KEYWORD_COUNTERS_H_
#define SSELAB_SSE_COMMON_KEYWORD_COUNTERS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "index/document.h"
#include "sse/common/keyword_keys.h"
#include "storage/store.h"

namespace sselab::sse {

class KeywordCounters {
 public:
  static constexpr std::string_view kTable = "counters";

  // `state` outlives the object. `purpose` names the key, e.g. "diana/state".
  static Result<KeywordCounters> Open(storage::Store& state, const crypto::SecretKey& master,
                                      std::string_view purpose);

  // The count of each keyword (0 if it never had an update), in the order given.
  // kCorruption naming the state store for a value that does not decode.
  Result<std::vector<uint64_t>> Get(std::span<const std::string_view> keywords);
  Result<uint64_t> Get(std::string_view keyword);
  // Stages count(keyword) = `count` in `batch`; Get returns it from now on (counts only
  // grow, so a batch that then fails to commit can only make later tokens skip counters,
  // never reuse one). After a failed commit, call Forget(): the store is then read again.
  void Set(storage::WriteBatch& batch, std::string_view keyword, uint64_t count);
  void Forget() { cache_.clear(); }

 private:
  KeywordCounters(storage::Store& state, KeywordKeys keys)
      : state_(&state), keys_(std::move(keys)) {}
  std::string StateKey(std::string_view keyword) const;

  // Bounds the memory of the cache: past it, the cache starts over.
  static constexpr size_t kMaxCached = 1 << 20;

  storage::Store* state_;
  KeywordKeys keys_;
  // Counts known to be in the store, by state key: searches of a keyword and batches
  // that touch it again skip the store's read.
  std::unordered_map<std::string, uint64_t> cache_;
};

// The counts a build sets (every keyword once), written in batches of `batch` keywords and
// synced by Finish(). No journal: a build that fails is discarded whole.
class CounterBuildWriter {
 public:
  // `counters` and `state` outlive the writer.
  CounterBuildWriter(KeywordCounters& counters, storage::Store& state, size_t batch = 1 << 14)
      : counters_(counters), state_(state), batch_(batch) {}
  Status Set(std::string_view keyword, uint64_t count);
  Status Finish();

 private:
  KeywordCounters& counters_;
  storage::Store& state_;
  size_t batch_;
  storage::WriteBatch writes_;
  size_t staged_ = 0;
};

// The pairs of an update batch grouped by keyword: keywords in ascending order, each with
// its ids in batch order. Views point into `docs`.
struct KeywordGroup {
  std::string_view keyword;
  std::vector<index::DocId> ids;
};
std::vector<KeywordGroup> GroupByKeyword(std::span<const index::Document> docs);

}  // namespace sselab::sse

#endif  // SSELAB_SSE_COMMON_KEYWORD_COUNTERS_H_
