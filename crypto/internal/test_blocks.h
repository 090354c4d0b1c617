// 16-byte blocks for the AES tests: from hex, and at random from a seeded generator.
#ifndef SSELAB_CRYPTO_INTERNAL_TEST_BLOCKS_H_
#define SSELAB_CRYPTO_INTERNAL_TEST_BLOCKS_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <string_view>

#include "base/bytes.h"

namespace sselab::crypto::internal {

// REQUIRES: `hex` is 32 hex digits (the tests' own constants).
inline std::array<uint8_t, 16> BlockFromHex(std::string_view hex) {
  const Bytes bytes = HexDecode(hex).value();
  std::array<uint8_t, 16> b{};
  std::copy(bytes.begin(), bytes.end(), b.begin());
  return b;
}

inline std::array<uint8_t, 16> RandomBlock(std::mt19937_64& rng) {
  std::array<uint8_t, 16> b;
  for (auto& x : b) x = static_cast<uint8_t>(rng());
  return b;
}

}  // namespace sselab::crypto::internal

#endif  // SSELAB_CRYPTO_INTERNAL_TEST_BLOCKS_H_
