// Π_2lev placement: where a posting list goes (dictionary entry, array blocks, or two
// levels of array blocks) and at which positions of the array A its blocks land.
//
// With b ids per dictionary entry and B ids per array block (pointers are 8 bytes, the
// size of an id, so the paper's b' = b and B' = B):
//   small   |DB(w)| <= b            ids in the dictionary entry itself
//   medium  T = ⌈|DB(w)|/B⌉ <= b     T id blocks in A; the entry holds their positions
//   large   T' = ⌈T/B⌉ <= b          T id blocks and T' pointer blocks in A; the entry
//                                    holds the positions of the pointer blocks
// A longer list does not fit (the paper makes the same restriction).
#ifndef SSELAB_SSE_TWOLEV_TWOLEV_LAYOUT_H_
#define SSELAB_SSE_TWOLEV_TWOLEV_LAYOUT_H_

#include <cstdint>
#include <vector>

#include "base/result.h"
#include "crypto/prf.h"

namespace sselab::sse::twolev {

// Stored in the (encrypted) dictionary entry; the server reads it after decryption.
enum class Shape : uint8_t { kSmall = 0, kMedium = 1, kLarge = 2 };

struct Geometry {
  uint64_t dict_ids;   // b: ids (or pointers) per dictionary entry
  uint64_t block_ids;  // B: ids (or pointers) per array block

  uint64_t MaxSmall() const { return dict_ids; }
  uint64_t MaxMedium() const { return dict_ids * block_ids; }
  uint64_t MaxLarge() const { return dict_ids * block_ids * block_ids; }
};

struct Layout {
  Shape shape;
  uint64_t id_blocks;       // T: blocks of ids in A (0 when small)
  uint64_t pointer_blocks;  // T': blocks of pointers in A (0 unless large)
};

// The layout of a list of `n` ids. kInvalidArgument, naming the parameters to raise, if
// n > g.MaxLarge(). REQUIRES: g.dict_ids >= 1, g.block_ids >= 1.
Result<Layout> PlanList(uint64_t n, const Geometry& g);

// Draws the positions of array blocks: uniformly random 64-bit values (AES under a fresh
// key on a counter, truncated), so the blocks of one list are scattered over A and nothing
// at rest ties a block to a keyword or to the build order. Positions collide with
// probability about n² / 2^65 after n blocks; a collision makes the server's setup commit
// fail (two entries with one key), never a silent loss.
class PositionSource {
 public:
  static Result<PositionSource> Create();
  uint64_t Next();

 private:
  explicit PositionSource(crypto::BlockPrf prf) : prf_(std::move(prf)) {}

  crypto::BlockPrf prf_;
  uint64_t counter_ = 0;
  std::vector<crypto::Block> buffer_;
  size_t used_ = 0;
};

}  // namespace sselab::sse::twolev

#endif  // SSELAB_SSE_TWOLEV_TWOLEV_LAYOUT_H_
