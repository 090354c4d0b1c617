#include "crypto/secret_key.h"

#include <cryptopp/misc.h>

#include <algorithm>
#include <string>

#include "crypto/internal/fatal.h"
#include "crypto/random.h"

namespace sselab::crypto {
namespace {

constexpr size_t kMaxKeySize = 1024;

}  // namespace

SecretKey SecretKey::Generate(size_t size) {
  if (size == 0 || size > kMaxKeySize) {
    internal::Fatal("SecretKey::Generate: size " + std::to_string(size) +
                    " is outside 1..1024 bytes");
  }
  SecretKey key(size);
  RandomBytes(std::span<uint8_t>(key.bytes_.data(), key.bytes_.size()));
  return key;
}

Result<SecretKey> SecretKey::FromBytes(ByteView bytes) {
  if (bytes.empty() || bytes.size() > kMaxKeySize) {
    return InvalidArgumentError("a secret key must be 1 to 1024 bytes, got " +
                                std::to_string(bytes.size()));
  }
  SecretKey key(bytes.size());
  std::copy(bytes.begin(), bytes.end(), key.bytes_.begin());
  return key;
}

bool SecretKey::Equals(const SecretKey& other) const {
  if (size() != other.size()) return false;
  return CryptoPP::VerifyBufsEqual(bytes_.data(), other.bytes_.data(), size());
}

}  // namespace sselab::crypto
