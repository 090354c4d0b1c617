// RocksDB's info LOG, reduced to warnings and errors.
#ifndef SSELAB_STORAGE_INTERNAL_ROCKS_LOGGER_H_
#define SSELAB_STORAGE_INTERNAL_ROCKS_LOGGER_H_

#include <rocksdb/env.h>

#include <memory>
#include <string>

namespace sselab::storage::internal {

// A logger that appends RocksDB's WARN, ERROR and FATAL lines to `path`, creating the
// file only when the first such line arrives. RocksDB's own logger writes a ~25 KB header
// (every option) into a fresh LOG on each open whatever info_log_level says, and rotates
// the old one to LOG.old.*: noise in SizeOnDisk() and in the store directory.
std::shared_ptr<rocksdb::Logger> NewWarningLogger(std::string path);

}  // namespace sselab::storage::internal

#endif  // SSELAB_STORAGE_INTERNAL_ROCKS_LOGGER_H_
