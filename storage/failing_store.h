// FailingStore: a test double that makes the Nth operation fail.
//
// Counts calls to the operations selected by `ops` (mutations by default); the call
// numbered `fail_at` (1-based) and, if `sticky`, every later one returns kIoError
// "injected failure at call N" without reaching the inner store. A failing BulkLoad is a
// build that dies midway: it drains its source, streams the first half into the inner
// store's BulkLoad, then fails that stream with the injected error, so the inner store's
// own abort path runs (and must load nothing). Used to check that a fault leaves nothing
// that looks valid.
#ifndef SSELAB_STORAGE_FAILING_STORE_H_
#define SSELAB_STORAGE_FAILING_STORE_H_

#include <atomic>
#include <cstdint>

#include "storage/store.h"

namespace sselab::storage {

class FailingStore : public Store {
 public:
  enum OpMask : unsigned {
    kReads = 1u << 0,      // Get, MultiGet, Scan
    kWrites = 1u << 1,     // Put, Erase, Write
    kBulkLoads = 1u << 2,  // BulkLoad
    kFlushes = 1u << 3,    // Flush, Sync
    kMutations = kWrites | kBulkLoads | kFlushes,
    kAll = kReads | kMutations,
  };

  // `inner` must outlive this object. REQUIRES: fail_at >= 1.
  FailingStore(Store& inner, uint64_t fail_at, unsigned ops = kMutations, bool sticky = true)
      : inner_(inner), fail_at_(fail_at), ops_(ops), sticky_(sticky) {}

  // Calls counted so far (of the selected kinds).
  uint64_t calls() const { return calls_; }

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
  // True if this call (of kind `op`) must fail.
  bool Trip(unsigned op);

  Store& inner_;
  uint64_t fail_at_;
  unsigned ops_;
  bool sticky_;
  std::atomic<uint64_t> calls_{0};
};

}  // namespace sselab::storage

#endif  // SSELAB_STORAGE_FAILING_STORE_H_
