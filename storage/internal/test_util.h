// Helpers shared by the storage tests.
#ifndef SSELAB_STORAGE_INTERNAL_TEST_UTIL_H_
#define SSELAB_STORAGE_INTERNAL_TEST_UTIL_H_

#include <string>
#include <utility>
#include <vector>

#include "storage/store.h"

namespace sselab::storage::internal {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

// Every entry of `table` under `prefix`, as strings; empty on error (tests check it first).
inline KeyValues ScanAll(Store& store, std::string_view table, std::string_view prefix = "") {
  KeyValues out;
  const Status s = store.Scan(table, AsBytes(prefix), [&](ByteView key, ByteView value) {
    out.emplace_back(ToString(key), ToString(value));
    return true;
  });
  if (!s.ok()) return {{"<scan failed>", s.error().ToString()}};
  return out;
}

// `prefix` followed by `n` in decimal.
inline std::string Numbered(std::string_view prefix, uint64_t n) {
  std::string out(prefix);
  out += std::to_string(n);
  return out;
}

inline Entry MakeEntry(std::string_view key, std::string_view value) {
  return {ToBytes(key), ToBytes(value)};
}

// An EntrySource that yields `entries` and then fails with `error` instead of ending.
class FailingSource : public EntrySource {
 public:
  FailingSource(std::vector<Entry> entries, Error error)
      : entries_(std::move(entries)), error_(std::move(error)) {}
  Result<bool> Next(Entry& out) override {
    if (pos_ == entries_.size()) return error_;
    out = entries_[pos_++];
    return true;
  }

 private:
  std::vector<Entry> entries_;
  Error error_;
  size_t pos_ = 0;
};

// `n` entries with 8-byte big-endian counter keys (bytewise order = numeric order).
inline std::vector<Entry> CounterEntries(uint64_t n, size_t value_size = 16) {
  std::vector<Entry> out;
  out.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    Bytes key(8);
    for (int b = 0; b < 8; ++b) key[7 - b] = static_cast<uint8_t>(i >> (8 * b));
    out.push_back({std::move(key), Bytes(value_size, static_cast<uint8_t>(i))});
  }
  return out;
}

}  // namespace sselab::storage::internal

#endif  // SSELAB_STORAGE_INTERNAL_TEST_UTIL_H_
