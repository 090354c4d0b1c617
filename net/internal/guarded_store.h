// GuardedStore: a store that refuses writes while the calling thread reads.
//
// net::IndexHost runs the requests a scheme server calls read-only (Server::AccessOf) in
// parallel, under a shared lock. Inside such a request a ReadOnlyScope is active on the
// thread, and every write through this store fails with kInternal instead of racing the
// other readers: a scheme that misdeclares a request is caught by the first test that
// sends it, not by a corrupted store.
#ifndef SSELAB_NET_INTERNAL_GUARDED_STORE_H_
#define SSELAB_NET_INTERNAL_GUARDED_STORE_H_

#include <string>

#include "storage/store.h"

namespace sselab::net::internal {

// While one is alive, writes through any GuardedStore on this thread are refused.
class ReadOnlyScope {
 public:
  ReadOnlyScope();
  ~ReadOnlyScope();
  ReadOnlyScope(const ReadOnlyScope&) = delete;
  ReadOnlyScope& operator=(const ReadOnlyScope&) = delete;

 private:
  bool previous_;
};

// Forwards everything to `inner` (which outlives it). Thread safety: that of `inner`.
class GuardedStore final : public storage::Store {
 public:
  GuardedStore(storage::Store& inner, std::string name) : inner_(inner), name_(std::move(name)) {}

  Status CreateTable(std::string_view table, const storage::TableOptions& options) override;
  bool HasTable(std::string_view table) const override { return inner_.HasTable(table); }
  std::vector<std::string> Tables() const override { return inner_.Tables(); }
  Result<storage::TableOptions> Options(std::string_view table) const override {
    return inner_.Options(table);
  }
  Result<std::optional<Bytes>> Get(std::string_view table, ByteView key) override {
    return inner_.Get(table, key);
  }
  Result<std::vector<std::optional<Bytes>>> MultiGet(std::string_view table,
                                                     std::span<const ByteView> keys) override {
    return inner_.MultiGet(table, keys);
  }
  Status Put(std::string_view table, ByteView key, ByteView value) override;
  Status Erase(std::string_view table, ByteView key) override;
  Status Write(const storage::WriteBatch& batch) override;
  Status Scan(std::string_view table, ByteView prefix, const storage::ScanVisitor& visit) override {
    return inner_.Scan(table, prefix, visit);
  }
  Status BulkLoad(std::string_view table, storage::EntrySource& sorted) override;
  Result<uint64_t> SizeOnDisk() override { return inner_.SizeOnDisk(); }
  Status Flush() override { return inner_.Flush(); }
  Status Sync() override { return inner_.Sync(); }
  std::filesystem::path TempDirectory() const override { return inner_.TempDirectory(); }
  size_t PreferredLookupBatch() const override { return inner_.PreferredLookupBatch(); }

 private:
  // kInternal naming the index and table if a ReadOnlyScope is active on this thread.
  Status CheckWritable(std::string_view what, std::string_view table) const;

  storage::Store& inner_;
  const std::string name_;
};

}  // namespace sselab::net::internal

#endif  // SSELAB_NET_INTERNAL_GUARDED_STORE_H_
