// Store: the key-value interface every server keeps its state in.
//
// A store holds named tables (RocksDB column families); keys and values are byte strings
// ordered bytewise. Implementations: RocksStore (rocks_store.h, the default),
// MemoryStore (memory_store.h), RecordingStore (recording_store.h, a decorator that logs
// every access), FailingStore (failing_store.h, a test double).
//
// Errors: kNotFound for a table that does not exist; kIoError / kCorruption converted
// from the backend, with the store's location in the message.
// Thread safety: implementations are safe for concurrent readers; writers must be
// serialized by the caller.
#ifndef SSELAB_STORAGE_STORE_H_
#define SSELAB_STORAGE_STORE_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"

namespace sselab::storage {

struct Entry {
  Bytes key;
  Bytes value;
};

struct TableOptions {
  // Encrypted data is incompressible: compression stays off unless a table holds plaintext.
  bool compress = false;
  // Bloom filter bits per key (0 = none). Point lookups on absent keys (the end of every
  // Π_bas-style counter walk) are the reason to keep it on.
  int bloom_bits_per_key = 10;
  // 0, or the length every key of the table has: a point-lookup table, for keys that are
  // uniformly random (PRF outputs, update tokens) and read one by one. RocksStore keeps
  // such a table in a hash layout (storage/README.md, "Table layouts"): a lookup costs
  // about one memory access instead of a binary search, a scan sorts a file's keys first.
  // Writing a key of another length is kInvalidArgument; reading one finds nothing.
  // REQUIRES: at most kMaxPointLookupKeyBytes.
  uint32_t point_lookup_key_bytes = 0;
};
inline constexpr uint32_t kMaxPointLookupKeyBytes = 1024;

// One atomic unit of writes across tables.
class WriteBatch {
 public:
  enum class Kind { kPut, kErase };
  struct Op {
    Kind kind;
    std::string table;
    Bytes key;
    Bytes value;  // empty for kErase
  };

  void Put(std::string_view table, ByteView key, ByteView value) {
    ops_.push_back({Kind::kPut, std::string(table), ToBytes(key), ToBytes(value)});
  }
  void Erase(std::string_view table, ByteView key) {
    ops_.push_back({Kind::kErase, std::string(table), ToBytes(key), {}});
  }
  const std::vector<Op>& ops() const { return ops_; }
  bool empty() const { return ops_.empty(); }
  void Clear() { ops_.clear(); }

 private:
  std::vector<Op> ops_;
};

// A pull stream of entries in strictly ascending key order, for BulkLoad.
class EntrySource {
 public:
  virtual ~EntrySource() = default;
  // Fills `out` and returns true, or returns false at the end.
  virtual Result<bool> Next(Entry& out) = 0;
};

// EntrySource over a vector the caller keeps alive.
class VectorEntrySource : public EntrySource {
 public:
  explicit VectorEntrySource(const std::vector<Entry>& entries) : entries_(entries) {}
  Result<bool> Next(Entry& out) override {
    if (pos_ == entries_.size()) return false;
    out = entries_[pos_++];
    return true;
  }

 private:
  const std::vector<Entry>& entries_;
  size_t pos_ = 0;
};

// Called for each entry of a scan; return false to stop early.
using ScanVisitor = std::function<bool(ByteView key, ByteView value)>;

class Store {
 public:
  virtual ~Store() = default;

  // Creates `table` if it does not exist (options apply only on creation). Idempotent.
  virtual Status CreateTable(std::string_view table, const TableOptions& options) = 0;
  virtual bool HasTable(std::string_view table) const = 0;
  // Names of all tables, sorted.
  virtual std::vector<std::string> Tables() const = 0;
  // The options `table` was created with (as recorded by the store: RocksStore reads them
  // back from its OPTIONS file). kNotFound for a table that does not exist.
  virtual Result<TableOptions> Options(std::string_view table) const = 0;

  // The value under `key`, or nullopt if absent.
  virtual Result<std::optional<Bytes>> Get(std::string_view table, ByteView key) = 0;
  // One lookup per key, results in the order of `keys`.
  virtual Result<std::vector<std::optional<Bytes>>> MultiGet(std::string_view table,
                                                             std::span<const ByteView> keys) = 0;
  virtual Status Put(std::string_view table, ByteView key, ByteView value) = 0;
  // Erasing an absent key is not an error.
  virtual Status Erase(std::string_view table, ByteView key) = 0;
  // All or nothing: after an error none of the batch is visible.
  virtual Status Write(const WriteBatch& batch) = 0;
  // Visits, in ascending key order, every entry whose key starts with `prefix`.
  virtual Status Scan(std::string_view table, ByteView prefix, const ScanVisitor& visit) = 0;
  // Loads a stream of strictly ascending entries into `table` (RocksStore: written to SST
  // files and ingested, bypassing the memtable). kInvalidArgument, with nothing loaded,
  // if the stream is not strictly ascending. Keys already in the table are overwritten.
  virtual Status BulkLoad(std::string_view table, EntrySource& sorted) = 0;

  // Bytes the store occupies at rest (RocksStore: files in its directory, after Flush()).
  virtual Result<uint64_t> SizeOnDisk() = 0;
  // Makes every completed write durable.
  virtual Status Flush() = 0;
  // Makes every completed write survive a crash of the machine, as cheaply as the store
  // can (RocksStore: syncs the write-ahead log, no memtable flush). A client's group
  // commit calls it once per batch. Default: Flush().
  virtual Status Sync() { return Flush(); }

  // Where work on this store's data keeps its temporary files (the ExternalSorter spills of
  // a setup), so that they stay within the store's own directory: everything in it is
  // removed when the store is next opened. The caller creates it when needed and may remove
  // it once empty. Empty for a store without a directory (MemoryStore). RocksStore:
  // DIR/sselab_tmp.
  virtual std::filesystem::path TempDirectory() const { return {}; }

  // How many keys a caller that can guess ahead (a walk of counters until the first miss)
  // should ask for in one MultiGet. 1 for an embedded store, where a Get costs no more
  // than one key of a MultiGet and a guess past the end costs a lookup; more for a store
  // where every call is a network round trip and a key more in it costs almost nothing
  // (RedisClusterStore: 4096). Decorators answer for the store they wrap.
  virtual size_t PreferredLookupBatch() const { return 1; }
};

// Convenience: bulk-loads a vector already sorted by key.
Status BulkLoadSorted(Store& store, std::string_view table, const std::vector<Entry>& sorted);

}  // namespace sselab::storage

#endif  // SSELAB_STORAGE_STORE_H_
