// What Mitra derives for update c of keyword w (Chamani et al. CCS'18, Alg. 2, Update
// lines 3-4 and Search line 3): addr = G(K_w, c || 0) and the pad G(K_w, c || 1) that
// encrypts (id || op). G is AES-128 keyed with K_w = F(K, w) on the blocks
// BE64(c) || 0^7 || b (papers/cppj18.md, deviations: the paper's G(K, w || c || b)).
#ifndef SSELAB_SSE_MITRA_MITRA_TOKENS_H_
#define SSELAB_SSE_MITRA_MITRA_TOKENS_H_

#include <cstdint>

#include "crypto/prf.h"

namespace sselab::sse::mitra {

struct UpdateTokens {
  crypto::Block addr;
  crypto::Block pad;
};

UpdateTokens TokensOf(const crypto::Block& keyword_key, uint64_t counter);

}  // namespace sselab::sse::mitra

#endif  // SSELAB_SSE_MITRA_MITRA_TOKENS_H_
