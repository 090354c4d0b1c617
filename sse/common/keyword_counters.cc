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

std::string KeywordCounters::StateKey(std::string_view keyword) const {
  const crypto::SecretKey k = keys_.Derive(0, keyword);
  return std::string(AsChars(k.UnsafeBytes()));
}

Result<std::vector<uint64_t>> KeywordCounters::Get(std::span<const std::string_view> keywords) {
  std::vector<uint64_t> counts(keywords.size(), 0);
  std::vector<std::string> keys;
  std::vector<size_t> slots;  // of the keywords not cached
  for (size_t i = 0; i < keywords.size(); ++i) {
    std::string key = StateKey(keywords[i]);
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      counts[i] = it->second;
      continue;
    }
    keys.push_back(std::move(key));
    slots.push_back(i);
  }
  if (keys.empty()) return counts;
  std::vector<ByteView> views;
  views.reserve(keys.size());
  for (const std::string& k : keys) views.push_back(AsBytes(k));
  SSELAB_ASSIGN_OR_RETURN(auto values, state_->MultiGet(kTable, views));
  if (cache_.size() + keys.size() > kMaxCached) cache_.clear();
  for (size_t j = 0; j < values.size(); ++j) {
    const size_t i = slots[j];
    if (!values[j].has_value()) {
      cache_.emplace(std::move(keys[j]), 0);
      continue;
    }
    ByteReader r(*values[j], "client-state counter");
    Result<uint64_t> c = r.Varint();
    if (!c.ok() || !r.ExpectEnd().ok()) {
      return CorruptionError("client state: a keyword counter does not decode (" +
                             std::to_string(values[j]->size()) + " bytes)");
    }
    counts[i] = *c;
    cache_.emplace(std::move(keys[j]), *c);
  }
  return counts;
}

Result<uint64_t> KeywordCounters::Get(std::string_view keyword) {
  SSELAB_ASSIGN_OR_RETURN(std::vector<uint64_t> c,
                          Get(std::span<const std::string_view>(&keyword, 1)));
  return c[0];
}

void KeywordCounters::Set(storage::WriteBatch& batch, std::string_view keyword, uint64_t count) {
  ByteWriter w;
  w.Varint(count);
  std::string key = StateKey(keyword);
  batch.Put(kTable, AsBytes(key), w.bytes());
  if (cache_.size() >= kMaxCached) cache_.clear();
  cache_[std::move(key)] = count;
}

Status CounterBuildWriter::Set(std::string_view keyword, uint64_t count) {
  counters_.Set(writes_, keyword, count);
  if (++staged_ < batch_) return OkStatus();
  SSELAB_RETURN_IF_ERROR(state_.Write(writes_));
  writes_.Clear();
  staged_ = 0;
  return OkStatus();
}

Status CounterBuildWriter::Finish() {
  if (!writes_.empty()) SSELAB_RETURN_IF_ERROR(state_.Write(writes_));
  writes_.Clear();
  staged_ = 0;
  return state_.Sync();
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
