// SecretKey: key bytes that cannot be copied, printed or compared in variable time.
//
// Backed by a CryptoPP::SecBlock, which wipes its memory when freed. Keys of up to
// kInlineBytes (every AES key, and the per-keyword keys a search derives) live inside the
// object, longer ones on the heap. The only way to the raw bytes is UnsafeBytes(): grep
// for it to find every place a secret leaves its type (crypto/ only, by convention).
#ifndef SSELAB_CRYPTO_SECRET_KEY_H_
#define SSELAB_CRYPTO_SECRET_KEY_H_

#include <cryptopp/secblock.h>

#include <cstddef>

#include "base/bytes.h"
#include "base/result.h"

namespace sselab::crypto {

class SecretKey {
 public:
  // Keys of up to this many bytes live inside the object (no heap).
  static constexpr unsigned kInlineBytes = 32;

  // A fresh key of `size` bytes from the operating system's CSPRNG. REQUIRES: 0 < size <= 1024.
  static SecretKey Generate(size_t size);
  // Copies `bytes` into a new key. kInvalidArgument if empty or over 1024 bytes. The caller
  // remains responsible for wiping its own copy.
  static Result<SecretKey> FromBytes(ByteView bytes);

  SecretKey(SecretKey&&) noexcept = default;
  SecretKey& operator=(SecretKey&&) noexcept = default;
  SecretKey(const SecretKey&) = delete;
  SecretKey& operator=(const SecretKey&) = delete;
  ~SecretKey() = default;

  size_t size() const { return bytes_.size(); }
  // Constant time in the key contents (sizes are not secret).
  bool Equals(const SecretKey& other) const;

  // The raw key bytes, valid while this key lives. Only crypto/ code calls this.
  ByteView UnsafeBytes() const { return {bytes_.data(), bytes_.size()}; }

 private:
  explicit SecretKey(size_t size) : bytes_(size) {}
  CryptoPP::SecBlockWithHint<CryptoPP::byte, kInlineBytes> bytes_;
};

}  // namespace sselab::crypto

#endif  // SSELAB_CRYPTO_SECRET_KEY_H_
