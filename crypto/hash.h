// SHA-256 and HMAC-SHA256 (SHA-NI where the CPU has it, via Crypto++).
#ifndef SSELAB_CRYPTO_HASH_H_
#define SSELAB_CRYPTO_HASH_H_

#include <array>
#include <cstdint>

#include "base/bytes.h"
#include "crypto/secret_key.h"

namespace sselab::crypto {

using Digest256 = std::array<uint8_t, 32>;

Digest256 Sha256(ByteView data);

// Incremental SHA-256 for large inputs (corpus hashes).
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;
  void Update(ByteView data);
  Digest256 Finish();  // resets the hasher

 private:
  struct Impl;
  Impl* impl_;
};

// HMAC-SHA256(key, data). Any key size is accepted (RFC 2104).
Digest256 HmacSha256(const SecretKey& key, ByteView data);

}  // namespace sselab::crypto

#endif  // SSELAB_CRYPTO_HASH_H_
