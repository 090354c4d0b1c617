// Versioned key files: how a client's master key is kept on disk.
//
// Format v1 (64 bytes): magic "SSELABKY" (8) | version u8 = 1 | key length u8 = 32 |
// reserved u16 = 0 | key (32) | checksum: first 20 bytes of SHA-256 over everything before.
// Files are created with mode 0600 (write to a temporary file in the same directory,
// fsync, rename), and a key file readable by group or others is refused on read.
#ifndef SSELAB_CRYPTO_KEY_FILE_H_
#define SSELAB_CRYPTO_KEY_FILE_H_

#include <filesystem>
#include <string>

#include "base/result.h"
#include "crypto/secret_key.h"

namespace sselab::crypto {

inline constexpr size_t kMasterKeySize = 32;

// Writes `key` (kMasterKeySize bytes) to `path`, mode 0600. kAlreadyExists if the path
// exists (a key is never overwritten), kIoError if the directory is not writable,
// kInvalidArgument for a key of the wrong size.
Status WriteKeyFile(const std::filesystem::path& path, const SecretKey& key);

// kNotFound if missing; kFailedPrecondition if group/other can read it; kCorruption (naming
// the file and what is wrong: magic, version, length, checksum) if it is not a valid key
// file.
Result<SecretKey> ReadKeyFile(const std::filesystem::path& path);

// A public fingerprint of a key: hex of the first 16 bytes of
// HMAC-SHA256(key, "sselab key check v1"). Stored beside an index to tell a wrong key
// from a right one; reveals nothing about the key.
std::string KeyCheckValue(const SecretKey& key);

}  // namespace sselab::crypto

#endif  // SSELAB_CRYPTO_KEY_FILE_H_
