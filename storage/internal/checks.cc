#include "storage/internal/checks.h"

#include <algorithm>
#include <cstring>

namespace sselab::storage::internal {

int CompareBytes(ByteView a, ByteView b) {
  const size_t n = std::min(a.size(), b.size());
  const int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (c != 0) return c;
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

bool StartsWith(ByteView key, ByteView prefix) {
  return key.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), key.begin());
}

std::optional<Bytes> PrefixSuccessor(ByteView prefix) {
  Bytes out(prefix.begin(), prefix.end());
  while (!out.empty() && out.back() == 0xFF) out.pop_back();
  if (out.empty()) return std::nullopt;
  ++out.back();
  return out;
}

Status ValidateTableName(std::string_view table) {
  if (table.empty()) return InvalidArgumentError("table name must not be empty");
  if (table == "default") {
    return InvalidArgumentError("table name 'default' is reserved for the store itself");
  }
  return OkStatus();
}

Status ValidateTableOptions(std::string_view table, const TableOptions& options) {
  if (options.bloom_bits_per_key < 0 || options.bloom_bits_per_key > kMaxBloomBitsPerKey) {
    return InvalidArgumentError("table '" + std::string(table) + "': bloom_bits_per_key " +
                                std::to_string(options.bloom_bits_per_key) + " is outside [0, " +
                                std::to_string(kMaxBloomBitsPerKey) + "]");
  }
  if (options.point_lookup_key_bytes > kMaxPointLookupKeyBytes) {
    return InvalidArgumentError("table '" + std::string(table) + "': point_lookup_key_bytes " +
                                std::to_string(options.point_lookup_key_bytes) + " is above " +
                                std::to_string(kMaxPointLookupKeyBytes));
  }
  return OkStatus();
}

Status ValidateKey(std::string_view table, const TableOptions& options, ByteView key) {
  if (CanHold(options, key)) return OkStatus();
  return InvalidArgumentError("table '" + std::string(table) + "' holds keys of " +
                              std::to_string(options.point_lookup_key_bytes) +
                              " bytes only, not of " + std::to_string(key.size()));
}

Status AscendingKeyCheck::Next(ByteView key) {
  if (count_ > 0 && CompareBytes(key, previous_) <= 0) {
    const bool duplicate = Equal(key, previous_);
    return InvalidArgumentError(
        "bulk load into table '" + table_ + "': entry " + std::to_string(count_) +
        (duplicate ? " repeats the key of entry " : " has a key smaller than that of entry ") +
        std::to_string(count_ - 1) + " (entries must be strictly ascending); nothing was loaded");
  }
  previous_.assign(key.begin(), key.end());
  ++count_;
  return OkStatus();
}

}  // namespace sselab::storage::internal
