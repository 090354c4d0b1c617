// The first half of RocksStore::BulkLoad: streaming sorted entries into SST files.
#ifndef SSELAB_STORAGE_INTERNAL_ROCKS_BULK_LOAD_H_
#define SSELAB_STORAGE_INTERNAL_ROCKS_BULK_LOAD_H_

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"
#include "storage/store.h"

namespace sselab::storage::internal {

// A new SST file is started once this many bytes of keys and values went into the current one.
inline constexpr uint64_t kSstFileBytes = 256ULL << 20;

// Writes `source` into SST files in `dir` (which must exist), checking as it goes that
// the keys are strictly ascending; a new file is started after every `roll_bytes` bytes of
// keys and values. Returns the files' paths in key order (none for an empty source).
// Errors: kInvalidArgument naming the first out-of-order entry; the source's own error;
// kIoError from RocksDB. On error the files written so far stay in `dir`: the caller
// removes the directory. `options` are the target column family's (DB::GetOptions), with
// the table factory of sorted files. A key the table cannot hold (`table_options`, see
// ValidateKey) is kInvalidArgument.
Result<std::vector<std::string>> WriteSstFiles(
    const rocksdb::Options& options, rocksdb::ColumnFamilyHandle* family, std::string_view table,
    const std::filesystem::path& dir, EntrySource& source, uint64_t roll_bytes = kSstFileBytes,
    const TableOptions& table_options = {});

// The first entries of a bulk-load stream, checked as WriteSstFiles checks them (strictly
// ascending, keys the table can hold), read until the stream ends (`complete`) or the
// keys and values read exceed `max_bytes`.
struct LoadPrefix {
  std::vector<Entry> entries;
  bool complete = false;
};
Result<LoadPrefix> ReadLoadPrefix(std::string_view table, const TableOptions& table_options,
                                  EntrySource& source, uint64_t max_bytes);

// Yields `first`, then the rest of `rest` (which outlives it).
class ReplaySource : public EntrySource {
 public:
  ReplaySource(std::vector<Entry> first, EntrySource& rest)
      : first_(std::move(first)), rest_(rest) {}
  Result<bool> Next(Entry& out) override {
    if (pos_ < first_.size()) {
      out = std::move(first_[pos_++]);
      return true;
    }
    return rest_.Next(out);
  }

 private:
  std::vector<Entry> first_;
  EntrySource& rest_;
  size_t pos_ = 0;
};

// Removes a directory tree when it goes out of scope, and then its parent if that is
// left empty. Errors are ignored: this is cleanup of temporary files.
class ScopedDirRemover {
 public:
  explicit ScopedDirRemover(std::filesystem::path dir) : dir_(std::move(dir)) {}
  ScopedDirRemover(const ScopedDirRemover&) = delete;
  ScopedDirRemover& operator=(const ScopedDirRemover&) = delete;
  ~ScopedDirRemover();

 private:
  std::filesystem::path dir_;
};

}  // namespace sselab::storage::internal

#endif  // SSELAB_STORAGE_INTERNAL_ROCKS_BULK_LOAD_H_
