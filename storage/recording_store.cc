#include "storage/recording_store.h"

#include <utility>

namespace sselab::storage {
namespace {

// Passes entries through to the inner store's BulkLoad and notes each one.
class RecordingSource : public EntrySource {
 public:
  RecordingSource(EntrySource& inner, std::string_view table, std::vector<StoreAccess>& out)
      : inner_(inner), table_(table), out_(out) {}

  Result<bool> Next(Entry& entry) override {
    SSELAB_ASSIGN_OR_RETURN(const bool more, inner_.Next(entry));
    if (more) {
      out_.push_back({StoreAccess::Op::kBulkLoad, table_, entry.key, entry.value.size(), true});
    }
    return more;
  }

 private:
  EntrySource& inner_;
  std::string table_;
  std::vector<StoreAccess>& out_;
};

}  // namespace

std::string_view StoreOpName(StoreAccess::Op op) {
  switch (op) {
    case StoreAccess::Op::kGet:
      return "get";
    case StoreAccess::Op::kMultiGet:
      return "multi_get";
    case StoreAccess::Op::kPut:
      return "put";
    case StoreAccess::Op::kErase:
      return "erase";
    case StoreAccess::Op::kBatchPut:
      return "batch_put";
    case StoreAccess::Op::kBatchErase:
      return "batch_erase";
    case StoreAccess::Op::kScan:
      return "scan";
    case StoreAccess::Op::kBulkLoad:
      return "bulk_load";
  }
  return "unknown";
}

std::vector<StoreAccess> RecordingStore::Accesses() const {
  std::lock_guard lock(mu_);
  return accesses_;
}

std::vector<StoreAccess> RecordingStore::TakeAccesses() {
  std::lock_guard lock(mu_);
  return std::exchange(accesses_, {});
}

void RecordingStore::Record(StoreAccess access) {
  std::lock_guard lock(mu_);
  accesses_.push_back(std::move(access));
}

Status RecordingStore::CreateTable(std::string_view table, const TableOptions& options) {
  return inner_.CreateTable(table, options);
}

bool RecordingStore::HasTable(std::string_view table) const { return inner_.HasTable(table); }

std::vector<std::string> RecordingStore::Tables() const { return inner_.Tables(); }

Result<std::optional<Bytes>> RecordingStore::Get(std::string_view table, ByteView key) {
  auto value = inner_.Get(table, key);
  if (!value.ok()) return value;
  const bool found = value->has_value();
  Record({StoreAccess::Op::kGet, std::string(table), ToBytes(key), found ? (*value)->size() : 0,
          found});
  return value;
}

Result<std::vector<std::optional<Bytes>>> RecordingStore::MultiGet(std::string_view table,
                                                                   std::span<const ByteView> keys) {
  auto values = inner_.MultiGet(table, keys);
  if (!values.ok()) return values;
  std::lock_guard lock(mu_);
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::optional<Bytes>& value = (*values)[i];
    accesses_.push_back({StoreAccess::Op::kMultiGet, std::string(table), ToBytes(keys[i]),
                         value.has_value() ? value->size() : 0, value.has_value()});
  }
  return values;
}

Status RecordingStore::Put(std::string_view table, ByteView key, ByteView value) {
  SSELAB_RETURN_IF_ERROR(inner_.Put(table, key, value));
  Record({StoreAccess::Op::kPut, std::string(table), ToBytes(key), value.size(), true});
  return OkStatus();
}

Status RecordingStore::Erase(std::string_view table, ByteView key) {
  SSELAB_RETURN_IF_ERROR(inner_.Erase(table, key));
  Record({StoreAccess::Op::kErase, std::string(table), ToBytes(key), 0, true});
  return OkStatus();
}

Status RecordingStore::Write(const WriteBatch& batch) {
  SSELAB_RETURN_IF_ERROR(inner_.Write(batch));
  std::lock_guard lock(mu_);
  for (const WriteBatch::Op& op : batch.ops()) {
    const bool put = op.kind == WriteBatch::Kind::kPut;
    accesses_.push_back({put ? StoreAccess::Op::kBatchPut : StoreAccess::Op::kBatchErase, op.table,
                         op.key, put ? op.value.size() : 0, true});
  }
  return OkStatus();
}

Status RecordingStore::Scan(std::string_view table, ByteView prefix, const ScanVisitor& visit) {
  std::vector<StoreAccess> scan = {
      {StoreAccess::Op::kScan, std::string(table), ToBytes(prefix), 0, false}};
  SSELAB_RETURN_IF_ERROR(inner_.Scan(table, prefix, [&](ByteView key, ByteView value) {
    scan.push_back({StoreAccess::Op::kScan, std::string(table), ToBytes(key), value.size(), true});
    return visit(key, value);
  }));
  std::lock_guard lock(mu_);
  for (StoreAccess& access : scan) accesses_.push_back(std::move(access));
  return OkStatus();
}

Status RecordingStore::BulkLoad(std::string_view table, EntrySource& sorted) {
  std::vector<StoreAccess> loaded;
  RecordingSource source(sorted, table, loaded);
  SSELAB_RETURN_IF_ERROR(inner_.BulkLoad(table, source));
  std::lock_guard lock(mu_);
  for (StoreAccess& access : loaded) accesses_.push_back(std::move(access));
  return OkStatus();
}

Result<uint64_t> RecordingStore::SizeOnDisk() { return inner_.SizeOnDisk(); }

Status RecordingStore::Flush() { return inner_.Flush(); }
Status RecordingStore::Sync() { return inner_.Sync(); }

}  // namespace sselab::storage
