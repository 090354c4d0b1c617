#include "sse/oram/bucket.h"

#include <algorithm>
#include <array>
#include <string>

#include "base/codec.h"
#include "sse/oram/tree_layout.h"

namespace sselab::sse::oram {
namespace {

std::array<uint8_t, 8> BucketAd(uint64_t bucket_id) {
  std::array<uint8_t, 8> ad;
  StoreBe64(bucket_id, ad.data());
  return ad;
}

}  // namespace

Bytes BucketCodec::Seal(uint64_t bucket_id, std::span<const Block> blocks) const {
  Bytes plain(PlaintextSize(), 0);  // free slots stay all zeros: dummy blocks
  uint8_t* slot = plain.data();
  for (const Block& b : blocks) {
    StoreBe64(b.id, slot);
    StoreBe64(b.leaf, slot + 8);
    std::copy(b.data.begin(), b.data.end(), slot + 16);
    slot += SlotSize();
  }
  return aead_.Seal(plain, BucketAd(bucket_id));
}

Result<std::vector<Block>> BucketCodec::Open(uint64_t bucket_id, ByteView sealed) const {
  const std::string where = "oram bucket " + std::to_string(bucket_id);
  if (sealed.size() != sealed_size()) {
    return CorruptionError(where + ": " + std::to_string(sealed.size()) + " bytes, expected " +
                           std::to_string(sealed_size()));
  }
  Result<Bytes> plain = aead_.Open(sealed, BucketAd(bucket_id));
  if (!plain.ok()) {
    return CorruptionError(where + ": does not authenticate (tampered, moved, or wrong key)");
  }
  const int level = LevelOf(bucket_id);
  if (bucket_id == 0 || level > height_) return InternalError(where + ": not in the tree");
  std::vector<Block> blocks;
  for (size_t s = 0; s < kBucketSlots; ++s) {
    const uint8_t* slot = plain->data() + s * SlotSize();
    const uint64_t id = LoadBe64(slot);
    if (id == 0) continue;  // a dummy
    const uint64_t leaf = LoadBe64(slot + 8);
    // Invariant of Path ORAM (§3.2): a block lives on the path to its leaf.
    if (leaf >> height_ != 0 || BucketOnPath(height_, leaf, level) != bucket_id) {
      return CorruptionError(where + ": block " + std::to_string(id) + " mapped to leaf " +
                             std::to_string(leaf) + " is off its path");
    }
    blocks.push_back({id, leaf, Bytes(slot + 16, slot + SlotSize())});
  }
  return blocks;
}

}  // namespace sselab::sse::oram
