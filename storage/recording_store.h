// RecordingStore: a Store decorator that appends every access to a transcript.
//
// This is half of the server's view (the other half is the messages, see
// index/channel.h): the leakage module derives access patterns from it.
#ifndef SSELAB_STORAGE_RECORDING_STORE_H_
#define SSELAB_STORAGE_RECORDING_STORE_H_

#include <mutex>
#include <string>
#include <vector>

#include "storage/store.h"

namespace sselab::storage {

struct StoreAccess {
  enum class Op { kGet, kMultiGet, kPut, kErase, kBatchPut, kBatchErase, kScan, kBulkLoad };
  Op op;
  std::string table;
  Bytes key;            // the key read or written; for kScan, the prefix
  uint64_t value_size;  // bytes of the value read or written (0 if absent or erased)
  bool found;           // reads: whether the key was present; writes: true
};

std::string_view StoreOpName(StoreAccess::Op op);

// Records, per call: one kGet; one kMultiGet per key; one kPut / kErase; one
// kBatchPut / kBatchErase per op of a batch (only if the batch succeeded); one kScan for
// the prefix (found = false, value_size = 0) followed by one kScan per entry visited
// (key = entry key); one kBulkLoad per entry loaded. Failed calls record nothing.
class RecordingStore : public Store {
 public:
  // `inner` must outlive this object.
  explicit RecordingStore(Store& inner) : inner_(inner) {}

  // A copy of the accesses so far; thread-safe.
  std::vector<StoreAccess> Accesses() const;
  // Moves the accesses out, leaving the transcript empty.
  std::vector<StoreAccess> TakeAccesses();

  Status CreateTable(std::string_view table, const TableOptions& options) override;
  bool HasTable(std::string_view table) const override;
  std::vector<std::string> Tables() const override;
  Result<TableOptions> Options(std::string_view table) const override {
    return inner_.Options(table);
  }
  Result<std::optional<Bytes>> Get(std::string_view table, ByteView key) override;
  Result<std::vector<std::optional<Bytes>>> MultiGet(std::string_view table,
                                                     std::span<const ByteView> keys) override;
  Status Put(std::string_view table, ByteView key, ByteView value) override;
  Status Erase(std::string_view table, ByteView key) override;
  Status Write(const WriteBatch& batch) override;
  Status Scan(std::string_view table, ByteView prefix, const ScanVisitor& visit) override;
  Status BulkLoad(std::string_view table, EntrySource& sorted) override;
  Result<uint64_t> SizeOnDisk() override;
  Status Flush() override;
  Status Sync() override;
  std::filesystem::path TempDirectory() const override { return inner_.TempDirectory(); }
  size_t PreferredLookupBatch() const override { return inner_.PreferredLookupBatch(); }

 private:
  void Record(StoreAccess access);

  Store& inner_;
  mutable std::mutex mu_;
  std::vector<StoreAccess> accesses_;
};

}  // namespace sselab::storage

#endif  // SSELAB_STORAGE_RECORDING_STORE_H_
