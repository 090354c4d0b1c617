// HKDF-SHA256 (RFC 5869).
#ifndef SSELAB_CRYPTO_KDF_H_
#define SSELAB_CRYPTO_KDF_H_

#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/secret_key.h"

namespace sselab::crypto {

// HKDF-Extract-then-Expand. kInvalidArgument if length is 0 or over 255 * 32.
Result<SecretKey> Hkdf(const SecretKey& ikm, ByteView salt, ByteView info, size_t length);

// Derives the sub-key of `purpose` ("pibas/prf", "blind/field/from", ...) from an index's
// master key: Hkdf(master, salt = "sselab/v1", info = purpose, length).
SecretKey DeriveSubkey(const SecretKey& master, std::string_view purpose, size_t length);

}  // namespace sselab::crypto

#endif  // SSELAB_CRYPTO_KDF_H_
