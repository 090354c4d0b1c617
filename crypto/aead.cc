#include "crypto/aead.h"

#include <cryptopp/aes.h>
#include <cryptopp/gcm.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <string>

#include "crypto/internal/fatal.h"
#include "crypto/random.h"

namespace sselab::crypto {
namespace {

constexpr int kNonceLength = static_cast<int>(Aead::kNonceSize);

}  // namespace

// Crypto++'s GCM objects carry per-message state, so one Aead serialises its calls with a
// mutex: the header makes no single-thread restriction, and the lock is uncontended in the
// one-object-per-thread case.
struct Aead::Impl {
  std::mutex mu;
  CryptoPP::GCM<CryptoPP::AES>::Encryption enc;
  CryptoPP::GCM<CryptoPP::AES>::Decryption dec;
};

Aead::Aead(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Aead::Aead(Aead&&) noexcept = default;
Aead& Aead::operator=(Aead&&) noexcept = default;
Aead::~Aead() = default;

Result<Aead> Aead::Create(const SecretKey& key) {
  if (key.size() != kKeySize) {
    return InvalidArgumentError("AES-256-GCM key must be 32 bytes, got " +
                                std::to_string(key.size()));
  }
  try {
    auto impl = std::make_unique<Impl>();
    // Crypto++ insists on an IV at keying time; every call passes its own nonce.
    const std::array<uint8_t, kNonceSize> placeholder{};
    ByteView k = key.UnsafeBytes();
    impl->enc.SetKeyWithIV(k.data(), k.size(), placeholder.data(), placeholder.size());
    impl->dec.SetKeyWithIV(k.data(), k.size(), placeholder.data(), placeholder.size());
    return Aead(std::move(impl));
  } catch (const CryptoPP::Exception& e) {
    return InternalError(std::string("AES-GCM key setup failed: ") + e.what());
  }
}

Bytes Aead::Seal(ByteView plaintext, ByteView associated_data) const {
  std::array<uint8_t, kNonceSize> nonce;
  RandomBytes(std::span<uint8_t>(nonce));
  return SealWithNonce(nonce, plaintext, associated_data);
}

Bytes Aead::SealWithNonce(ByteView nonce, ByteView plaintext, ByteView associated_data) const {
  if (nonce.size() != kNonceSize) {
    internal::Fatal("Aead::SealWithNonce: nonce must be 12 bytes, got " +
                    std::to_string(nonce.size()));
  }
  Bytes sealed(kOverhead + plaintext.size());
  std::copy(nonce.begin(), nonce.end(), sealed.begin());
  uint8_t* ciphertext = sealed.data() + kNonceSize;
  uint8_t* tag = ciphertext + plaintext.size();
  try {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->enc.EncryptAndAuthenticate(ciphertext, tag, kTagSize, nonce.data(), kNonceLength,
                                      associated_data.data(), associated_data.size(),
                                      plaintext.data(), plaintext.size());
  } catch (const CryptoPP::Exception& e) {
    // Only reachable past GCM's length limits (2^39 - 256 bits of plaintext).
    internal::Fatal(std::string("AES-GCM encryption failed: ") + e.what());
  }
  return sealed;
}

Result<Bytes> Aead::Open(ByteView sealed, ByteView associated_data) const {
  if (sealed.size() < kOverhead) {
    return CorruptionError("AES-GCM message of " + std::to_string(sealed.size()) +
                           " bytes is shorter than its 28-byte nonce and tag");
  }
  ByteView nonce = sealed.first(kNonceSize);
  ByteView ciphertext = sealed.subspan(kNonceSize, sealed.size() - kOverhead);
  ByteView tag = sealed.last(kTagSize);
  Bytes plaintext(ciphertext.size());
  bool authentic = false;
  try {
    std::lock_guard<std::mutex> lock(impl_->mu);
    authentic = impl_->dec.DecryptAndVerify(
        plaintext.data(), tag.data(), kTagSize, nonce.data(), kNonceLength, associated_data.data(),
        associated_data.size(), ciphertext.data(), ciphertext.size());
  } catch (const CryptoPP::Exception& e) {
    return InternalError(std::string("AES-GCM decryption failed: ") + e.what());
  }
  if (!authentic) {
    return CorruptionError("AES-GCM authentication failed on a " + std::to_string(sealed.size()) +
                           "-byte message (wrong key, tampered bytes, or wrong associated data)");
  }
  return plaintext;
}

}  // namespace sselab::crypto
