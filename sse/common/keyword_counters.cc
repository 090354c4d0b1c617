#include "sse/common/keyword_counters.h"

#include <algorithm>

#include "base/codec.h"

namespace sselab::sse {

Result<KeywordCounters> KeywordCounters::Open(storage::Store& state,
                                              const crypto::SecretKey& master,
                                              std::string_view purpose) {
  SSELAB_RETURN_IF_ERROR(state.CreateTable(kTable, {}));
  SSELAB_ASSIGN_OR_RETURN(KeywordKeys keys, KeywordKeys::Create(master, purpose));
  return KeywordCounters(state, std::move(keys));
}

Bytes KeywordCounters::StateKey(std::string_view keyword) const {
  return ToBytes(keys_.Derive(0, keyword).UnsafeBytes());
}

Result<std::vector<uint64_t>> KeywordCounters::Get(std::span<const std::string_view> keywords) {
  std::vector<Bytes> keys;
  keys.reserve(keywords.size());
  for (std::string_view w : keywords) keys.push_back(StateKey(w));
  std::vector<ByteView> views(keys.begin(), keys.end());
  SSELAB_ASSIGN_OR_RETURN(auto values, state_->MultiGet(kTable, views));
  std::vector<uint64_t> counts(keywords.size(), 0);
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values[i].has_value()) continue;
    ByteReader r(*values[i], "client-state counter");
    Result<uint64_t> c = r.Varint();
    if (!c.ok() || !r.ExpectEnd().ok()) {
      return CorruptionError("client state: a keyword counter does not decode (" +
                             std::to_string(values[i]->size()) + " bytes)");
    }
    counts[i] = *c;
  }
  return counts;
}

Result<uint64_t> KeywordCounters::Get(std::string_view keyword) {
  SSELAB_ASSIGN_OR_RETURN(std::vector<uint64_t> c,
                          Get(std::span<const std::string_view>(&keyword, 1)));
  return c[0];
}

void KeywordCounters::Set(storage::WriteBatch& batch, std::string_view keyword,
                          uint64_t count) const {
  ByteWriter w;
  w.Varint(count);
  batch.Put(kTable, StateKey(keyword), w.bytes());
}

std::vector<KeywordGroup> GroupByKeyword(std::span<const index::Document> docs) {
  std::vector<std::pair<std::string_view, index::DocId>> pairs;
  for (const index::Document& d : docs) {
    for (const std::string& w : d.keywords) pairs.emplace_back(w, d.id);
  }
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<KeywordGroup> groups;
  for (const auto& [w, id] : pairs) {
    if (groups.empty() || groups.back().keyword != w) groups.push_back({w, {}});
    groups.back().ids.push_back(id);
  }
  return groups;
}

}  // namespace sselab::sse
