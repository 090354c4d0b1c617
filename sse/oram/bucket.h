// A bucket of Path ORAM: Z block slots, sealed by the client before the server sees it.
//
// Plaintext of a bucket: Z slots of (BE64 block id ‖ BE64 leaf ‖ B payload bytes); a free
// slot is all zeros (block id 0 is the dummy block of Stefanov et al., §3.1 "dummy blocks").
// Every bucket thus has the same size, full or empty. Sealed: AES-256-GCM (crypto/aead.h)
// with associated data = BE64 bucket id, so a bucket moved to another id does not open
// (the server cannot swap buckets), and a fresh random nonce on every write, so a
// re-written bucket looks new whether or not its blocks changed.
//
// Storing each block's leaf beside it is what lets the client evict without a position map
// lookup per block (the paper's implementations do the same).
#ifndef SSELAB_SSE_ORAM_BUCKET_H_
#define SSELAB_SSE_ORAM_BUCKET_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/aead.h"

namespace sselab::sse::oram {

// Z, the blocks per bucket. Stefanov et al. §5 prove the stash bound for Z >= 5 and report
// Z = 4 as enough in their simulations; 4 is what implementations (and Orion) use.
inline constexpr size_t kBucketSlots = 4;

// A real block: a non-zero id, the leaf it is mapped to, and its payload.
struct Block {
  uint64_t id = 0;
  uint64_t leaf = 0;
  Bytes data;
};

// Seals and opens the buckets of one tree. Thread safety: const methods may be called
// concurrently.
class BucketCodec {
 public:
  // `height` is the tree's; `block_size` = B, the payload bytes of every block.
  BucketCodec(crypto::Aead aead, int height, size_t block_size)
      : aead_(std::move(aead)), height_(height), block_size_(block_size) {}

  // Bytes of a sealed bucket, the same for every bucket.
  size_t sealed_size() const { return crypto::Aead::kOverhead + PlaintextSize(); }

  // The sealed bucket `bucket_id` holding `blocks`, padded with dummies to Z slots.
  // REQUIRES: blocks.size() <= Z, each data of block_size bytes.
  Bytes Seal(uint64_t bucket_id, std::span<const Block> blocks) const;

  // The real blocks of a sealed bucket. kCorruption, naming the bucket, if it does not
  // authenticate as bucket `bucket_id` (tampered, swapped, or sealed under another key),
  // has the wrong size, or holds a block whose leaf's path does not pass through it.
  Result<std::vector<Block>> Open(uint64_t bucket_id, ByteView sealed) const;

 private:
  size_t SlotSize() const { return 16 + block_size_; }
  size_t PlaintextSize() const { return kBucketSlots * SlotSize(); }

  crypto::Aead aead_;
  int height_;
  size_t block_size_;
};

}  // namespace sselab::sse::oram

#endif  // SSELAB_SSE_ORAM_BUCKET_H_
