// The shape of Path ORAM's server tree: which buckets lie on the path to a leaf.
//
// The tree has height h and L = 2^h leaves (Stefanov et al., CCS 2013, §3.1: "a binary
// tree of height L" — the paper calls the height L; here it is `height`, and L is the
// number of leaves). Buckets are numbered as in a binary heap: the root is bucket 1, the
// children of bucket b are 2b and 2b + 1, so level l holds buckets 2^l .. 2^(l+1) - 1 and
// leaf x (0 <= x < 2^h) is bucket 2^h + x. Bucket id 0 names no bucket.
//
// P(x, l) of the paper, the bucket at level l on the path from the root to leaf x, is then
// (2^h + x) >> (h - l): the top l bits of x below a leading 1.
#ifndef SSELAB_SSE_ORAM_TREE_LAYOUT_H_
#define SSELAB_SSE_ORAM_TREE_LAYOUT_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sselab::sse::oram {

// The deepest tree the ORAM supports: 2^40 leaves is far beyond any client's stash budget.
inline constexpr int kMaxHeight = 40;

// P(x, l): the bucket at `level` (0 = root .. height = leaf) on the path to `leaf`.
// REQUIRES: 0 <= level <= height, leaf < 2^height.
inline uint64_t BucketOnPath(int height, uint64_t leaf, int level) {
  return ((uint64_t{1} << height) + leaf) >> (height - level);
}

// The buckets of the path to `leaf`, root first: P(x, 0), ..., P(x, height).
inline std::vector<uint64_t> PathBuckets(int height, uint64_t leaf) {
  std::vector<uint64_t> path(static_cast<size_t>(height) + 1);
  for (int l = 0; l <= height; ++l) path[static_cast<size_t>(l)] = BucketOnPath(height, leaf, l);
  return path;
}

// The level of `bucket` (root = 0). REQUIRES: bucket != 0.
inline int LevelOf(uint64_t bucket) { return static_cast<int>(std::bit_width(bucket)) - 1; }

// The deepest level at which the paths to leaves `a` and `b` share their bucket: a block
// mapped to leaf `a` may sit in the buckets of path `b` at levels 0 .. CommonDepth(a, b).
// This is the test of Path ORAM Fig. 1, line 11, P(x, l) = P(position[a'], l), for all l.
inline int CommonDepth(int height, uint64_t a, uint64_t b) {
  return height - static_cast<int>(std::bit_width(a ^ b));
}

// The height h of the smallest tree with L = 2^h >= `capacity` leaves (at least 1), as
// Path ORAM §3.1 sets L = ceil(log2 N).
inline int HeightForCapacity(uint64_t capacity) {
  int h = 1;
  while (h < kMaxHeight && (uint64_t{1} << h) < capacity) ++h;
  return h;
}

}  // namespace sselab::sse::oram

#endif  // SSELAB_SSE_ORAM_TREE_LAYOUT_H_
