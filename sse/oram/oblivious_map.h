// ObliviousMap: a key-value map whose accesses the server cannot tell apart — an AVL tree
// of ORAM blocks (Wang, Nayak, Liu, Chan, Shi, Stefanov, Huang, "Oblivious Data
// Structures", ACM CCS 2014, ePrint 2014/185), over one PathOram. Orion (Chamani,
// Papadopoulos, Papamanthou, Jalili, CCS 2018) keeps its two maps this way.
// Notes: papers/path-oram.md.
//
// Each node is one block (avl_node.h) that stores its children's block ids and leaves, so
// no position map is needed: the client keeps only the root's (id, leaf), the number of
// keys, and the PathOram's stash. An operation (Wang et al.'s framework):
//   1. walks down from the root, taking each node out of the ORAM (ReadAndRemove) into a
//      client-side working set — one ORAM access per node on the path;
//   2. for Put, inserts or replaces in the working set and rebalances there (every node a
//      rotation touches after an insertion lies on the insertion path);
//   3. pads with DummyAccess() to exactly accesses_per_operation() ORAM accesses;
//   4. gives every node of the working set a fresh RandomLeaf(), children before parents,
//      writes each child's new leaf into its parent (still in the working set), and Add()s
//      the nodes back to the stash (no server access).
//
// Server's view: every Get and every Put is exactly accesses_per_operation() =
// MaxAvlHeight(capacity) path reads, each of a uniformly random leaf (22 for capacity
// 2^16); whether the key was present, inserted or replaced, and where it is in the tree,
// do not change it. The writes of an operation reach the server only through TakeWrites().
//
// Keys are fixed-size byte strings ordered bytewise; values are fixed-size. No deletion.
// Thread safety: none. The BucketStore outlives the map. After an error the map's state is
// unspecified: LoadState() the last committed state.
#ifndef SSELAB_SSE_ORAM_OBLIVIOUS_MAP_H_
#define SSELAB_SSE_ORAM_OBLIVIOUS_MAP_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/secret_key.h"
#include "sse/oram/avl_node.h"
#include "sse/oram/bucket_store.h"
#include "sse/oram/path_oram.h"

namespace sselab::sse::oram {

// One key-value pair of a bulk build.
struct MapEntry {
  Bytes key;
  Bytes value;
};

struct ObliviousMapParams {
  // The most keys the map holds (1 .. 2^32); sizes the ORAM and the access padding.
  uint64_t capacity = 0;
  // Bytes of every key (e.g. a 16-byte PRF output of a keyword) and of every value.
  size_t key_size = 16;
  size_t value_size = 0;
  // Names the ORAM instance (its keys are derived from it, see PathOramParams::name).
  std::string name;
};

class ObliviousMap {
 public:
  // An empty map over `store` (a tree of absent buckets), or one to LoadState() into.
  // kInvalidArgument for parameters out of range.
  static Result<ObliviousMap> Create(const ObliviousMapParams& params,
                                     const crypto::SecretKey& master, BucketStore& store);

  ObliviousMap(ObliviousMap&&) noexcept = default;
  ObliviousMap& operator=(ObliviousMap&&) noexcept = default;

  // The value of `key`, or nullopt. kInvalidArgument for a key of the wrong size;
  // kCorruption if a node is missing or malformed; the PathOram's errors.
  Result<std::optional<Bytes>> Get(ByteView key);
  // Inserts `key` or replaces its value. kInvalidArgument for a key or value of the wrong
  // size. kFailedPrecondition if the key is new and the map holds `capacity` keys: the
  // operation still runs to its end (same accesses, map unchanged, consistent), so the
  // caller takes its writes as after any other Put. Otherwise errors as Get.
  Status Put(ByteView key, ByteView value);

