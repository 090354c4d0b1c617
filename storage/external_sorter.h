// ExternalSorter: sorts more key-value records than fit in memory.
//
// Records are buffered up to a memory budget, then sorted and spilled to a run file in a
// private temporary directory; Finish() merges the runs (k-way, with a heap) into one
// ascending stream. Equal keys keep their insertion order (the merge is stable across
// runs). Used by static builds on both sides: the client's inversion of the corpus and
// the server's load of setup entries.
//
// Buffered records are packed into large arena chunks and sorted as small fixed-size
// references that carry the first sixteen key bytes: a build sorts tens of millions of
// short records, and one heap allocation plus a full key comparison per record was what
// made the sort the largest cost of a static build. A buffer of 2^16 records or more is
// sorted and spilled as two halves, one on a short-lived second thread.
//
// Spills. The first spill creates SPILL_PARENT/sselab-sort-XXXXXX (mkdtemp: mode 0700)
// and each run file in it with O_EXCL and mode 0600, whatever the umask; the destructor
// removes the directory. A process that dies without running the destructor leaves it
// behind, so callers point spill_parent at a directory whose owner removes leftovers
// (EncryptedIndex: the staging directory of the build). With encrypt_spills, run files
// are sealed (storage/internal/sort_run.h): what a crash leaves cannot be read by anyone,
// the key having lived only in this object's memory.
//
// Memory, whatever the input size: the budget (key and value bytes plus 64 per record),
// 2 MiB of run-writer buffers while spilling and 8 MiB of read buffers while merging
// (with encrypt_spills: 128 KiB of writer buffers, and 192 KiB per run merged at once, at
// most 64 runs).
//
// Thread safety: none; one caller at a time.
#ifndef SSELAB_STORAGE_EXTERNAL_SORTER_H_
#define SSELAB_STORAGE_EXTERNAL_SORTER_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "storage/store.h"

namespace sselab::crypto {
class SecretKey;
}  // namespace sselab::crypto

namespace sselab::storage {

struct ExternalSorterOptions {
  // Bytes of records (plus per-record overhead) held before a run is spilled.
  uint64_t memory_budget = 256ULL << 20;
  // Where the private spill directory is created (see Spills above); created if missing.
  // Empty: the system temp directory, and then runs are always sealed (encrypt_spills).
  std::filesystem::path spill_parent;
  // Seal run files with AES-256-GCM under a key drawn at the first spill and kept only in
  // memory. For records that must not reach the disk readable (a client's plaintext).
  // A sealed run altered on disk makes the merge fail with kCorruption.
  bool encrypt_spills = false;
};

class ExternalSorter {
 public:
  // Touches no disk: the spill directory is made by the first spill.
  static Result<std::unique_ptr<ExternalSorter>> Create(const ExternalSorterOptions& options);
  ~ExternalSorter();  // removes the spill directory and every run in it
  ExternalSorter(const ExternalSorter&) = delete;
  ExternalSorter& operator=(const ExternalSorter&) = delete;

  // REQUIRES: Finish() not yet called. kInvalidArgument for a key or value of 4 GiB or more;
  // kIoError naming the path if a spill cannot be written.
  Status Add(ByteView key, ByteView value);
  // The records in ascending key order. Call once; the stream lives in this object. Its
  // Next() returns kCorruption naming the run file if a run was damaged on disk.
  Result<EntrySource*> Finish();

  uint64_t records() const { return records_; }
  uint64_t runs_spilled() const { return next_run_; }

 private:
  // A buffered record: key then value, contiguous at `offset` in chunks_[chunk]. `chunk`
  // and `offset` grow with insertion order, which breaks ties between equal keys.
  struct Record {
    // The key's first sixteen bytes, big-endian, zero-padded: whole keys for the usual
    // records (16-byte labels, short posting keys), so sorting rarely reads the arena.
    uint64_t prefix[2];
    uint32_t chunk;
    uint32_t offset;
    uint32_t key_size;
    uint32_t value_size;
  };
  class BufferSource;
  struct Run {
    std::filesystem::path path;
    uint64_t id;  // binds a sealed run's frames to it
  };

  ExternalSorter();
  // Creates dir_ (and the sealing key) on the first call.
  Status MakeSpillDirectory();
  // A new run in dir_.
  Run NewRun() { return {dir_ / ("run-" + std::to_string(next_run_)), next_run_++}; }
  // Copies a record into the arena and adds its Record.
  void Append(ByteView key, ByteView value);
  // The order of buffered records (key, then insertion order).
  bool Less(const Record& a, const Record& b) const;
  // Asks the CPU to fetch the bytes of records[i] (no-op past the end).
  void Prefetch(std::span<const Record> records, size_t i) const;
  // Sorts `records` and, unless `run` is null, writes them to the run file.
  Status SortAndWrite(std::span<Record> records, const Run* run) const;
  // Sorts the buffer, as two halves [0, split_) and [split_, end) when it is large, and
  // with `write_runs` appends them to runs_ as one or two run files.
  Status SortBuffer(bool write_runs);
  // Sorts the buffer into new run files; `last` frees the buffer's memory too.
  Status Spill(bool last = false);
  // Merges the oldest `n` runs into one (bounds the merge's open files).
  Status MergeFirstRuns(size_t n);

  ExternalSorterOptions options_;
  std::filesystem::path dir_;               // empty until the first spill
  std::unique_ptr<crypto::SecretKey> key_;  // with encrypt_spills, from the first spill
  struct Chunk {
    std::unique_ptr<uint8_t[]> data;
    size_t size;
  };
  // Arena of buffered records. Chunks are reused from run to run (fresh pages would cost a
  // page fault each) and freed when the last run is spilled.
  std::vector<Chunk> chunks_;
  size_t chunk_ = 0;       // the chunk being filled
  size_t chunk_used_ = 0;  // bytes used in chunks_[chunk_]
  std::vector<Record> buffer_;
  size_t split_ = 0;  // after SortBuffer: where the second sorted half starts
  uint64_t buffered_bytes_ = 0;
  uint64_t records_ = 0;
  std::vector<Run> runs_;
  uint64_t next_run_ = 0;
  std::unique_ptr<EntrySource> merged_;
};

}  // namespace sselab::storage

#endif  // SSELAB_STORAGE_EXTERNAL_SORTER_H_
