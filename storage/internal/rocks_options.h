// Every RocksDB option sselab sets, in one place.
//
// A table's TableOptions are persisted through RocksDB's own OPTIONS file, which RocksDB
// rewrites atomically on every open and every CreateColumnFamily: on reopen,
// LoadTableOptions() reads the latest OPTIONS file back, TableOptionsFromRocks() recovers
// each table's TableOptions from its stored column-family options, and ForTable() rebuilds
// the full column-family options from them, so runtime knobs (block cache, write buffer)
// follow the current RocksStoreOptions while per-table choices survive.
#ifndef SSELAB_STORAGE_INTERNAL_ROCKS_OPTIONS_H_
#define SSELAB_STORAGE_INTERNAL_ROCKS_OPTIONS_H_

#include <rocksdb/cache.h>
#include <rocksdb/env.h>
#include <rocksdb/options.h>

#include <map>
#include <memory>
#include <string>

#include "base/result.h"
#include "storage/rocks_store.h"
#include "storage/store.h"

namespace sselab::storage::internal {

// kInvalidArgument for options RocksDB cannot honour (e.g. background_threads < 1).
Status ValidateRocksStoreOptions(const RocksStoreOptions& options);

class RocksOptions {
 public:
  // REQUIRES: ValidateRocksStoreOptions(options).ok().
  RocksOptions(const RocksStoreOptions& options, const std::string& dir);

  // Database-wide options (logging, background jobs, paranoid checks).
  rocksdb::DBOptions ForDb() const;
  // Options of the column family behind a table: compression only if options.compress,
  // block-based table with a bloom filter and the shared block cache; for a point-lookup
  // table (point_lookup_key_bytes > 0), files written in RocksDB's cuckoo hash format and
  // read in either format, and a fixed-length prefix extractor that records the key length
  // in the OPTIONS file.
  rocksdb::ColumnFamilyOptions ForTable(const TableOptions& options) const;
  // The factory of the sorted (block-based) files a bulk load writes and ingests into a
  // table: RocksDB ingests no other format. A point-lookup table's compactions rewrite
  // them in its hash format.
  std::shared_ptr<rocksdb::TableFactory> ForSortedFiles(const TableOptions& options) const;
  // Options of RocksDB's "default" column family, which sselab does not use for data.
  rocksdb::ColumnFamilyOptions ForDefault() const;

 private:
  RocksStoreOptions options_;
  std::shared_ptr<rocksdb::Cache> block_cache_;
  std::shared_ptr<rocksdb::Logger> logger_;
};

// The compression used for tables with TableOptions::compress: LZ4, else ZSTD, else
// Snappy, whichever this RocksDB build supports first (kNoCompression if none).
rocksdb::CompressionType PlaintextCompression();

// Recovers the TableOptions a column family was created with by ForTable().
// kCorruption if its filter policy or prefix extractor is not one ForTable() writes.
// A point-lookup table's bloom_bits_per_key is the default: its filters exist only in
// the sorted files of bulk loads, which ForSortedFiles() writes with the default.
Result<TableOptions> TableOptionsFromRocks(const rocksdb::ColumnFamilyOptions& options);

// Table name -> TableOptions, from the latest OPTIONS file in `dir` (column family
// "default" excluded). Empty if the directory holds no OPTIONS file.
Result<std::map<std::string, TableOptions>> LoadTableOptions(const std::string& dir);

}  // namespace sselab::storage::internal

#endif  // SSELAB_STORAGE_INTERNAL_ROCKS_OPTIONS_H_
