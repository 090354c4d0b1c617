// BlockCipher: AES-128/192/256 on single 16-byte blocks, both directions — a PRP whose
// inverse the key holder needs (Diana_del's tags: the server compares them, only the
// client turns them back into document ids). For the forward direction alone, BlockPrf
// (crypto/prf.h) pipelines many blocks.
#ifndef SSELAB_CRYPTO_BLOCK_CIPHER_H_
#define SSELAB_CRYPTO_BLOCK_CIPHER_H_

#include <memory>

#include "base/result.h"
#include "crypto/prf.h"
#include "crypto/secret_key.h"

namespace sselab::crypto {

class BlockCipher {
 public:
  // kInvalidArgument unless key.size() is 16, 24 or 32.
  static Result<BlockCipher> Create(const SecretKey& key);

  BlockCipher(BlockCipher&&) noexcept;
  BlockCipher& operator=(BlockCipher&&) noexcept;
  ~BlockCipher();

  Block Encrypt(const Block& in) const;
  Block Decrypt(const Block& in) const;

 private:
  struct Impl;
  explicit BlockCipher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sselab::crypto

#endif  // SSELAB_CRYPTO_BLOCK_CIPHER_H_
