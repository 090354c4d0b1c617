// Big-endian byte strings to field elements, shared by Fp and Fr.
#ifndef SSELAB_CRYPTO_PAIRING_INTERNAL_BIG_ENDIAN_H_
#define SSELAB_CRYPTO_PAIRING_INTERNAL_BIG_ENDIAN_H_

#include <tuple>

#include "base/bytes.h"
#include "crypto/pairing/internal/montgomery.h"

namespace sselab::crypto::pairing::internal {

// The integer `bytes` (big-endian) as limbs. REQUIRES: bytes.size() <= 8 * N.
template <size_t N>
Limbs<N> LimbsFromBigEndian(ByteView bytes) {
  Limbs<N> v{};
  for (size_t i = 0; i < bytes.size(); ++i) {
    const size_t bit = 8 * (bytes.size() - 1 - i);
    v[bit / 64] |= static_cast<uint64_t>(bytes[i]) << (bit % 64);
  }
  return v;
}

// The integer `bytes` (big-endian, any length) reduced into the field F, by Horner's rule
// over 16-byte chunks: acc = acc * 2^128 + chunk (each chunk is below the modulus).
// `two_to_128` is 2^128 as an element of F.
template <typename F>
F ReduceBigEndian(ByteView bytes, const F& two_to_128) {
  F acc;
  size_t len = bytes.size() % 16;
  if (len == 0) len = 16;
  for (size_t pos = 0; pos < bytes.size(); pos += len, len = 16) {
    acc = acc * two_to_128 +
          F::FromCanonical(
              LimbsFromBigEndian<std::tuple_size_v<typename F::Limbs>>(bytes.subspan(pos, len)));
  }
  return acc;
}

}  // namespace sselab::crypto::pairing::internal

#endif  // SSELAB_CRYPTO_PAIRING_INTERNAL_BIG_ENDIAN_H_
