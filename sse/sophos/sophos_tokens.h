// H1 and H2 of Σoφoς (Bost CCS'16, Alg. 1), shared by client and server:
//   UT_i = H1(K_w, ST_i) = CMAC(K_w, 0x01 || ST_i)            (16 bytes)
//   e_i  = BE64(id) XOR H2(K_w, ST_i), H2 = CMAC(K_w, 0x02 || ST_i)[0..8]
// ST_i in its fixed-length big-endian encoding (rsa_tdp.h), K_w an AES-128 key. The paper
// models H1, H2 as random oracles keyed by K_w; a PRF keyed by K_w is the standard
// instantiation (ST_i is public to the server only after a search for w).
#ifndef SSELAB_SSE_SOPHOS_SOPHOS_TOKENS_H_
#define SSELAB_SSE_SOPHOS_SOPHOS_TOKENS_H_

#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/prf.h"
#include "crypto/secret_key.h"
#include "sse/sophos/sophos_messages.h"

namespace sselab::sse::sophos {

class EntryHasher {
 public:
  // kInvalidArgument unless `k_w` is an AES key.
  static Result<EntryHasher> Create(const crypto::SecretKey& k_w);

  // UT = H1(K_w, st).
  crypto::Block Token(ByteView st);
  // BE64(id) XOR H2(K_w, st) (both ways: encrypts and decrypts).
  uint64_t Mask(ByteView st, uint64_t value);

 private:
  explicit EntryHasher(crypto::Prf prf) : prf_(std::move(prf)) {}
  ByteView Input(uint8_t domain, ByteView st);

  crypto::Prf prf_;
  Bytes input_;  // reused: domain byte || st
};

}  // namespace sselab::sse::sophos

#endif  // SSELAB_SSE_SOPHOS_SOPHOS_TOKENS_H_
