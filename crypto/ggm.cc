#include "crypto/ggm.h"

#include <cryptopp/aes.h>

#include <cstring>

#include "crypto/internal/aes128_ni.h"

namespace sselab::crypto {
namespace {

void EncryptPairPortable(const Block& key, const Block& in0, const Block& in1, Block& out0,
                         Block& out1) {
  CryptoPP::AES::Encryption aes(key.data(), key.size());
  aes.ProcessBlock(in0.data(), out0.data());
  aes.ProcessBlock(in1.data(), out1.data());
}

constexpr Block kLeftInput{};
constexpr Block kRightInput = [] {
  Block b{};
  b[15] = 1;
  return b;
}();

// Fills leaves [first, first + out.size()) of the subtree of `node` (height `height`),
// whose leaves are numbered from 0 within it.
void FillRange(const Block& node, int height, uint64_t first, std::span<Block> out) {
  if (out.empty()) return;
  if (height == 0) {
    out[0] = node;
    return;
  }
  const uint64_t half = uint64_t{1} << (height - 1);
  Block left, right;
  const uint64_t end = first + out.size();
  if (end <= half) {
    // Only the left subtree: the right child is not needed, but the PRG makes both.
    GgmTree::Children(node, left, right);
    FillRange(left, height - 1, first, out);
  } else if (first >= half) {
    GgmTree::Children(node, left, right);
    FillRange(right, height - 1, first - half, out);
  } else {
    GgmTree::Children(node, left, right);
    const size_t in_left = half - first;
    FillRange(left, height - 1, first, out.first(in_left));
    FillRange(right, height - 1, 0, out.subspan(in_left));
  }
}

void VisitSubtree(const Block& node, int height, uint64_t base,
                  const std::function<void(uint64_t, const Block&)>& visit) {
  if (height == 0) {
    visit(base, node);
    return;
  }
  Block left, right;
  GgmTree::Children(node, left, right);
  VisitSubtree(left, height - 1, base, visit);
  VisitSubtree(right, height - 1, base + (uint64_t{1} << (height - 1)), visit);
}

}  // namespace

void AesEncryptPair(const Block& key, const Block& in0, const Block& in1, Block& out0,
                    Block& out1) {
  if (internal::HaveAesNi()) {
    internal::Aes128EncryptPairFreshKey(key, in0, in1, out0, out1);
    return;
  }
  EncryptPairPortable(key, in0, in1, out0, out1);
}

void GgmTree::Children(const Block& k, Block& left, Block& right) {
  AesEncryptPair(k, kLeftInput, kRightInput, left, right);
}

Block GgmTree::Leaf(const Block& root, int depth, uint64_t index) {
  Block out;
  Leaves(root, depth, index, std::span<Block>(&out, 1));
  return out;
}

void GgmTree::Leaves(const Block& root, int depth, uint64_t first, std::span<Block> out) {
  FillRange(root, depth, first, out);
}

std::vector<GgmNode> GgmTree::Cover(const Block& root, int depth, uint64_t count) {
  std::vector<GgmNode> cover;
  if (count == 0) return cover;
  if (depth < 64 && count == (uint64_t{1} << depth)) return {{0, 0, root}};
  // Walk from the root along the path of leaf `count`: wherever it turns right, the left
  // sibling's subtree lies wholly below `count`.
  Block node = root;
  for (int level = 0; level < depth; ++level) {
    const int shift = depth - 1 - level;
    const uint64_t prefix = count >> shift;  // level + 1 bits
    Block left, right;
    Children(node, left, right);
    if (prefix & 1) {
      cover.push_back({static_cast<uint8_t>(level + 1), prefix & ~uint64_t{1}, left});
      node = right;
    } else {
      node = left;
    }
  }
  return cover;
}

std::vector<GgmNode> GgmTree::CoverShape(int depth, uint64_t count) {
  std::vector<GgmNode> shape;
  if (count == 0) return shape;
  if (depth < 64 && count == (uint64_t{1} << depth)) return {{0, 0, Block{}}};
  for (int level = 0; level < depth; ++level) {
    const uint64_t prefix = count >> (depth - 1 - level);
    if (prefix & 1) shape.push_back({static_cast<uint8_t>(level + 1), prefix & ~uint64_t{1}, {}});
  }
  return shape;
}

Status GgmTree::Expand(std::span<const GgmNode> cover, int depth,
                       const std::function<void(uint64_t index, const Block& leaf)>& visit) {
  for (const GgmNode& n : cover) {
    if (n.depth > depth || (n.depth < 64 && (n.prefix >> n.depth) != 0)) {
      return InvalidArgumentError("GGM node at depth " + std::to_string(n.depth) +
                                  " does not fit a tree of depth " + std::to_string(depth));
    }
    const int height = depth - n.depth;
    VisitSubtree(n.key, height, n.prefix << height, visit);
  }
  return OkStatus();
}

}  // namespace sselab::crypto
