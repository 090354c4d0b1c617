// What Diana derives from a GGM leaf T_c (papers/bmo17.md: Update lines 4-6 and Search
// lines 6-9): the update token UT_c = H_1(K'_w, T_c) and the mask H_2(K'_w, T_c) that
// encrypts the id. H_1 || H_2 is AES-128 keyed with the leaf on K'_w and K'_w XOR 1
// (papers/bmo17.md, deviations: the paper leaves H_1 and H_2 as random oracles).
#ifndef SSELAB_SSE_DIANA_DIANA_TOKENS_H_
#define SSELAB_SSE_DIANA_DIANA_TOKENS_H_

#include <cstdint>

#include "base/codec.h"
#include "crypto/prf.h"

namespace sselab::sse::diana {

struct LeafTokens {
  crypto::Block token;  // UT_c
  crypto::Block pad;    // H_2(K'_w, T_c), whole (Diana_del masks 16-byte values with it)
  uint64_t mask;        // the first 8 bytes of H_2, big-endian (Diana masks ids with it)
};

// The second input block, K'_w XOR 0^127 1, computed once per search or update.
crypto::Block SecondInput(const crypto::Block& k_prime);

LeafTokens TokensOf(const crypto::Block& leaf, const crypto::Block& k_prime,
                    const crypto::Block& second_input);

}  // namespace sselab::sse::diana

#endif  // SSELAB_SSE_DIANA_DIANA_TOKENS_H_
