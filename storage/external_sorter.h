// ExternalSorter: sorts more key-value records than fit in memory.
//
// Records are buffered up to a memory budget, then sorted and spilled to a run file in a
// private temporary directory; Finish() merges the runs (k-way, with a heap) into one
// ascending stream. Memory stays near the budget whatever the input size. Equal keys keep
// their insertion order (the merge is stable across runs). Used by static builds on both
// sides: the client's inversion of the corpus and the server's load of setup entries.
#ifndef SSELAB_STORAGE_EXTERNAL_SORTER_H_
#define SSELAB_STORAGE_EXTERNAL_SORTER_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "base/result.h"
#include "storage/store.h"

namespace sselab::storage {

struct ExternalSorterOptions {
  // Bytes of records (plus per-record overhead) held before a run is spilled.
  uint64_t memory_budget = 256ULL << 20;
  // Where the private spill directory is created (default: the system temp directory).
  std::filesystem::path temp_parent;
};

class ExternalSorter {
 public:
  // kIoError if the spill directory cannot be created.
  static Result<std::unique_ptr<ExternalSorter>> Create(const ExternalSorterOptions& options);
  ~ExternalSorter();  // removes every spill file
  ExternalSorter(const ExternalSorter&) = delete;
  ExternalSorter& operator=(const ExternalSorter&) = delete;

  // REQUIRES: Finish() not yet called.
  Status Add(ByteView key, ByteView value);
  // The records in ascending key order. Call once; the stream lives in this object.
  Result<EntrySource*> Finish();

  uint64_t records() const { return records_; }
  uint64_t runs_spilled() const { return next_run_; }

 private:
  ExternalSorter() = default;
  Status Spill();
  // Merges the oldest `n` runs into one (bounds the merge's open files).
  Status MergeFirstRuns(size_t n);

  ExternalSorterOptions options_;
  std::filesystem::path dir_;
  std::vector<Entry> buffer_;
  uint64_t buffered_bytes_ = 0;
  uint64_t records_ = 0;
  std::vector<std::filesystem::path> runs_;
  uint64_t next_run_ = 0;
  std::unique_ptr<EntrySource> merged_;
};

}  // namespace sselab::storage

#endif  // SSELAB_STORAGE_EXTERNAL_SORTER_H_
