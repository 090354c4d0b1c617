#include "sse/diana/diana_tokens.h"

#include "crypto/ggm.h"

namespace sselab::sse::diana {

crypto::Block SecondInput(const crypto::Block& k_prime) {
  crypto::Block b = k_prime;
  b[15] ^= 1;
  return b;
}

LeafTokens TokensOf(const crypto::Block& leaf, const crypto::Block& k_prime,
                    const crypto::Block& second_input) {
  LeafTokens out;
  crypto::AesEncryptPair(leaf, k_prime, second_input, out.token, out.pad);
  out.mask = LoadBe64(out.pad.data());
  return out;
}

}  // namespace sselab::sse::diana
