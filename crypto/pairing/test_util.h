// Helpers shared by the pairing unit tests (not part of the library).
#ifndef SSELAB_CRYPTO_PAIRING_TEST_UTIL_H_
#define SSELAB_CRYPTO_PAIRING_TEST_UTIL_H_

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "base/bytes.h"
#include "crypto/pairing/fp12.h"
#include "crypto/pairing/fr.h"
#include "crypto/random.h"

namespace sselab::crypto::pairing::testing {

inline Fp RandomFp() { return Fp::FromBytesReduced(RandomBytes(64)); }
inline Fp2 RandomFp2() { return {RandomFp(), RandomFp()}; }
inline Fp6 RandomFp6() { return {RandomFp2(), RandomFp2(), RandomFp2()}; }
inline Fp12 RandomFp12() { return {RandomFp6(), RandomFp6()}; }

inline Bytes Unhex(std::string_view h) {
  if (h.size() >= 2 && h[0] == '0' && h[1] == 'x') h.remove_prefix(2);
  auto r = HexDecode(h);
  EXPECT_TRUE(r.ok()) << h;
  return r.ok() ? *r : Bytes{};
}

// "0x..." (any length up to 48 bytes) as an Fp; fails the test if non-canonical.
inline Fp FpFromHex(std::string_view h) {
  if (h.size() >= 2 && h[0] == '0' && h[1] == 'x') h.remove_prefix(2);
  std::string padded(96 - std::min<size_t>(96, h.size()), '0');
  padded += h;
  auto r = Fp::FromBytes(Unhex(padded));
  EXPECT_TRUE(r.ok()) << h;
  return r.ok() ? *r : Fp();
}

inline std::string ReadTestdata(const std::string& name) {
  std::ifstream in(std::string(SSELAB_PAIRING_TESTDATA) + "/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace sselab::crypto::pairing::testing

#endif  // SSELAB_CRYPTO_PAIRING_TEST_UTIL_H_
