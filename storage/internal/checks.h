// Argument checks and byte-order helpers shared by every Store implementation.
#ifndef SSELAB_STORAGE_INTERNAL_CHECKS_H_
#define SSELAB_STORAGE_INTERNAL_CHECKS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "storage/store.h"

namespace sselab::storage::internal {

// Bytewise (unsigned) three-way comparison: <0, 0 or >0.
int CompareBytes(ByteView a, ByteView b);
bool StartsWith(ByteView key, ByteView prefix);

// The smallest key greater than every key that starts with `prefix`, or nullopt if there
// is none (empty prefix, or a prefix of only 0xFF bytes).
std::optional<Bytes> PrefixSuccessor(ByteView prefix);

// kInvalidArgument unless `table` is a usable table name: non-empty and not "default"
// (RocksDB's default column family, kept internal by RocksStore).
Status ValidateTableName(std::string_view table);
// kInvalidArgument unless 0 <= bloom_bits_per_key <= kMaxBloomBitsPerKey.
inline constexpr int kMaxBloomBitsPerKey = 64;
Status ValidateTableOptions(std::string_view table, const TableOptions& options);

// Whether a table of `options` can hold `key`: a point-lookup table holds keys of its
// length only (store.h), so a lookup of any other key finds nothing.
inline bool CanHold(const TableOptions& options, ByteView key) {
  return options.point_lookup_key_bytes == 0 || key.size() == options.point_lookup_key_bytes;
}
// kInvalidArgument, naming the table and both lengths, unless CanHold(options, key).
Status ValidateKey(std::string_view table, const TableOptions& options, ByteView key);

// Checks, entry by entry, that a bulk-load stream is strictly ascending.
class AscendingKeyCheck {
 public:
  explicit AscendingKeyCheck(std::string_view table) : table_(table) {}

  // Call once per entry, in stream order. kInvalidArgument naming the entry's position
  // (0-based) if `key` is not strictly greater than the previous key.
  Status Next(ByteView key);
  // Entries accepted so far.
  uint64_t count() const { return count_; }

 private:
  std::string table_;
  Bytes previous_;
  uint64_t count_ = 0;
};

}  // namespace sselab::storage::internal

#endif  // SSELAB_STORAGE_INTERNAL_CHECKS_H_
