// Hashing to BLS12-381 per RFC 9380 ("Hashing to Elliptic Curves"):
// expand_message_xmd with SHA-256 (Sect. 5.3.1), hash_to_field (Sect. 5.2), the simplified
// SWU map to an isogenous curve (Sect. 6.6.2 and 6.6.3) followed by the isogeny
// (Appendix E.2, E.3), and cofactor clearing (Sect. 8.8, Appendix G.3). The suites are
//   BLS12381G1_XMD:SHA-256_SSWU_RO_ and BLS12381G2_XMD:SHA-256_SSWU_RO_
// with the caller's domain separation tag (DST).
//
// Errors (kInvalidArgument): an empty DST, or an output length expand_message_xmd
// cannot produce (0, or more than 255 * 32 bytes). A DST longer than 255 bytes is
// replaced by H("H2C-OVERSIZE-DST-" || DST) as the RFC prescribes (Sect. 5.3.3).
//
// The maps are constant time in the message (selections, not branches); the cofactor
// multiplications branch only on public constants.
#ifndef SSELAB_CRYPTO_PAIRING_HASH_TO_CURVE_H_
#define SSELAB_CRYPTO_PAIRING_HASH_TO_CURVE_H_

#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/pairing/fr.h"
#include "crypto/pairing/g1.h"
#include "crypto/pairing/g2.h"

namespace sselab::crypto::pairing {

Result<Bytes> ExpandMessageXmd(ByteView msg, ByteView dst, size_t len);

// hash_to_field with L = 64 bytes per Fp coefficient.
Result<std::vector<Fp>> HashToFieldFp(ByteView msg, ByteView dst, size_t count);
Result<std::vector<Fp2>> HashToFieldFp2(ByteView msg, ByteView dst, size_t count);

// map_to_curve: SSWU to the isogenous curve, then the isogeny; no cofactor clearing.
G1 MapToCurveG1(const Fp& u);
G2 MapToCurveG2(const Fp2& u);

// The random-oracle hash_to_curve of the two suites above; results are in G1 / G2.
Result<G1> HashToG1(ByteView msg, ByteView dst);
Result<G2> HashToG2(ByteView msg, ByteView dst);

// A scalar: hash_to_field over Fr with L = 48 (k = 128), one element.
Result<Fr> HashToFr(ByteView msg, ByteView dst);

}  // namespace sselab::crypto::pairing

#endif  // SSELAB_CRYPTO_PAIRING_HASH_TO_CURVE_H_
