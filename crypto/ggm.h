// The GGM tree (Goldreich, Goldwasser, Micali 1986) over AES-128: a PRF on leaf numbers
// that can be constrained to a prefix of the leaves, the constrained PRF of Diana
// (Bost, Minaud, Ohrimenko, CCS 2017, §5).
//
// A node is a 16-byte key k; its children are G_0(k) = AES_k(0^128) and
// G_1(k) = AES_k(0^127 || 1), the length-doubling PRG of the construction. A tree of depth
// d has leaves 0 .. 2^d - 1; leaf i is reached from the root by the d bits of i, most
// significant first. The constrained key for the first n leaves is the smallest set of
// nodes whose subtrees cover exactly [0, n): at most d nodes, from which no leaf >= n can
// be computed (each node outside the cover is a PRG output that nothing in the cover
// derives).
//
// AES runs on AES-NI where the processor has it, Crypto++ otherwise (the two are checked
// against each other and against FIPS-197's vector in ggm_test.cc).
#ifndef SSELAB_CRYPTO_GGM_H_
#define SSELAB_CRYPTO_GGM_H_

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "crypto/prf.h"

namespace sselab::crypto {

// out0 = AES_key(in0), out1 = AES_key(in1), with a fresh AES-128 key schedule of `key`.
void AesEncryptPair(const Block& key, const Block& in0, const Block& in1, Block& out0, Block& out1);

// A node of a GGM tree: `depth` levels below the root, the ancestor of the leaves whose
// top `depth` bits are `prefix`.
struct GgmNode {
  uint8_t depth = 0;
  uint64_t prefix = 0;
  Block key{};
};

class GgmTree {
 public:
  static constexpr int kMaxDepth = 63;

  // The two children of node key `k`.
  static void Children(const Block& k, Block& left, Block& right);

  // Leaf `index` of the tree of `depth` rooted at `root`. REQUIRES: index < 2^depth.
  static Block Leaf(const Block& root, int depth, uint64_t index);
  // Leaves first .. first + out.size() - 1, sharing the path above them.
  // REQUIRES: first + out.size() <= 2^depth.
  static void Leaves(const Block& root, int depth, uint64_t first, std::span<Block> out);

  // The constrained key for leaves [0, count): nodes in increasing leaf order.
  // REQUIRES: count <= 2^depth.
  static std::vector<GgmNode> Cover(const Block& root, int depth, uint64_t count);
  // The depths and prefixes of Cover()'s nodes (keys left zero), without any AES: what a
  // server checks a received constrained key against.
  static std::vector<GgmNode> CoverShape(int depth, uint64_t count);

  // Every leaf below the nodes of `cover`, in increasing order: visit(index, leaf).
  // kInvalidArgument if a node is deeper than `depth` or its prefix has more bits than
  // its depth (a malformed key received from a client).
  static Status Expand(std::span<const GgmNode> cover, int depth,
                       const std::function<void(uint64_t index, const Block& leaf)>& visit);
};

}  // namespace sselab::crypto

#endif  // SSELAB_CRYPTO_GGM_H_
