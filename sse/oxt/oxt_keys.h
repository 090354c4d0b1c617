// OXT's keys and the pseudorandom values derived from them (CRYPTO'13, Fig. 2, Setup:
// "select key K_S for PRF F, keys K_X, K_I, K_Z for PRF F_p").
//
// F is AES-CMAC (crypto::Prf); F_p maps into Z_ℓ (ℓ the order of ristretto255) by
// reducing 64 bytes of F's expansion, so its output is uniform up to 2^-256. Every key is
// derived from the index's master key with a purpose of its own.
//
// Thread safety: one thread at a time (crypto::Prf). The group operations on the values
// returned are what OXT parallelises; these evaluations are cheap beside them.
#ifndef SSELAB_SSE_OXT_OXT_KEYS_H_
#define SSELAB_SSE_OXT_OXT_KEYS_H_

#include <string_view>

#include "base/result.h"
#include "crypto/block_cipher.h"
#include "crypto/prf.h"
#include "crypto/ristretto255.h"
#include "crypto/secret_key.h"
#include "index/document.h"
#include "sse/common/keyword_keys.h"

namespace sselab::sse::oxt {

using crypto::ristretto255::Scalar;

class OxtKeys {
 public:
  static Result<OxtKeys> Create(const crypto::SecretKey& master);

  // stag ← TSetGetTag(K_T, w): the key of w's TSet labels F(stag, c).
  crypto::SecretKey Stag(std::string_view w) const { return keywords_.Derive(1, w); }
  // K_e ← F(K_S, w): the block cipher of w's entries e = Enc(K_e, ind).
  Result<crypto::BlockCipher> EntryCipher(std::string_view w) const {
    return crypto::BlockCipher::Create(keywords_.Derive(2, w));
  }
  // F_p(K_X, w): w's exponent in every xtag and xtoken.
  Scalar XTrap(std::string_view w) const;
  // z_c ← F_p(K_Z, w ‖ c), the blinding of w's c-th entry (c from 0 here, 1 in the paper).
  Scalar Z(std::string_view w, uint64_t c) const;
  // xind ← F_p(K_I, ind).
  Scalar XInd(index::DocId id) const;

 private:
  OxtKeys(KeywordKeys keywords, crypto::Prf x, crypto::Prf z, crypto::Prf i)
      : keywords_(std::move(keywords)), x_(std::move(x)), z_(std::move(z)), i_(std::move(i)) {}

  KeywordKeys keywords_;  // K_S and the TSet's K_T
  crypto::Prf x_;         // K_X
  crypto::Prf z_;         // K_Z
  crypto::Prf i_;         // K_I
};

}  // namespace sselab::sse::oxt

#endif  // SSELAB_SSE_OXT_OXT_KEYS_H_