  // Bulk initialization of a map that is still empty (just Create()d, nothing done on
  // it): `entries`, keys strictly ascending, become a perfectly balanced AVL tree (the
  // median of each range at its root, so sibling heights differ by at most one) laid out
  // on the client: node i (0-based rank) is block i + 1, every node gets its own
  // RandomLeaf(), and PathOram::BulkLoad places the blocks. Returns the sealed buckets of
  // the whole tree, to be stored on the server (ApplyBucketWrites, or a setup upload)
  // before the map's first operation; SaveState() is then the state that goes with them.
  // The server's view of later operations is that of a map filled by Put: every node's
  // leaf is uniform and independent, and used once. Errors: kFailedPrecondition if the
  // map is not empty or `entries` exceeds the capacity; kInvalidArgument for a key or
  // value of the wrong size, or keys not strictly ascending; PathOram::BulkLoad's errors.
  Result<SealedBuckets> BulkBuild(std::span<const MapEntry> entries);

  // The sealed buckets the operations since the last call wrote (PathOram::TakeWrites):
  // Gets write too, since every access re-encrypts its path.
  Result<SealedBuckets> TakeWrites() { return oram_.TakeWrites(); }
  // The client state: the root, the size, and the PathOram's stash, sealed. As
  // PathOram::SaveState (kFailedPrecondition with writes pending).
  Result<Bytes> SaveState() const;
  // kCorruption if `state` is not a SaveState() of this instance; kInvalidArgument if it
  // was saved with other parameters.
  Status LoadState(ByteView state);

  uint64_t size() const { return size_; }
  uint64_t capacity() const { return capacity_; }
  // ORAM accesses (path reads) per Get and per Put: MaxAvlHeight(capacity).
  int accesses_per_operation() const { return accesses_per_op_; }
  const PathOram& oram() const { return oram_; }

 private:
  // The nodes taken out of the ORAM during one operation, by block id.
  struct WorkingSet {
    std::unordered_map<uint64_t, AvlNode> nodes;
    int fetches = 0;    // ORAM accesses made so far
    bool full = false;  // a Put of a new key found the map full
  };

  ObliviousMap(const ObliviousMapParams& params, int accesses_per_op, PathOram oram)
      : capacity_(params.capacity),
        accesses_per_op_(accesses_per_op),
        codec_(params.key_size, params.value_size),
        oram_(std::move(oram)) {}

  // The node `ref` points to, taken out of the ORAM on first use (one ORAM access).
  Result<AvlNode*> Fetch(const ChildRef& ref, WorkingSet& ws);
  // A node already in the working set; kInternal if it is not (a broken invariant).
  Result<AvlNode*> InWorkingSet(uint64_t id, WorkingSet& ws) const;
  // Inserts or replaces below `ref`; returns the subtree's new root reference.
  Result<ChildRef> Insert(const ChildRef& ref, ByteView key, ByteView value, WorkingSet& ws);
  // Restores the AVL balance at node `id`; returns the subtree's new root reference.
  Result<ChildRef> Rebalance(uint64_t id, WorkingSet& ws);
  Result<ChildRef> RotateRight(uint64_t id, WorkingSet& ws);
  Result<ChildRef> RotateLeft(uint64_t id, WorkingSet& ws);
  // Steps 3 and 4: pads the accesses, then writes the working set back with fresh leaves.
  Status Finish(const ChildRef& new_root, WorkingSet& ws);
  Result<ChildRef> WriteBack(const ChildRef& ref, WorkingSet& ws, size_t& written);
  // The balanced subtree of entries[lo, hi) for BulkBuild: appends its nodes to `blocks`.
  ChildRef BuildRange(std::span<const MapEntry> entries, size_t lo, size_t hi,
                      std::vector<Block>& blocks) const;
  Status CheckKey(ByteView key) const;

  uint64_t capacity_;
  int accesses_per_op_;
  AvlNodeCodec codec_;
  PathOram oram_;
  ChildRef root_;      // the client's only pointer into the tree
  uint64_t size_ = 0;  // keys held; nodes are blocks 1 .. size_ (no deletion)
};

}  // namespace sselab::sse::oram

#endif  // SSELAB_SSE_ORAM_OBLIVIOUS_MAP_H_
