// Path ORAM, the client: Stefanov, van Dijk, Shi, Chan, Fletcher, Ren, Yu, Devadas,
// "Path ORAM: An Extremely Simple Oblivious RAM Protocol", ACM CCS 2013 (full version
// arXiv:1202.5150), Figure 1. Notes and the algorithm-to-code table: papers/path-oram.md.
//
// The server holds a binary tree of 2L - 1 buckets (tree_layout.h), each of Z = 4 sealed
// block slots (bucket.h). Every block is mapped to a uniformly random leaf and lives in a
// bucket on the path to it, or in the client's stash. An access reads one whole path
// into the stash, remaps the block to a fresh random leaf, and writes the path back,
// pushing stash blocks as deep as their own leaves allow.
//
// Deviations from Fig. 1 (each explained in papers/path-oram.md):
//   - No position map. The caller passes the block's current leaf and its new one (the
//     oblivious map stores each child's leaf in its parent, Wang et al. CCS 2014), so lines
//     1-2 of Fig. 1 are the caller's. RandomLeaf() draws the new leaf.
//   - Writes are deferred. WriteBucket (line 14) goes to a client-side cache of dirty
//     buckets; later reads of those buckets come from the cache; TakeWrites() seals them
//     (once each, fresh nonce) for the caller to commit and send in one atomic batch.
//     So one logical operation of many accesses is one server write, which the caller
//     journals with the client state (sse/common/update_journal.h) — the crash rule.
//     The server still sees one read of a full path per access.
//   - The access is also offered split in two, ReadAndRemove + Add, as the oblivious data
//     structures framework of Wang et al. (CCS 2014, §3) uses it.
//
// Server's view, per access (Access, ReadAndRemove or DummyAccess): one Read of the
// height + 1 buckets of the path to a leaf that is uniformly random and independent of
// every earlier one, provided the caller passes, for each block, the leaf it was last
// given as `new_leaf` (drawn by RandomLeaf()); and, at each TakeWrites, fresh ciphertexts of
// the union of the paths read since the previous one. Add costs no server access.
//
// Thread safety: none; one client, one thread at a time. The BucketStore outlives the
// object. After any error other than kNotFound the object's state is unspecified:
// reload the last committed state with LoadState() (and drop its pending writes).
#ifndef SSELAB_SSE_ORAM_PATH_ORAM_H_
#define SSELAB_SSE_ORAM_PATH_ORAM_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/aead.h"
#include "crypto/secret_key.h"
#include "sse/oram/bucket.h"
#include "sse/oram/bucket_store.h"

namespace sselab::sse::oram {

struct PathOramParams {
  // The stash bound. Stefanov et al. §5: for Z = 5, Pr[stash > R] <= 14 * 0.6002^R, i.e.
  // under 2^-100 at R = 150; Z = 4 behaves as well in their simulations. A caller that
  // parks blocks in the stash with Add() adds their number to it (oblivious_map.h does).
  static constexpr size_t kDefaultMaxStash = 150;

  // N: the most real blocks the ORAM holds. The tree gets L = 2^h >= N leaves, h >= 1.
  // 1 .. 2^40.
  uint64_t capacity = 0;
  // B: the payload bytes of every block, 1 .. 1 MiB.
  size_t block_size = 0;
  // Names the instance (non-empty). Its keys are derived from the master key for the
  // purposes "oram/<name>/buckets" and "oram/<name>/state", so two ORAMs under one master
  // key cannot be given each other's buckets or state.
  std::string name;
  // Past this many blocks in the stash, an access fails with kInternal instead of letting
  // the client's memory grow.
  size_t max_stash = kDefaultMaxStash;
};

class PathOram {
 public:
  enum class Op { kRead, kWrite };

  // With random nonces, AES-GCM may seal at most 2^32 messages under one key (SP 800-38D,
  // §8.3). TakeWrites() counts the buckets it seals and refuses past this.
  static constexpr uint64_t kMaxSeals = uint64_t{1} << 32;

  // A new, empty ORAM (every bucket of `store` absent), or one to LoadState() into.
  // kInvalidArgument for parameters out of range.
  static Result<PathOram> Create(const PathOramParams& params, const crypto::SecretKey& master,
                                 BucketStore& store);

  PathOram(PathOram&&) noexcept = default;
  PathOram& operator=(PathOram&&) noexcept = default;

  // A uniformly random leaf, from the operating system's CSPRNG.
  uint64_t RandomLeaf() const;

  // Path ORAM Fig. 1, Access(op, a, data*), for block `block_id` (non-zero) mapped to
  // `leaf`: reads the path to `leaf`, remaps the block to `new_leaf`, and writes the path
  // back. kRead returns the payload; kWrite replaces it with `new_data` (B bytes) and
  // returns the old payload, or creates the block and returns empty bytes (for a new
  // block, pass a RandomLeaf() as `leaf`). Errors: kInvalidArgument for an id, leaf or
  // size out of range; kNotFound (kRead of a block that is neither on its path nor in the
  // stash — the access still completes, so the ORAM stays consistent); kCorruption (a
  // bucket does not open, a block appears twice or away from `leaf`); kInternal (stash
  // overflow); the BucketStore's errors.
  Result<Bytes> Access(Op op, uint64_t block_id, uint64_t leaf, uint64_t new_leaf,
                       ByteView new_data = {});

