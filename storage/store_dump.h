// A store's whole content as one file: every table's name, options and entries, in order.
// The backup of an index (index/backup.h) is built on it, for every kind of store alike:
// a dump of a RocksStore loads into a RedisClusterStore and back.
//
// Format (integers are LEB128 varints, strings a varint length then the bytes):
//   "SSELAB-DUMP 1\n"
//   per table, in name order:  'T' name  u8 compress  bloom_bits  point_lookup_key_bytes
//     per entry, ascending:     'K' key  value
//                               'Z' entries
//   'E' tables
// A dump that stops before 'E' is truncated; counts that do not match are corruption. The
// file says nothing about its origin: the backup's manifest does, with its SHA-256.
//
// Thread safety: a dump reads the store like any reader; for a consistent dump no one may
// write meanwhile (the caller holds the store's writer lock).
#ifndef SSELAB_STORAGE_STORE_DUMP_H_
#define SSELAB_STORAGE_STORE_DUMP_H_

#include <cstdint>
#include <filesystem>

#include "base/result.h"
#include "storage/store.h"

namespace sselab::storage {

struct DumpCounts {
  uint64_t tables = 0;
  uint64_t entries = 0;
  uint64_t bytes = 0;  // of the dump file
};

// Writes `store` to `path` (created with mode 0600, must not exist; fsynced). On error the
// file is removed.
Result<DumpCounts> DumpStore(Store& store, const std::filesystem::path& path);

// Creates the dump's tables in `store` (with their options) and bulk-loads their entries.
// kCorruption naming the file and byte offset for a malformed or truncated dump; the
// caller loads into a fresh store and discards it on error.
Result<DumpCounts> LoadStoreDump(const std::filesystem::path& path, Store& store);

}  // namespace sselab::storage

#endif  // SSELAB_STORAGE_STORE_DUMP_H_
