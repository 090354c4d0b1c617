#include "sse/oram/path_oram.h"

#include <algorithm>
#include <unordered_set>
#include <utility>

#include "base/codec.h"
#include "crypto/kdf.h"
#include "crypto/random.h"
#include "sse/oram/tree_layout.h"

namespace sselab::sse::oram {
namespace {

constexpr uint8_t kStateVersion = 1;
constexpr std::string_view kStateAd = "sselab/oram/state/v1";
constexpr size_t kMaxBlockSize = size_t{1} << 20;

}  // namespace

Result<PathOram> PathOram::Create(const PathOramParams& params, const crypto::SecretKey& master,
                                  BucketStore& store) {
  if (params.capacity == 0 || params.capacity > (uint64_t{1} << kMaxHeight)) {
    return InvalidArgumentError("path oram: capacity must be 1 .. 2^40, got " +
                                std::to_string(params.capacity));
  }
  if (params.block_size == 0 || params.block_size > kMaxBlockSize) {
    return InvalidArgumentError("path oram: block size must be 1 .. 2^20 bytes, got " +
                                std::to_string(params.block_size));
  }
  if (params.name.empty()) return InvalidArgumentError("path oram: the instance needs a name");
  if (params.max_stash == 0) return InvalidArgumentError("path oram: max_stash must be > 0");
  const std::string purpose = "oram/" + params.name;
  SSELAB_ASSIGN_OR_RETURN(crypto::Aead bucket_aead, crypto::Aead::Create(crypto::DeriveSubkey(
                                                        master, purpose + "/buckets", 32)));
  SSELAB_ASSIGN_OR_RETURN(crypto::Aead state_aead, crypto::Aead::Create(crypto::DeriveSubkey(
                                                       master, purpose + "/state", 32)));
  const int height = HeightForCapacity(params.capacity);
  return PathOram(params, height, BucketCodec(std::move(bucket_aead), height, params.block_size),
                  std::move(state_aead), store);
}

uint64_t PathOram::RandomLeaf() const {
  // L is a power of two: masking a uniform 64-bit word is uniform, with no modulo bias.
  return crypto::RandomU64() & (leaf_count() - 1);
}

Status PathOram::CheckArgs(uint64_t block_id, uint64_t leaf, const ByteView* data) const {
  if (block_id == 0) return InvalidArgumentError(Where() + ": block id 0 is the dummy block");
  if (leaf >= leaf_count()) {
    return InvalidArgumentError(Where() + ": leaf " + std::to_string(leaf) + " out of range (" +
                                std::to_string(leaf_count()) + " leaves)");
  }
  if (data != nullptr && data->size() != block_size_) {
    return InvalidArgumentError(Where() + ": payload of " + std::to_string(data->size()) +
                                " bytes, blocks hold " + std::to_string(block_size_));
  }
  return OkStatus();
}

Error PathOram::MissingError(uint64_t block_id, uint64_t leaf) const {
  return NotFoundError(Where() + ": block " + std::to_string(block_id) +
                       " is neither on the path to leaf " + std::to_string(leaf) +
                       " nor in the stash");
}

Error PathOram::MisplacedError(uint64_t block_id, uint64_t actual, uint64_t leaf) const {
  return CorruptionError(Where() + ": block " + std::to_string(block_id) + " is mapped to leaf " +
                         std::to_string(actual) + ", not " + std::to_string(leaf));
}

Status PathOram::ReadPath(uint64_t leaf) {
  const std::vector<uint64_t> path = PathBuckets(height_, leaf);
  // The server is asked for the whole path even when some of its buckets are in the dirty
  // cache (the root always is, after the first access of an operation): what it sees is
  // one full path per access, as in the paper. Cached buckets are taken from the cache.
  SSELAB_ASSIGN_OR_RETURN(std::vector<Bytes> sealed, store_->Read(path));
  ++path_reads_;
  if (sealed.size() != path.size()) {
    return InternalError(Where() + ": the bucket store returned " + std::to_string(sealed.size()) +
                         " buckets for a path of " + std::to_string(path.size()));
  }
  std::vector<Block> fetched;
  for (size_t l = 0; l < path.size(); ++l) {
    auto cached = dirty_.find(path[l]);
    if (cached != dirty_.end()) {
      fetched.insert(fetched.end(), cached->second.begin(), cached->second.end());
      continue;
    }
    if (sealed[l].empty()) continue;  // never written: all dummies
    SSELAB_ASSIGN_OR_RETURN(std::vector<Block> blocks, codec_.Open(path[l], sealed[l]));
    for (Block& b : blocks) fetched.push_back(std::move(b));
  }
  // A block is in exactly one place. Two copies mean the server returned a stale bucket
  // (a replay of an older version) or the state does not match the tree.
  std::unordered_set<uint64_t> seen;
  for (const Block& b : fetched) {
    if (stash_.contains(b.id) || !seen.insert(b.id).second) {
      return CorruptionError(Where() + ": block " + std::to_string(b.id) +
                             " found twice on the path to leaf " + std::to_string(leaf) +
                             " (a stale bucket, or a client state that is not the tree's)");
    }
  }
  for (Block& b : fetched) {
    const uint64_t id = b.id;
    stash_.emplace(id, std::move(b));  // Fig. 1, line 4
  }
  return OkStatus();
}

Status PathOram::EvictPath(uint64_t leaf) {
  // Fig. 1, line 11 for every level at once: a stash block mapped to leaf x' may go into
  // the buckets of this path down to level CommonDepth(x', leaf).
  std::vector<std::vector<uint64_t>> by_depth(static_cast<size_t>(height_) + 1);
  for (const auto& [id, b] : stash_) {
    by_depth[static_cast<size_t>(CommonDepth(height_, b.leaf, leaf))].push_back(id);
  }
  std::vector<uint64_t> eligible;       // blocks that may live at the current level
  for (int l = height_; l >= 0; --l) {  // Fig. 1, line 10: from the leaf up
    const auto& deepest_here = by_depth[static_cast<size_t>(l)];
    eligible.insert(eligible.end(), deepest_here.begin(), deepest_here.end());
    std::vector<Block> bucket;
    // Line 12: select min(|S'|, Z) blocks; line 13: S <- S - S'.
    while (bucket.size() < kBucketSlots && !eligible.empty()) {
      auto node = stash_.extract(eligible.back());
      eligible.pop_back();
      bucket.push_back(std::move(node.mapped()));
    }
    // Line 14: WriteBucket(P(x, l), S'), held in the cache until TakeWrites().
    dirty_[BucketOnPath(height_, leaf, l)] = std::move(bucket);
  }
  if (stash_.size() > max_stash_) {
    return InternalError(Where() + ": stash overflow, " + std::to_string(stash_.size()) +
                         " blocks > " + std::to_string(max_stash_));
  }
  return OkStatus();
}

Result<Bytes> PathOram::Access(Op op, uint64_t block_id, uint64_t leaf, uint64_t new_leaf,
                               ByteView new_data) {
  SSELAB_RETURN_IF_ERROR(CheckArgs(block_id, leaf, op == Op::kWrite ? &new_data : nullptr));
  SSELAB_RETURN_IF_ERROR(CheckArgs(block_id, new_leaf, nullptr));
  // Lines 1-2 (x <- position[a]; position[a] <- UniformRandom) are the caller's: `leaf`
  // and `new_leaf`.
  SSELAB_RETURN_IF_ERROR(ReadPath(leaf));  // lines 3-5
  auto it = stash_.find(block_id);         // line 6: read block a from S
  if (it != stash_.end() && it->second.leaf != leaf) {
    const uint64_t actual = it->second.leaf;
    SSELAB_RETURN_IF_ERROR(EvictPath(leaf));  // keeps the ORAM consistent
    return MisplacedError(block_id, actual, leaf);
  }
  Bytes old;
  if (it == stash_.end()) {
    if (op == Op::kRead) {
      SSELAB_RETURN_IF_ERROR(EvictPath(leaf));
      return MissingError(block_id, leaf);
    }
    it = stash_.emplace(block_id, Block{block_id, new_leaf, {}}).first;
  } else {
    old = it->second.data;
  }
  it->second.leaf = new_leaf;                                 // line 2, on the block itself
  if (op == Op::kWrite) it->second.data = ToBytes(new_data);  // lines 7-9
  SSELAB_RETURN_IF_ERROR(EvictPath(leaf));                    // lines 10-15
  return old;                                                 // line 16
}

Result<Bytes> PathOram::ReadAndRemove(uint64_t block_id, uint64_t leaf) {
  SSELAB_RETURN_IF_ERROR(CheckArgs(block_id, leaf, nullptr));
  SSELAB_RETURN_IF_ERROR(ReadPath(leaf));
  auto it = stash_.find(block_id);
  if (it == stash_.end() || it->second.leaf != leaf) {
    const bool found = it != stash_.end();
    const uint64_t actual = found ? it->second.leaf : 0;
    SSELAB_RETURN_IF_ERROR(EvictPath(leaf));  // keeps the ORAM consistent
    return found ? MisplacedError(block_id, actual, leaf) : MissingError(block_id, leaf);
  }
  Bytes data = std::move(it->second.data);
  stash_.erase(it);
  SSELAB_RETURN_IF_ERROR(EvictPath(leaf));
  return data;
}

Status PathOram::Add(uint64_t block_id, uint64_t leaf, ByteView data) {
  SSELAB_RETURN_IF_ERROR(CheckArgs(block_id, leaf, &data));
  if (!stash_.emplace(block_id, Block{block_id, leaf, ToBytes(data)}).second) {
    return InvalidArgumentError(Where() + ": block " + std::to_string(block_id) +
                                " is already in the stash");
  }
  if (stash_.size() > max_stash_) {
    return InternalError(Where() + ": stash overflow, " + std::to_string(stash_.size()) +
                         " blocks > " + std::to_string(max_stash_));
  }
  return OkStatus();
}

Status PathOram::DummyAccess() {
  const uint64_t leaf = RandomLeaf();
  SSELAB_RETURN_IF_ERROR(ReadPath(leaf));
  return EvictPath(leaf);
}

Result<SealedBuckets> PathOram::BulkLoad(std::vector<Block> blocks) {
  if (!stash_.empty() || !dirty_.empty() || sealed_count_ != 0 || path_reads_ != 0) {
    return FailedPreconditionError(Where() + ": BulkLoad into an ORAM that is not empty");
  }
  std::unordered_set<uint64_t> ids;
  for (const Block& b : blocks) {
    const ByteView data(b.data);
    SSELAB_RETURN_IF_ERROR(CheckArgs(b.id, b.leaf, &data));
    if (!ids.insert(b.id).second) {
      return InvalidArgumentError(Where() + ": BulkLoad given block " + std::to_string(b.id) +
                                  " twice");
    }
  }
  if (blocks.size() > kMaxSeals) {
    return FailedPreconditionError(Where() + ": BulkLoad of more than 2^32 blocks");
  }
  // Deepest-first greedy placement, the invariant of Path ORAM: every block lies on the
  // path to its leaf, or in the stash.
  std::map<uint64_t, std::vector<Block>> tree;
  std::unordered_map<uint64_t, Block> overflow;
  for (Block& b : blocks) {
    bool placed = false;
    for (int l = height_; l >= 0 && !placed; --l) {
      std::vector<Block>& bucket = tree[BucketOnPath(height_, b.leaf, l)];
      if (bucket.size() < kBucketSlots) {
        bucket.push_back(std::move(b));
        placed = true;
      }
    }
    if (!placed) {
      const uint64_t id = b.id;
      overflow.emplace(id, std::move(b));
    }
  }
  if (overflow.size() > max_stash_) {
    return InternalError(Where() + ": BulkLoad overflows the stash, " +
                         std::to_string(overflow.size()) + " blocks > " +
                         std::to_string(max_stash_));
  }
  SealedBuckets out;
  for (const auto& [id, bucket] : tree) {
    if (!bucket.empty()) out.emplace(id, codec_.Seal(id, bucket));
  }
  sealed_count_ += out.size();
  stash_ = std::move(overflow);
  return out;
}

Result<SealedBuckets> PathOram::TakeWrites() {
  if (sealed_count_ + dirty_.size() > kMaxSeals) {
    return FailedPreconditionError(Where() +
                                   ": 2^32 buckets sealed under one key; re-key the "
                                   "ORAM (rebuild it under a new name)");
  }
  SealedBuckets out;
  for (const auto& [id, blocks] : dirty_) out.emplace(id, codec_.Seal(id, blocks));
  sealed_count_ += dirty_.size();
  dirty_.clear();
  return out;
}

// State: U8 version ‖ U8 height ‖ U64 block size ‖ U64 sealed count ‖ varint n ‖
// n × (U64 id ‖ U64 leaf ‖ B bytes), ids ascending ‖ length-prefixed extra; sealed with the
// state key, AD = kStateAd.
Result<Bytes> PathOram::SaveState(ByteView extra) const {
  if (!dirty_.empty()) {
    return FailedPreconditionError(Where() + ": SaveState with writes pending (TakeWrites first)");
  }
  std::vector<const Block*> blocks;
  blocks.reserve(stash_.size());
  for (const auto& [id, b] : stash_) blocks.push_back(&b);
  std::sort(blocks.begin(), blocks.end(),
            [](const Block* a, const Block* b) { return a->id < b->id; });
  ByteWriter w(32 + blocks.size() * (16 + block_size_) + extra.size());
  w.U8(kStateVersion);
  w.U8(static_cast<uint8_t>(height_));
  w.U64(block_size_);
  w.U64(sealed_count_);
  w.Varint(blocks.size());
  for (const Block* b : blocks) {
    w.U64(b->id);
    w.U64(b->leaf);
    w.Raw(b->data);
  }
  w.LengthPrefixed(extra);
  return state_aead_.Seal(w.bytes(), AsBytes(kStateAd));
}

Result<Bytes> PathOram::LoadState(ByteView state) {
  Result<Bytes> plain = state_aead_.Open(state, AsBytes(kStateAd));
  if (!plain.ok()) {
    return CorruptionError(Where() +
                           " state: does not authenticate (wrong key, another "
                           "instance's state, or tampered)");
  }
  ByteReader r(*plain, Where() + " state");
  SSELAB_ASSIGN_OR_RETURN(uint8_t version, r.U8());
  if (version != kStateVersion) return r.Malformed("unknown version " + std::to_string(version));
  SSELAB_ASSIGN_OR_RETURN(uint8_t height, r.U8());
  SSELAB_ASSIGN_OR_RETURN(uint64_t block_size, r.U64());
  if (height != height_ || block_size != block_size_) {
    return InvalidArgumentError(Where() + ": state saved for height " + std::to_string(height) +
                                " and " + std::to_string(block_size) + "-byte blocks, not " +
                                std::to_string(height_) + " and " + std::to_string(block_size_));
  }
  SSELAB_ASSIGN_OR_RETURN(uint64_t sealed_count, r.U64());
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, r.Varint());
  if (n > max_stash_) return r.Malformed("stash of " + std::to_string(n) + " blocks");
  std::unordered_map<uint64_t, Block> stash;
  for (uint64_t i = 0; i < n; ++i) {
    Block b;
    SSELAB_ASSIGN_OR_RETURN(b.id, r.U64());
    SSELAB_ASSIGN_OR_RETURN(b.leaf, r.U64());
    SSELAB_ASSIGN_OR_RETURN(ByteView data, r.Raw(block_size_));
    if (b.id == 0 || b.leaf >= leaf_count()) return r.Malformed("block id or leaf out of range");
    b.data = ToBytes(data);
    const uint64_t id = b.id;
    if (!stash.emplace(id, std::move(b)).second) return r.Malformed("a block twice in the stash");
  }
  SSELAB_ASSIGN_OR_RETURN(ByteView extra, r.LengthPrefixed(plain->size()));
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  stash_ = std::move(stash);
  sealed_count_ = sealed_count;
  dirty_.clear();
  return ToBytes(extra);
}

}  // namespace sselab::sse::oram
