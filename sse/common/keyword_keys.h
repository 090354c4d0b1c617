// Per-keyword keys of the Cash et al. constructions: K_i = F(K, i || w).
//
// The client derives them (Π_bas, Π_pack, Π_2lev: Setup, "K1 ← F(K, 1‖w), K2 ← F(K, 2‖w)")
// and sends some of them as the search token; the server turns the bytes it receives back
// into BlockPrfs. F is AES-CMAC (crypto::Prf); each K_i is an AES-128 key.
#ifndef SSELAB_SSE_COMMON_KEYWORD_KEYS_H_
#define SSELAB_SSE_COMMON_KEYWORD_KEYS_H_

#include <cstdint>
#include <string_view>

#include "base/codec.h"
#include "crypto/prf.h"
#include "crypto/secret_key.h"

namespace sselab::sse {

inline constexpr size_t kKeywordKeyBytes = 16;

class KeywordKeys {
 public:
  // K = DeriveSubkey(master, purpose) with purpose e.g. "pibas/prf".
  static Result<KeywordKeys> Create(const crypto::SecretKey& master, std::string_view purpose);

  // K_i = F(K, i || w), kKeywordKeyBytes long.
  crypto::SecretKey Derive(uint8_t i, std::string_view keyword) const;
  // The same K_i as an AES block (the GGM root, a Mitra or Diana key).
  crypto::Block DeriveBlock(uint8_t i, std::string_view keyword) const;
  // BlockPrf keyed with K_i.
  Result<crypto::BlockPrf> BlockPrfFor(uint8_t i, std::string_view keyword) const;

 private:
  explicit KeywordKeys(crypto::Prf prf) : prf_(std::move(prf)) {}
  crypto::Prf prf_;
};

// Server side: reads one kKeywordKeyBytes key from a request and keys a BlockPrf with it.
// kCorruption if the request ends early.
Result<crypto::BlockPrf> ReadBlockPrf(ByteReader& request);

}  // namespace sselab::sse

#endif  // SSELAB_SSE_COMMON_KEYWORD_KEYS_H_
