// AES-256-GCM (NIST SP 800-38D) with random 96-bit nonces.
//
// Sealed format: nonce (12) || ciphertext || tag (16). With random nonces, encrypt at most
// 2^32 messages under one key (SP 800-38D, 8.3).
#ifndef SSELAB_CRYPTO_AEAD_H_
#define SSELAB_CRYPTO_AEAD_H_

#include <memory>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/secret_key.h"

namespace sselab::crypto {

class Aead {
 public:
  static constexpr size_t kKeySize = 32;
  static constexpr size_t kNonceSize = 12;
  static constexpr size_t kTagSize = 16;
  static constexpr size_t kOverhead = kNonceSize + kTagSize;

  // kInvalidArgument unless key.size() == kKeySize.
  static Result<Aead> Create(const SecretKey& key);

  Aead(Aead&&) noexcept;
  Aead& operator=(Aead&&) noexcept;
  ~Aead();

  // nonce || ciphertext || tag, with a fresh random nonce.
  Bytes Seal(ByteView plaintext, ByteView associated_data) const;
  // With a caller-chosen nonce (known-answer tests; deterministic encodings). The caller
  // guarantees a nonce is never reused under one key. REQUIRES: nonce.size() == kNonceSize.
  Bytes SealWithNonce(ByteView nonce, ByteView plaintext, ByteView associated_data) const;
  // The plaintext, or kCorruption if `sealed` is shorter than kOverhead or fails
  // authentication (wrong key, tampered bytes, or wrong associated data).
  Result<Bytes> Open(ByteView sealed, ByteView associated_data) const;

 private:
  struct Impl;
  explicit Aead(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sselab::crypto

#endif  // SSELAB_CRYPTO_AEAD_H_
