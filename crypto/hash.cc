#include "crypto/hash.h"

#include <cryptopp/hmac.h>
#include <cryptopp/sha.h>

#include <string>

#include "crypto/internal/fatal.h"

namespace sselab::crypto {

static_assert(CryptoPP::SHA256::DIGESTSIZE == std::tuple_size_v<Digest256>);

Digest256 Sha256(ByteView data) {
  Digest256 out;
  CryptoPP::SHA256().CalculateDigest(out.data(), data.data(), data.size());
  return out;
}

struct Sha256Hasher::Impl {
  CryptoPP::SHA256 sha;
};

Sha256Hasher::Sha256Hasher() : impl_(new Impl) {}

Sha256Hasher::~Sha256Hasher() { delete impl_; }

void Sha256Hasher::Update(ByteView data) { impl_->sha.Update(data.data(), data.size()); }

Digest256 Sha256Hasher::Finish() {
  Digest256 out;
  impl_->sha.Final(out.data());  // Final() also restarts the hash
  return out;
}

Digest256 HmacSha256(const SecretKey& key, ByteView data) {
  Digest256 out;
  try {
    ByteView k = key.UnsafeBytes();
    CryptoPP::HMAC<CryptoPP::SHA256> mac(k.data(), k.size());
    mac.CalculateDigest(out.data(), data.data(), data.size());
  } catch (const CryptoPP::Exception& e) {
    // HMAC takes keys of any length; SecretKey caps them at 1024 bytes.
    internal::Fatal(std::string("HMAC-SHA256 failed: ") + e.what());
  }
  return out;
}

}  // namespace sselab::crypto
