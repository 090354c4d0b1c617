// RocksStore: the default Store, one RocksDB database per directory, tables as column
// families. This header exposes no RocksDB type; rocks_store.cc and storage/internal/rocks_*
// are the only files in sselab that include <rocksdb/...>. All RocksDB options are set in
// one place (internal/rocks_options.cc via RocksStoreOptions).
#ifndef SSELAB_STORAGE_ROCKS_STORE_H_
#define SSELAB_STORAGE_ROCKS_STORE_H_

#include <filesystem>
#include <memory>

#include "base/result.h"
#include "storage/store.h"

namespace sselab::storage {

struct RocksStoreOptions {
  // Create the database if `dir` holds none; otherwise a missing database is kNotFound.
  bool create_if_missing = false;
  // Shared LRU block cache, in bytes: a ceiling, filled only by the blocks read
  // (storage/README.md says why 1 GiB).
  uint64_t block_cache_bytes = 1ULL << 30;
  // Memtable size per column family, in bytes.
  uint64_t write_buffer_bytes = 64ULL << 20;
  // Background threads for flush and compaction.
  int background_threads = 2;
  // Open without RocksDB's LOCK, for reading only: any number of processes may open one
  // store so, beside one that opens it writable. The store reads what was written (its
  // write-ahead log included) when it opened, and nothing later. Writes and new tables
  // are kFailedPrecondition; Flush and Sync do nothing. Requires an existing store.
  bool read_only = false;
};

// Opens (or creates) the store in `dir`. Errors: kNotFound when there is no database and
// create_if_missing is false; kCorruption when the files are damaged (message names the
// directory and RocksDB's diagnosis); kIoError otherwise (e.g. locked by another process).
Result<std::unique_ptr<Store>> OpenRocksStore(const std::filesystem::path& dir,
                                              const RocksStoreOptions& options = {});

}  // namespace sselab::storage

#endif  // SSELAB_STORAGE_ROCKS_STORE_H_
