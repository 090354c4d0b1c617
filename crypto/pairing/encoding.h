// G1/G2 serialization in the ZCash BLS12-381 format (also used by IETF BLS signatures
// and Ethereum): big-endian x (and y), G2 coordinates as c1 || c0, with three flag bits
// in the most significant bits of the first byte:
//   0x80 compressed, 0x40 point at infinity, 0x20 y is the lexicographically larger root.
// Compressed: G1 48 bytes, G2 96 bytes. Uncompressed: G1 96 bytes, G2 192 bytes.
//
// The decoders accept only canonical encodings of points of the prime-order subgroup.
// Every rejection is a kCorruption error naming the group and the reason: wrong length,
// wrong compression flag, sign flag on an uncompressed or infinity encoding, infinity
// with non-zero bits, a coordinate >= p, a point off the curve, or a point outside the
// subgroup. They never crash on any input.
#ifndef SSELAB_CRYPTO_PAIRING_ENCODING_H_
#define SSELAB_CRYPTO_PAIRING_ENCODING_H_

#include <array>
#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/pairing/g1.h"
#include "crypto/pairing/g2.h"

namespace sselab::crypto::pairing {

inline constexpr size_t kG1CompressedBytes = 48;
inline constexpr size_t kG1UncompressedBytes = 96;
inline constexpr size_t kG2CompressedBytes = 96;
inline constexpr size_t kG2UncompressedBytes = 192;

std::array<uint8_t, kG1CompressedBytes> G1ToCompressed(const G1& p);
std::array<uint8_t, kG1UncompressedBytes> G1ToUncompressed(const G1& p);
std::array<uint8_t, kG2CompressedBytes> G2ToCompressed(const G2& q);
std::array<uint8_t, kG2UncompressedBytes> G2ToUncompressed(const G2& q);

Result<G1> G1FromCompressed(ByteView bytes);
Result<G1> G1FromUncompressed(ByteView bytes);
Result<G2> G2FromCompressed(ByteView bytes);
Result<G2> G2FromUncompressed(ByteView bytes);

}  // namespace sselab::crypto::pairing

#endif  // SSELAB_CRYPTO_PAIRING_ENCODING_H_
