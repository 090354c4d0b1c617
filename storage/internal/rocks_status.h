// Conversion between RocksDB's types and sselab's at the storage boundary.
#ifndef SSELAB_STORAGE_INTERNAL_ROCKS_STATUS_H_
#define SSELAB_STORAGE_INTERNAL_ROCKS_STATUS_H_

#include <rocksdb/slice.h>
#include <rocksdb/status.h>

#include <string_view>

#include "base/bytes.h"
#include "base/error.h"

namespace sselab::storage::internal {

// Converts a failed rocksdb::Status into an Error whose message starts with `context`
// (which names the store directory and the operation):
//   IsNotFound -> kNotFound; IsCorruption -> kCorruption; IsIOError -> kIoError (a lock
//   failure gets a "locked by another process?" hint); IsBusy, IsTimedOut, IsTryAgain,
//   IsAborted, IsIncomplete, IsShutdownInProgress -> kIoError; anything else (our own misuse
//   of RocksDB, e.g. kInvalidArgument) -> kInternal.
// REQUIRES: !status.ok().
Error FromRocks(const rocksdb::Status& status, std::string_view context);

inline rocksdb::Slice ToSlice(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}
inline ByteView FromSlice(const rocksdb::Slice& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace sselab::storage::internal

#endif  // SSELAB_STORAGE_INTERNAL_ROCKS_STATUS_H_