  // The first half of an access (Wang et al. §3.1, ReadAndRemove): reads the path to
  // `leaf`, takes block `block_id` out of the ORAM and returns its payload, and writes the
  // path back. The block is then the caller's, until it Add()s it back. Errors as Access.
  Result<Bytes> ReadAndRemove(uint64_t block_id, uint64_t leaf);
  // The second half (Wang et al. §3.1, Add): puts block `block_id`, mapped to `leaf`, with
  // payload `data` (B bytes), in the stash; a later access evicts it to the tree. No server
  // access. kInvalidArgument if the id is 0 or already in the stash, or a size or leaf is
  // out of range; kInternal on stash overflow.
  Status Add(uint64_t block_id, uint64_t leaf, ByteView data);
  // An access to no block: reads and writes back the path to a RandomLeaf(). The server
  // cannot tell it from any other access. Errors as Access (but never kNotFound).
  Status DummyAccess();

  // Bulk initialization, instead of one access per block: fills an ORAM that is still
  // empty (just Create()d: no access, no block, nothing pending or sealed) with `blocks`,
  // each mapped to its own `leaf`. In the order given, each block goes into the deepest
  // bucket of the path to its leaf that has a free slot (Fig. 1's eviction rule, applied
  // to the whole tree at once); a block that finds none goes to the stash. Returns every
  // bucket that holds a block, sealed (and counted as TakeWrites counts), for the caller
  // to store on the server — buckets left empty stay absent, which reads as all dummies.
  // No server access. The leaves should be RandomLeaf()s: the server's view of later
  // accesses is uniform only if they are. Errors: kFailedPrecondition if the ORAM is not
  // empty; kInvalidArgument for an id of 0 or given twice, a leaf or payload size out of
  // range (nothing changed); kInternal if more than max_stash blocks overflow.
  Result<SealedBuckets> BulkLoad(std::vector<Block> blocks);

  // The buckets written since the last call, sealed with fresh nonces, and empties the
  // cache. The caller must make them durable on the server (ApplyBucketWrites) before the
  // next access reads them — after committing SaveState() with them (the crash rule).
  // kFailedPrecondition past kMaxSeals.
  Result<SealedBuckets> TakeWrites();
  bool has_pending_writes() const { return !dirty_.empty(); }

  // The client state — the stash and the count of sealed buckets — and the caller's own
  // `extra` bytes (the oblivious map's root), sealed under the state key, to be stored in
  // the client-state store. kFailedPrecondition if writes are pending (TakeWrites first:
  // a state is only meaningful next to the tree it goes with).
  Result<Bytes> SaveState(ByteView extra = {}) const;
  // Replaces the client state with a SaveState() of the same instance and returns its
  // `extra`; drops pending writes. kCorruption (naming the instance) if `state` does not
  // authenticate under this instance's key or does not decode; kInvalidArgument if it was
  // saved with other parameters. On error the state is unchanged.
  Result<Bytes> LoadState(ByteView state);

  int height() const { return height_; }
  uint64_t leaf_count() const { return uint64_t{1} << height_; }
  size_t block_size() const { return block_size_; }
  size_t stash_size() const { return stash_.size(); }
  size_t max_stash() const { return max_stash_; }
  // Paths read so far by this object (each access reads one).
  uint64_t path_reads() const { return path_reads_; }

 private:
  PathOram(const PathOramParams& params, int height, BucketCodec codec, crypto::Aead state_aead,
           BucketStore& store)
      : name_(params.name),
        height_(height),
        block_size_(params.block_size),
        max_stash_(params.max_stash),
        codec_(std::move(codec)),
        state_aead_(std::move(state_aead)),
        store_(&store) {}

  // Fig. 1, lines 3-5: S <- S ∪ ReadBucket(P(x, l)) for every level. On error the stash
  // is unchanged.
  Status ReadPath(uint64_t leaf);
  // Fig. 1, lines 10-15: writes back the path to `leaf` (into the dirty-bucket cache).
  Status EvictPath(uint64_t leaf);
  Status CheckArgs(uint64_t block_id, uint64_t leaf, const ByteView* data) const;
  Error MissingError(uint64_t block_id, uint64_t leaf) const;
  Error MisplacedError(uint64_t block_id, uint64_t actual, uint64_t leaf) const;
  std::string Where() const { return "path oram '" + name_ + "'"; }

  std::string name_;
  int height_;
  size_t block_size_;
  size_t max_stash_;
  BucketCodec codec_;
  crypto::Aead state_aead_;
  BucketStore* store_;

  // S, the stash: block id -> block (with its leaf).
  std::unordered_map<uint64_t, Block> stash_;
  // Buckets written since the last TakeWrites(), in plaintext: id -> its real blocks.
  std::map<uint64_t, std::vector<Block>> dirty_;
  uint64_t sealed_count_ = 0;
  uint64_t path_reads_ = 0;
};

}  // namespace sselab::sse::oram

#endif  // SSELAB_SSE_ORAM_PATH_ORAM_H_
