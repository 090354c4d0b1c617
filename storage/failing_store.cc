#include "storage/failing_store.h"

#include <string>
#include <utility>

namespace sselab::storage {
namespace {

// Yields the first `count` of `entries`, then fails with `error`: a build that dies midway.
class FailMidwaySource : public EntrySource {
 public:
  FailMidwaySource(const std::vector<Entry>& entries, size_t count, Error error)
      : entries_(entries), count_(count), error_(std::move(error)) {}

  Result<bool> Next(Entry& out) override {
    if (pos_ == count_) return error_;
    out = entries_[pos_++];
    return true;
  }

 private:
  const std::vector<Entry>& entries_;
  size_t count_;
  Error error_;
  size_t pos_ = 0;
};

Error InjectedFailure(uint64_t call) {
  return IoError("injected failure at call " + std::to_string(call));
}

}  // namespace

bool FailingStore::Trip(unsigned op) {
  if ((ops_ & op) == 0) return false;
  const uint64_t call = ++calls_;
  return call == fail_at_ || (sticky_ && call > fail_at_);
}

Status FailingStore::CreateTable(std::string_view table, const TableOptions& options) {
  return inner_.CreateTable(table, options);
}

bool FailingStore::HasTable(std::string_view table) const { return inner_.HasTable(table); }

std::vector<std::string> FailingStore::Tables() const { return inner_.Tables(); }

Result<std::optional<Bytes>> FailingStore::Get(std::string_view table, ByteView key) {
  if (Trip(kReads)) return InjectedFailure(calls_);
  return inner_.Get(table, key);
}

Result<std::vector<std::optional<Bytes>>> FailingStore::MultiGet(std::string_view table,
                                                                 std::span<const ByteView> keys) {
  if (Trip(kReads)) return InjectedFailure(calls_);
  return inner_.MultiGet(table, keys);
}

Status FailingStore::Put(std::string_view table, ByteView key, ByteView value) {
  if (Trip(kWrites)) return InjectedFailure(calls_);
  return inner_.Put(table, key, value);
}

Status FailingStore::Erase(std::string_view table, ByteView key) {
  if (Trip(kWrites)) return InjectedFailure(calls_);
  return inner_.Erase(table, key);
}

Status FailingStore::Write(const WriteBatch& batch) {
  if (Trip(kWrites)) return InjectedFailure(calls_);
  return inner_.Write(batch);
}

Status FailingStore::Scan(std::string_view table, ByteView prefix, const ScanVisitor& visit) {
  if (Trip(kReads)) return InjectedFailure(calls_);
  return inner_.Scan(table, prefix, visit);
}

Status FailingStore::BulkLoad(std::string_view table, EntrySource& sorted) {
  if (!Trip(kBulkLoads)) return inner_.BulkLoad(table, sorted);
  const Error injected = InjectedFailure(calls_);
  // Drain the source to learn its length, feed the first half to the inner store, then
  // fail the stream: the inner store's own abort path runs and must load nothing.
  std::vector<Entry> entries;
  Entry entry;
  while (true) {
    auto more = sorted.Next(entry);
    if (!more.ok() || !*more) break;
    entries.push_back(std::move(entry));
  }
  FailMidwaySource midway(entries, entries.size() / 2, injected);
  (void)inner_.BulkLoad(table, midway);
  return injected;
}

Result<uint64_t> FailingStore::SizeOnDisk() { return inner_.SizeOnDisk(); }

Status FailingStore::Flush() {
  if (Trip(kFlushes)) return InjectedFailure(calls_);
  return inner_.Flush();
}

Status FailingStore::Sync() {
  if (Trip(kFlushes)) return InjectedFailure(calls_);
  return inner_.Sync();
}

}  // namespace sselab::storage
