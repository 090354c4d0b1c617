// The server's side of Path ORAM: a dumb array of sealed buckets.
//
// The server stores buckets by id and returns them on request; it never decrypts, and it
// never decides anything (Stefanov et al. §3: the server only serves ReadBucket and
// WriteBucket). Reads go through BucketStore; writes are not sent one access at a time:
// PathOram hands them to its caller as a SealedBuckets set (path_oram.h), which the caller
// commits through its journal and then applies in one atomic batch (ApplyBucketWrites).
//
// A bucket that was never written reads as empty (no bytes), so setting up a tree costs
// nothing: the client treats "absent" as "all dummies". Any bucket that is present must
// authenticate (bucket.h). Deleting a bucket is therefore not detected as such, but a real
// block lost with it is: reading a block that is neither on its path nor in the stash
// fails (path_oram.h).
#ifndef SSELAB_SSE_ORAM_BUCKET_STORE_H_
#define SSELAB_SSE_ORAM_BUCKET_STORE_H_

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "storage/store.h"

namespace sselab::sse::oram {

// Sealed buckets to write, by bucket id (ascending, so a batch is written in key order).
using SealedBuckets = std::map<uint64_t, Bytes>;

// The read half of the server. Thread safety: as the implementation documents.
class BucketStore {
 public:
  virtual ~BucketStore() = default;
  // The sealed bytes of each bucket, in the order of `bucket_ids`; empty for a bucket
  // never written. kIoError / kCorruption from the backend.
  virtual Result<std::vector<Bytes>> Read(std::span<const uint64_t> bucket_ids) = 0;
};

// The store key of a bucket: its id, BE64 (so buckets sort by id, root first).
Bytes BucketKey(uint64_t bucket_id);

// Buckets in one table of a storage::Store: key = BucketKey(id), value = sealed bucket.
// Used by the tests and by a server that keeps its tree in its store. Thread safety: as
// the Store's (concurrent reads are safe).
class StoreBucketStore : public BucketStore {
 public:
  // Creates `table` if needed (no compression: buckets are ciphertext). `store` outlives
  // the object.
  static Result<StoreBucketStore> Open(storage::Store& store, std::string table);

  // One MultiGet of the table.
  Result<std::vector<Bytes>> Read(std::span<const uint64_t> bucket_ids) override;

  const std::string& table() const { return table_; }

 private:
  StoreBucketStore(storage::Store& store, std::string table)
      : store_(&store), table_(std::move(table)) {}

  storage::Store* store_;
  std::string table_;
};

// Writes every bucket of `writes` to `table` in ONE atomic WriteBatch: after an error none
// is visible, so the tree is never half-updated. Idempotent: applying the same set twice
// (a journal replay) leaves the same tree.
Status ApplyBucketWrites(storage::Store& store, std::string_view table,
                         const SealedBuckets& writes);

}  // namespace sselab::sse::oram

#endif  // SSELAB_SSE_ORAM_BUCKET_STORE_H_
