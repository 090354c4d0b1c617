#include "sse/oram/oblivious_map.h"

#include <cstring>
#include <string>
#include <utility>

#include "base/codec.h"

namespace sselab::sse::oram {
namespace {

constexpr uint8_t kMapStateVersion = 1;

int CompareKeys(ByteView a, ByteView b) { return std::memcmp(a.data(), b.data(), a.size()); }

}  // namespace

Result<ObliviousMap> ObliviousMap::Create(const ObliviousMapParams& params,
                                          const crypto::SecretKey& master, BucketStore& store) {
  if (params.capacity == 0 || params.capacity > (uint64_t{1} << 32)) {
    return InvalidArgumentError("oblivious map: capacity must be 1 .. 2^32, got " +
                                std::to_string(params.capacity));
  }
  if (params.key_size == 0 || params.key_size > 1024 || params.value_size > (1 << 16)) {
    return InvalidArgumentError(
        "oblivious map: key size must be 1 .. 1024 and value size at "
        "most 65536 bytes");
  }
  const int accesses = MaxAvlHeight(params.capacity);
  const AvlNodeCodec codec(params.key_size, params.value_size);
  PathOramParams oram_params{
      .capacity = params.capacity,
      .block_size = codec.block_size(),
      .name = params.name,
      // Between two operations the stash also holds the working set Add()ed back: at most
      // one node per access, plus the inserted node.
      .max_stash = PathOramParams::kDefaultMaxStash + static_cast<size_t>(accesses) + 1,
  };
  SSELAB_ASSIGN_OR_RETURN(PathOram oram, PathOram::Create(oram_params, master, store));
  return ObliviousMap(params, accesses, std::move(oram));
}

Status ObliviousMap::CheckKey(ByteView key) const {
  if (key.size() != codec_.key_size()) {
    return InvalidArgumentError("oblivious map: key of " + std::to_string(key.size()) +
                                " bytes, expected " + std::to_string(codec_.key_size()));
  }
  return OkStatus();
}

Result<AvlNode*> ObliviousMap::Fetch(const ChildRef& ref, WorkingSet& ws) {
  auto it = ws.nodes.find(ref.id);
  if (it != ws.nodes.end()) return &it->second;
  // A path never has more nodes than the AVL height bound; more means a broken tree.
  if (ws.fetches >= accesses_per_op_) {
    return InternalError("oblivious map: a path longer than the AVL bound of " +
                         std::to_string(accesses_per_op_));
  }
  ++ws.fetches;
  Result<Bytes> block = oram_.ReadAndRemove(ref.id, ref.leaf);
  if (!block.ok()) {
    if (block.error().code() != ErrorCode::kNotFound) return block.error();
    // The parent (authenticated) says the node is there: the server lost it.
    return CorruptionError("oblivious map: node " + std::to_string(ref.id) +
                           " is missing from the tree (" + block.error().message() + ")");
  }
  SSELAB_ASSIGN_OR_RETURN(AvlNode node, codec_.Decode(ref.id, *block));
  return &ws.nodes.emplace(ref.id, std::move(node)).first->second;
}

Result<AvlNode*> ObliviousMap::InWorkingSet(uint64_t id, WorkingSet& ws) const {
  auto it = ws.nodes.find(id);
  if (it == ws.nodes.end()) {
    return InternalError("oblivious map: rotation needs node " + std::to_string(id) +
                         ", which is off the insertion path");
  }
  return &it->second;
}

Result<std::optional<Bytes>> ObliviousMap::Get(ByteView key) {
  SSELAB_RETURN_IF_ERROR(CheckKey(key));
  WorkingSet ws;
  std::optional<Bytes> value;
  ChildRef ref = root_;
  while (ref.id != 0) {  // step 1: walk down, one access per node
    SSELAB_ASSIGN_OR_RETURN(AvlNode * node, Fetch(ref, ws));
    const int c = CompareKeys(key, node->key);
    if (c == 0) {
      value = node->value;
      break;
    }
    ref = c < 0 ? node->left : node->right;
  }
  SSELAB_RETURN_IF_ERROR(Finish(root_, ws));  // steps 3-4
  return value;
}

Status ObliviousMap::Put(ByteView key, ByteView value) {
  SSELAB_RETURN_IF_ERROR(CheckKey(key));
  if (value.size() != codec_.value_size()) {
    return InvalidArgumentError("oblivious map: value of " + std::to_string(value.size()) +
                                " bytes, expected " + std::to_string(codec_.value_size()));
  }
  WorkingSet ws;
  SSELAB_ASSIGN_OR_RETURN(ChildRef new_root, Insert(root_, key, value, ws));  // steps 1-2
  SSELAB_RETURN_IF_ERROR(Finish(new_root, ws));                               // steps 3-4
  if (ws.full) {
    return FailedPreconditionError("oblivious map: full (" + std::to_string(capacity_) + " keys)");
  }
  return OkStatus();
}

// The recursive AVL insertion (Adelson-Velsky and Landis 1962), on the working set.
Result<ChildRef> ObliviousMap::Insert(const ChildRef& ref, ByteView key, ByteView value,
                                      WorkingSet& ws) {
  if (ref.id == 0) {  // the key is new: a leaf node, block id size_ + 1
    if (size_ >= capacity_) {
      ws.full = true;
      return ref;
    }
    const uint64_t id = ++size_;
    ws.nodes.emplace(id, AvlNode{ToBytes(key), ToBytes(value), {}, {}});
    return ChildRef{id, 0, 1};  // its leaf is drawn at write-back
  }
  SSELAB_ASSIGN_OR_RETURN(AvlNode * node, Fetch(ref, ws));
  const int c = CompareKeys(key, node->key);
  if (c == 0) {  // replace: the shape does not change
    node->value = ToBytes(value);
    return ref;
  }
  // `node` stays valid: unordered_map never moves its elements.
  if (c < 0) {
    SSELAB_ASSIGN_OR_RETURN(node->left, Insert(node->left, key, value, ws));
  } else {
    SSELAB_ASSIGN_OR_RETURN(node->right, Insert(node->right, key, value, ws));
  }
  return Rebalance(ref.id, ws);
}

Result<ChildRef> ObliviousMap::Rebalance(uint64_t id, WorkingSet& ws) {
  SSELAB_ASSIGN_OR_RETURN(AvlNode * node, InWorkingSet(id, ws));
  // After one insertion the taller child, and its taller child, are on the insertion path,
  // hence in the working set: no rotation needs a node the walk did not fetch.
  if (node->balance() > 1) {
    SSELAB_ASSIGN_OR_RETURN(AvlNode * left, InWorkingSet(node->left.id, ws));
    if (left->balance() < 0) {  // left-right case
      SSELAB_ASSIGN_OR_RETURN(node->left, RotateLeft(node->left.id, ws));
    }
    return RotateRight(id, ws);
  }
  if (node->balance() < -1) {
    SSELAB_ASSIGN_OR_RETURN(AvlNode * right, InWorkingSet(node->right.id, ws));
    if (right->balance() > 0) {  // right-left case
      SSELAB_ASSIGN_OR_RETURN(node->right, RotateRight(node->right.id, ws));
    }
    return RotateLeft(id, ws);
  }
  return ChildRef{id, 0, node->height()};
}

// Right rotation at x, whose left child is y (a, b, c are subtrees):
//   x(y(a, b), c)  ->  y(a, x(b, c))
Result<ChildRef> ObliviousMap::RotateRight(uint64_t id, WorkingSet& ws) {
  SSELAB_ASSIGN_OR_RETURN(AvlNode * x, InWorkingSet(id, ws));
  const uint64_t y_id = x->left.id;
  SSELAB_ASSIGN_OR_RETURN(AvlNode * y, InWorkingSet(y_id, ws));
  x->left = y->right;
  y->right = ChildRef{id, 0, x->height()};
  return ChildRef{y_id, 0, y->height()};
}

// The mirror image of RotateRight.
Result<ChildRef> ObliviousMap::RotateLeft(uint64_t id, WorkingSet& ws) {
  SSELAB_ASSIGN_OR_RETURN(AvlNode * x, InWorkingSet(id, ws));
  const uint64_t y_id = x->right.id;
  SSELAB_ASSIGN_OR_RETURN(AvlNode * y, InWorkingSet(y_id, ws));
  x->right = y->left;
  y->left = ChildRef{id, 0, x->height()};
  return ChildRef{y_id, 0, y->height()};
}

Status ObliviousMap::Finish(const ChildRef& new_root, WorkingSet& ws) {
  // Step 3: pad to the same number of accesses for every operation.
  for (; ws.fetches < accesses_per_op_; ++ws.fetches) {
    SSELAB_RETURN_IF_ERROR(oram_.DummyAccess());
  }
  // Step 4: fresh leaves and write-back. The working set is a connected subtree holding
  // the root, so one walk from the root reaches all of it.
  size_t written = 0;
  SSELAB_ASSIGN_OR_RETURN(root_, WriteBack(new_root, ws, written));
  if (written != ws.nodes.size()) {
    return InternalError("oblivious map: " + std::to_string(ws.nodes.size() - written) +
                         " working-set nodes unreachable from the root");
  }
  return OkStatus();
}

Result<ChildRef> ObliviousMap::WriteBack(const ChildRef& ref, WorkingSet& ws, size_t& written) {
  auto it = ws.nodes.find(ref.id);
  if (ref.id == 0 || it == ws.nodes.end()) return ref;  // untouched: its leaf still holds
  AvlNode& node = it->second;
  // Children first, so that their new leaves are in this node before it is added back
  // (the pointer-based technique: the parent is still in the client's working set).
  SSELAB_ASSIGN_OR_RETURN(node.left, WriteBack(node.left, ws, written));
  SSELAB_ASSIGN_OR_RETURN(node.right, WriteBack(node.right, ws, written));
  const ChildRef fresh{ref.id, oram_.RandomLeaf(), node.height()};
  SSELAB_RETURN_IF_ERROR(oram_.Add(fresh.id, fresh.leaf, codec_.Encode(node)));
  ++written;
  return fresh;
}

Result<SealedBuckets> ObliviousMap::BulkBuild(std::span<const MapEntry> entries) {
  if (size_ != 0 || root_.id != 0 || oram_.path_reads() != 0 || oram_.has_pending_writes()) {
    return FailedPreconditionError("oblivious map: BulkBuild into a map that is not empty");
  }
  if (entries.size() > capacity_) {
    return FailedPreconditionError("oblivious map: BulkBuild of " + std::to_string(entries.size()) +
                                   " keys, capacity " + std::to_string(capacity_));
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    SSELAB_RETURN_IF_ERROR(CheckKey(entries[i].key));
    if (entries[i].value.size() != codec_.value_size()) {
      return InvalidArgumentError("oblivious map: BulkBuild value " + std::to_string(i) + " of " +
                                  std::to_string(entries[i].value.size()) + " bytes, expected " +
                                  std::to_string(codec_.value_size()));
    }
    if (i > 0 && CompareKeys(entries[i - 1].key, entries[i].key) >= 0) {
      return InvalidArgumentError("oblivious map: BulkBuild keys not strictly ascending at " +
                                  std::to_string(i));
    }
  }
  std::vector<Block> blocks;
  blocks.reserve(entries.size());
  const ChildRef root = BuildRange(entries, 0, entries.size(), blocks);
  if (root.height > accesses_per_op_) {
    return InternalError("oblivious map: BulkBuild tree of height " + std::to_string(root.height) +
                         " > the AVL bound " + std::to_string(accesses_per_op_));
  }
  SSELAB_ASSIGN_OR_RETURN(SealedBuckets buckets, oram_.BulkLoad(std::move(blocks)));
  root_ = root;
  size_ = entries.size();
  return buckets;
}

ChildRef ObliviousMap::BuildRange(std::span<const MapEntry> entries, size_t lo, size_t hi,
                                  std::vector<Block>& blocks) const {
  if (lo >= hi) return ChildRef{};
  const size_t mid = lo + (hi - lo) / 2;
  AvlNode node{entries[mid].key, entries[mid].value, BuildRange(entries, lo, mid, blocks),
               BuildRange(entries, mid + 1, hi, blocks)};
  const ChildRef ref{mid + 1, oram_.RandomLeaf(), node.height()};
  blocks.push_back(Block{ref.id, ref.leaf, codec_.Encode(node)});
  return ref;
}

// Map state (the PathOram's `extra`): U8 version ‖ U64 capacity ‖ U64 key size ‖
// U64 value size ‖ U64 size ‖ root: U64 id ‖ U64 leaf ‖ U8 height.
Result<Bytes> ObliviousMap::SaveState() const {
  ByteWriter w;
  w.U8(kMapStateVersion);
  w.U64(capacity_);
  w.U64(codec_.key_size());
  w.U64(codec_.value_size());
  w.U64(size_);
  w.U64(root_.id);
  w.U64(root_.leaf);
  w.U8(root_.height);
  return oram_.SaveState(w.bytes());
}

Status ObliviousMap::LoadState(ByteView state) {
  SSELAB_ASSIGN_OR_RETURN(Bytes extra, oram_.LoadState(state));
  ByteReader r(extra, "oblivious map state");
  SSELAB_ASSIGN_OR_RETURN(uint8_t version, r.U8());
  if (version != kMapStateVersion) return r.Malformed("unknown version " + std::to_string(version));
  SSELAB_ASSIGN_OR_RETURN(uint64_t capacity, r.U64());
  SSELAB_ASSIGN_OR_RETURN(uint64_t key_size, r.U64());
  SSELAB_ASSIGN_OR_RETURN(uint64_t value_size, r.U64());
  if (capacity != capacity_ || key_size != codec_.key_size() || value_size != codec_.value_size()) {
    return InvalidArgumentError("oblivious map: state saved with other parameters");
  }
  ChildRef root;
  SSELAB_ASSIGN_OR_RETURN(uint64_t size, r.U64());
  SSELAB_ASSIGN_OR_RETURN(root.id, r.U64());
  SSELAB_ASSIGN_OR_RETURN(root.leaf, r.U64());
  SSELAB_ASSIGN_OR_RETURN(root.height, r.U8());
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  if (size > capacity || (size == 0) != (root.id == 0) || root.leaf >= oram_.leaf_count()) {
    return r.Malformed("size or root out of range");
  }
  size_ = size;
  root_ = root;
  return OkStatus();
}

}  // namespace sselab::sse::oram
