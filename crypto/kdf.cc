#include "crypto/kdf.h"

#include <cryptopp/hkdf.h>
#include <cryptopp/secblock.h>
#include <cryptopp/sha.h>

#include <string>

#include "crypto/internal/fatal.h"

namespace sselab::crypto {
namespace {

constexpr size_t kMaxHkdfLength = size_t{255} * CryptoPP::SHA256::DIGESTSIZE;  // RFC 5869, 2.3
constexpr size_t kMaxSecretKeySize = 1024;                                     // SecretKey's limit
constexpr std::string_view kSubkeySalt = "sselab/v1";

}  // namespace

Result<SecretKey> Hkdf(const SecretKey& ikm, ByteView salt, ByteView info, size_t length) {
  if (length == 0 || length > kMaxHkdfLength) {
    return InvalidArgumentError("HKDF-SHA256 output length must be 1 to 8160 bytes, got " +
                                std::to_string(length));
  }
  if (length > kMaxSecretKeySize) {
    return InvalidArgumentError("HKDF-SHA256 output length " + std::to_string(length) +
                                " exceeds the 1024-byte limit of a SecretKey");
  }
  CryptoPP::SecByteBlock okm(length);  // wiped when freed
  try {
    ByteView k = ikm.UnsafeBytes();
    // An empty salt reaches HMAC as an empty key, which RFC 5869 treats the same as the
    // default (HashLen zero bytes): HMAC zero-pads keys to the block size either way.
    CryptoPP::HKDF<CryptoPP::SHA256>().DeriveKey(okm.data(), okm.size(), k.data(), k.size(),
                                                 salt.data(), salt.size(), info.data(),
                                                 info.size());
  } catch (const CryptoPP::Exception& e) {
    return InternalError(std::string("HKDF-SHA256 failed: ") + e.what());
  }
  return SecretKey::FromBytes(ByteView(okm.data(), okm.size()));
}

SecretKey DeriveSubkey(const SecretKey& master, std::string_view purpose, size_t length) {
  Result<SecretKey> key = Hkdf(master, AsBytes(kSubkeySalt), AsBytes(purpose), length);
  if (!key.ok()) {
    internal::Fatal("DeriveSubkey(\"" + std::string(purpose) + "\"): " + key.error().message());
  }
  return std::move(key).value();
}

}  // namespace sselab::crypto
