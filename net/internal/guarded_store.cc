#include "net/internal/guarded_store.h"

namespace sselab::net::internal {
namespace {

thread_local bool read_only = false;

}  // namespace

ReadOnlyScope::ReadOnlyScope() : previous_(read_only) { read_only = true; }
ReadOnlyScope::~ReadOnlyScope() { read_only = previous_; }

Status GuardedStore::CheckWritable(std::string_view what, std::string_view table) const {
  if (!read_only) return OkStatus();
  return InternalError(name_ + ": a request declared read-only (Server::AccessOf) tried to " +
                       std::string(what) + " table " + std::string(table));
}

Status GuardedStore::CreateTable(std::string_view table, const storage::TableOptions& options) {
  SSELAB_RETURN_IF_ERROR(CheckWritable("create", table));
  return inner_.CreateTable(table, options);
}

Status GuardedStore::Put(std::string_view table, ByteView key, ByteView value) {
  SSELAB_RETURN_IF_ERROR(CheckWritable("write to", table));
  return inner_.Put(table, key, value);
}

Status GuardedStore::Erase(std::string_view table, ByteView key) {
  SSELAB_RETURN_IF_ERROR(CheckWritable("erase from", table));
  return inner_.Erase(table, key);
}

Status GuardedStore::Write(const storage::WriteBatch& batch) {
  SSELAB_RETURN_IF_ERROR(CheckWritable("write a batch to", "(any)"));
  return inner_.Write(batch);
}

Status GuardedStore::BulkLoad(std::string_view table, storage::EntrySource& sorted) {
  SSELAB_RETURN_IF_ERROR(CheckWritable("bulk-load", table));
  return inner_.BulkLoad(table, sorted);
}

}  // namespace sselab::net::internal
