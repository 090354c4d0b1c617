// Tag linking: grouping stored public-key tags by keyword with public keys only.
//
// A PEKS/PAEKS server holds randomized tags and the public keys of the parties. Whatever
// a scheme says about its tags, the server can compute with them: pair the tags' group
// elements with every public G2 element it knows and look for a quantity that does not
// depend on a tag's randomness. This attack searches the bilinear relations of degree 2:
// for a stored value it takes every compressed G1 point at an 8-byte-aligned offset (the
// tag's layout is not asked of the scheme: any 48 bytes that decode as a point in the
// subgroup count), every G2 element Q_a of the public keys (plus the generator g2), and
// computes
//   I(i, a, j, b, ±) = e(P_i, Q_a) · e(P_j, Q_b)^(±1),   i < j,
// indexed by the two offsets, the two elements and the sign. Two values with the same
// invariant for the same (i, a, j, b, ±) are linked: for independent random group
// elements that collision has negligible probability, so every link is real structure.
//
// What it finds, worked out in papers/hl17.md and papers/leakage.md:
//   paeks-hl17  C1 = H(w)^y g1^r, C2 = (g1^x)^r, pk_R ∋ g2^x:
//               e(C1, g2^x) · e(C2, g2)^-1 = e(H(w), g2)^(xy), the same for every tag of w
//               (it is the trapdoor T_w itself). Every tag is grouped by keyword.
//   peks-bdop04 A = g1^r with B a hash: one point per tag, nothing to pair it against
//               that cancels r. No link (as its IND-CKA proof says).
//   paeks-qchlz20 as BDOP'04, keyed by the sender-receiver DH value: no link.
// Cost: one pairing per (point, G2 element) per value, then GT products.
#ifndef SSELAB_LEAKAGE_ATTACKS_TAG_LINKING_H_
#define SSELAB_LEAKAGE_ATTACKS_TAG_LINKING_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/bytes.h"

namespace sselab::leakage::attacks {

struct TagLinks {
  // label[i]: a group number for values[i]; equal numbers = linked.
  std::vector<uint32_t> label;
  uint64_t g1_points = 0;    // points found over all values
  uint64_t g2_elements = 0;  // public G2 elements used (the generator included)
  uint64_t links = 0;        // value pairs joined (union operations that merged)
  // The invariant that linked the most values, e.g. "e(P@0, K1) * e(P@48, g2)^-1", or
  // empty when nothing linked.
  std::string best_invariant;
};

// `public_keys` are encodings of public keys (any number of 96-byte compressed G2 points
// at 8-byte-aligned offsets are taken from each; other bytes are ignored).
TagLinks LinkTags(std::span<const ByteView> values, std::span<const ByteView> public_keys);

}  // namespace sselab::leakage::attacks

#endif  // SSELAB_LEAKAGE_ATTACKS_TAG_LINKING_H_
