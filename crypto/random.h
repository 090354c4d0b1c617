// Secure randomness from the operating system (getrandom / /dev/urandom via Crypto++).
#ifndef SSELAB_CRYPTO_RANDOM_H_
#define SSELAB_CRYPTO_RANDOM_H_

#include <cstdint>
#include <span>

#include "base/bytes.h"

namespace sselab::crypto {

// Fills `out` with cryptographically secure random bytes. Thread-safe. Aborts if the OS
// generator is unavailable (there is no safe way to continue without it).
void RandomBytes(std::span<uint8_t> out);
Bytes RandomBytes(size_t n);
uint64_t RandomU64();

}  // namespace sselab::crypto

#endif  // SSELAB_CRYPTO_RANDOM_H_
