// A node of the oblivious AVL tree, as one fixed-size ORAM block.
//
// Wang, Nayak, Liu, Chan, Shi, Stefanov, Huang, "Oblivious Data Structures", ACM CCS 2014
// (IACR ePrint 2014/185), the pointer-based technique: a node keeps, for each child, the
// child's block id AND the leaf that block is mapped to, so walking down the tree needs
// no position map — the client only keeps the root's (id, leaf). Here a child reference
// also carries the child subtree's height, so that rebalancing after an insertion needs
// only the nodes on the insertion path (no sibling is read to learn its height).
//
// Block layout (block_size = K + V + 2 × 17 bytes):
//   key (K) ‖ value (V) ‖ left: BE64 id ‖ BE64 leaf ‖ U8 height ‖ right: the same.
// A missing child is id 0, leaf 0, height 0.
#ifndef SSELAB_SSE_ORAM_AVL_NODE_H_
#define SSELAB_SSE_ORAM_AVL_NODE_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"

namespace sselab::sse::oram {

// Where a subtree is: its root's block id (0: empty subtree) and leaf, and its height.
struct ChildRef {
  uint64_t id = 0;
  uint64_t leaf = 0;
  uint8_t height = 0;
};

struct AvlNode {
  Bytes key;
  Bytes value;
  ChildRef left;
  ChildRef right;

  // 1 + the taller child's height: a leaf node has height 1.
  uint8_t height() const { return static_cast<uint8_t>(1 + std::max(left.height, right.height)); }
  // height(left) - height(right); AVL keeps it in [-1, 1].
  int balance() const { return int{left.height} - int{right.height}; }
};

class AvlNodeCodec {
 public:
  static constexpr size_t kChildRefSize = 17;

  AvlNodeCodec(size_t key_size, size_t value_size) : key_size_(key_size), value_size_(value_size) {}

  size_t key_size() const { return key_size_; }
  size_t value_size() const { return value_size_; }
  size_t block_size() const { return key_size_ + value_size_ + 2 * kChildRefSize; }

  // REQUIRES: node.key and node.value of key_size and value_size bytes.
  Bytes Encode(const AvlNode& node) const;
  // kCorruption (naming block `block_id`) for a block of the wrong size or a child
  // reference that is not well formed (an empty child with a leaf or height, a child of
  // height 0).
  Result<AvlNode> Decode(uint64_t block_id, ByteView block) const;

 private:
  size_t key_size_;
  size_t value_size_;
};

// The greatest height of an AVL tree of `n` nodes: the largest h whose sparsest AVL tree,
// of N(h) = N(h-1) + N(h-2) + 1 nodes (N(0) = 0, N(1) = 1), has at most n nodes. Below
// 1.4405 log2(n + 2) - 0.3277 (Knuth, TAOCP vol. 3, §6.2.3). MaxAvlHeight(2^16) = 22.
int MaxAvlHeight(uint64_t n);

}  // namespace sselab::sse::oram

#endif  // SSELAB_SSE_ORAM_AVL_NODE_H_
