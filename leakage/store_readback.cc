#include "leakage/store_readback.h"

namespace sselab::leakage {

std::set<std::pair<std::string, Bytes>> WrittenKeys(
    std::span<const storage::StoreAccess> accesses) {
  using Op = storage::StoreAccess::Op;
  std::set<std::pair<std::string, Bytes>> written;
  for (const storage::StoreAccess& a : accesses) {
    if (a.op == Op::kPut || a.op == Op::kBatchPut || a.op == Op::kBulkLoad || a.op == Op::kErase ||
        a.op == Op::kBatchErase) {
      written.emplace(a.table, a.key);
    }
  }
  return written;
}

Result<std::vector<StoredEntry>> ReadWritten(storage::Store& store,
                                             std::span<const storage::StoreAccess> accesses) {
  const std::set<std::pair<std::string, Bytes>> written = WrittenKeys(accesses);
  std::vector<StoredEntry> out;
  out.reserve(written.size());
  for (const auto& [table, key] : written) {
    SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> value, store.Get(table, key));
    if (!value) continue;  // erased
    out.push_back({.table = table, .key = key, .value = std::move(*value)});
  }
  return out;
}

Result<std::vector<StoredEntry>> ReadAllEntries(storage::Store& store) {
  SSELAB_RETURN_IF_ERROR(store.Flush());
  std::vector<StoredEntry> out;
  for (const std::string& table : store.Tables()) {
    SSELAB_RETURN_IF_ERROR(store.Scan(table, {}, [&](ByteView key, ByteView value) {
      out.push_back({.table = table, .key = ToBytes(key), .value = ToBytes(value)});
      return true;
    }));
  }
  return out;
}

}  // namespace sselab::leakage
