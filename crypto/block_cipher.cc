#include "crypto/block_cipher.h"

#include <cryptopp/aes.h>

#include <string>

namespace sselab::crypto {

struct BlockCipher::Impl {
  CryptoPP::AES::Encryption enc;
  CryptoPP::AES::Decryption dec;
};

BlockCipher::BlockCipher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BlockCipher::BlockCipher(BlockCipher&&) noexcept = default;
BlockCipher& BlockCipher::operator=(BlockCipher&&) noexcept = default;
BlockCipher::~BlockCipher() = default;

Result<BlockCipher> BlockCipher::Create(const SecretKey& key) {
  const size_t n = key.size();
  if (n != 16 && n != 24 && n != 32) {
    return InvalidArgumentError("block cipher key must be 16, 24 or 32 bytes (AES), got " +
                                std::to_string(n));
  }
  try {
    auto impl = std::make_unique<Impl>();
    impl->enc.SetKey(key.UnsafeBytes().data(), n);
    impl->dec.SetKey(key.UnsafeBytes().data(), n);
    return BlockCipher(std::move(impl));
  } catch (const CryptoPP::Exception& e) {
    return InternalError(std::string("AES key setup failed: ") + e.what());
  }
}

Block BlockCipher::Encrypt(const Block& in) const {
  Block out;
  impl_->enc.ProcessBlock(in.data(), out.data());
  return out;
}

Block BlockCipher::Decrypt(const Block& in) const {
  Block out;
  impl_->dec.ProcessBlock(in.data(), out.data());
  return out;
}

}  // namespace sselab::crypto
