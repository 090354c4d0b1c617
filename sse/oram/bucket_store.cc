#include "sse/oram/bucket_store.h"

#include <utility>

#include "base/codec.h"

namespace sselab::sse::oram {

Bytes BucketKey(uint64_t bucket_id) {
  Bytes key(8);
  StoreBe64(bucket_id, key.data());
  return key;
}

Result<StoreBucketStore> StoreBucketStore::Open(storage::Store& store, std::string table) {
  SSELAB_RETURN_IF_ERROR(store.CreateTable(table, {.compress = false}));
  return StoreBucketStore(store, std::move(table));
}

Result<std::vector<Bytes>> StoreBucketStore::Read(std::span<const uint64_t> bucket_ids) {
  std::vector<Bytes> keys;
  keys.reserve(bucket_ids.size());
  for (uint64_t id : bucket_ids) keys.push_back(BucketKey(id));
  std::vector<ByteView> views(keys.begin(), keys.end());
  SSELAB_ASSIGN_OR_RETURN(auto values, store_->MultiGet(table_, views));
  std::vector<Bytes> buckets;
  buckets.reserve(values.size());
  for (auto& v : values) buckets.push_back(v.has_value() ? std::move(*v) : Bytes());
  return buckets;
}

Status ApplyBucketWrites(storage::Store& store, std::string_view table,
                         const SealedBuckets& writes) {
  if (writes.empty()) return OkStatus();
  storage::WriteBatch batch;
  for (const auto& [id, sealed] : writes) batch.Put(table, BucketKey(id), sealed);
  return store.Write(batch);
}

}  // namespace sselab::sse::oram
