// The RSA trapdoor permutation of Sophos (Bost, CCS 2016, Sec. 4): π_PK(x) = x^e mod N,
// π_SK^{-1}(y) = y^d mod N, on elements of Z_N in a fixed-length big-endian encoding.
//
// RsaPublicKey (N, e) is what the server holds; RsaTrapdoor adds the factorization and is
// derived deterministically from the index's master key, so a reopened index finds the
// same key with no key file of its own. Key derivation (version-stable: it depends only
// on the PRF and on which numbers are prime, not on Crypto++'s key generator):
//   K_rsa = HKDF(master, "sophos/rsa/<bits>"); for each prime, a candidate of bits/2
//   bits is expanded from K_rsa (AES-CMAC counter mode, crypto::Prf::Expand) with its two
//   top bits and its low bit set; the prime is the first prime p >= candidate with
//   gcd(p - 1, e) = 1 (Crypto++ FirstPrime). e = 65537, d = e^{-1} mod lcm(p-1, q-1).
// Private operations use the CRT. They are not constant-time (Crypto++ Integer): they
// run on the client, which the honest-but-curious server of the model cannot time.
#ifndef SSELAB_SSE_SOPHOS_RSA_TDP_H_
#define SSELAB_SSE_SOPHOS_RSA_TDP_H_

#include <cstdint>
#include <memory>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/secret_key.h"

namespace sselab::sse::sophos {

inline constexpr uint32_t kRsaPublicExponent = 65537;
// Modulus sizes RsaTrapdoor::Derive accepts and RsaPublicKey::Decode accepts.
inline constexpr unsigned kMinRsaBits = 1024;
inline constexpr unsigned kMaxRsaBits = 8192;

class RsaPublicKey {
 public:
  // Reads Encode()'s output: varint |N| | N (big-endian, no leading zero) | BE32 e.
  // kCorruption unless it is well formed with N odd of kMinRsaBits..kMaxRsaBits bits and
  // e odd, 3 <= e < N.
  static Result<RsaPublicKey> Decode(ByteView encoding);
  Bytes Encode() const;

  // Bytes of an element's encoding: ⌈|N| / 8⌉.
  size_t element_size() const;
  unsigned modulus_bits() const;

  // Whether `x` encodes an element: element_size() bytes, value < N.
  bool IsElement(ByteView x) const;
  // π_PK(x) = x^e mod N. kCorruption unless IsElement(x).
  Result<Bytes> Forward(ByteView x) const;

 private:
  friend class RsaTrapdoor;
  struct Impl;
  explicit RsaPublicKey(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

class RsaTrapdoor {
 public:
  // kInvalidArgument unless kMinRsaBits <= modulus_bits <= kMaxRsaBits and even. Takes
  // about 0.1 s (1024 bits) to a few s (3072 bits).
  static Result<RsaTrapdoor> Derive(const crypto::SecretKey& master, unsigned modulus_bits);

  RsaTrapdoor(RsaTrapdoor&&) noexcept;
  RsaTrapdoor& operator=(RsaTrapdoor&&) noexcept;
  ~RsaTrapdoor();

  const RsaPublicKey& public_key() const { return public_key_; }

  // The element `seed` reduces to mod N. REQUIRES (else kInvalidArgument): `seed` has at
  // least element_size() + 8 bytes, so the result is within 2^-64 of uniform on Z_N.
  Result<Bytes> ElementFromSeed(ByteView seed) const;
  // π_SK^{-1}(x) = x^d mod N. kInvalidArgument unless IsElement(x).
  Result<Bytes> Inverse(ByteView x) const;
  // π_SK^{-c}(x) = x^(d^c) mod N, c inverses at the cost of one: the exponents
  // d^c mod (p-1) and d^c mod (q-1) take a few dozen small multiplications.
  Result<Bytes> InverseSteps(ByteView x, uint64_t c) const;

 private:
  struct Impl;
  RsaTrapdoor(std::unique_ptr<const Impl> impl, RsaPublicKey public_key);
  std::unique_ptr<const Impl> impl_;
  RsaPublicKey public_key_;
};

}  // namespace sselab::sse::sophos

#endif  // SSELAB_SSE_SOPHOS_RSA_TDP_H_
