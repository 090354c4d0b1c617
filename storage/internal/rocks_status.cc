#include "storage/internal/rocks_status.h"

#include <string>

namespace sselab::storage::internal {

Error FromRocks(const rocksdb::Status& status, std::string_view context) {
  std::string message(context);
  message += ": ";
  message += status.ToString();
  if (status.IsNotFound()) return NotFoundError(std::move(message));
  if (status.IsCorruption()) return CorruptionError(std::move(message));
  if (status.IsIOError()) {
    // RocksDB reports a held LOCK file as a plain IOError naming the file.
    if (message.find("LOCK") != std::string::npos) message += " (locked by another process?)";
    // A table file shorter than the MANIFEST says is damage, not a failing device: read
    // through mmap (storage/README.md, "Table layouts") RocksDB reports it as an IOError.
    if (message.find("larger than file length") != std::string::npos) {
      return CorruptionError(std::move(message) + " (a table file is truncated)");
    }
    return IoError(std::move(message));
  }
  // A write to a store opened read-only (RocksStoreOptions::read_only).
  if (status.IsNotSupported()) return FailedPreconditionError(std::move(message));
  if (status.IsBusy() || status.IsTimedOut() || status.IsTryAgain() || status.IsAborted() ||
      status.IsIncomplete() || status.IsShutdownInProgress()) {
    return IoError(std::move(message));
  }
  return InternalError(std::move(message));
}

}  // namespace sselab::storage::internal
