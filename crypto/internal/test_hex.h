// Test vectors written in hex: bytes and secret keys from a test's own constants.
#ifndef SSELAB_CRYPTO_INTERNAL_TEST_HEX_H_
#define SSELAB_CRYPTO_INTERNAL_TEST_HEX_H_

#include <string_view>

#include "base/bytes.h"
#include "crypto/secret_key.h"

namespace sselab::crypto::internal {

// REQUIRES: `hex` is valid hex (the tests' own constants).
inline Bytes Hex(std::string_view hex) { return HexDecode(hex).value(); }

// REQUIRES: `hex` is a valid key's hex.
inline SecretKey KeyFromHex(std::string_view hex) { return SecretKey::FromBytes(Hex(hex)).value(); }

}  // namespace sselab::crypto::internal

#endif  // SSELAB_CRYPTO_INTERNAL_TEST_HEX_H_
