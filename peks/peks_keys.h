// Scalars and public keys of the pairing-based schemes, derived from an index's master key.
//
// sselab indexes have one 64-byte master key (crypto/secret_key.h). The PEKS schemes
// derive each party's secret exponent from it: k = HashToFr(DeriveSubkey(master, purpose,
// 32), DST = kScalarDst), a uniform scalar mod r (RFC 9380 hash_to_field, k = 128).
// One master key therefore plays every role (receiver, and for PAEKS also sender); tests
// and the keyword-guessing code build parties with independent keys through FromScalar.
#ifndef SSELAB_PEKS_PEKS_KEYS_H_
#define SSELAB_PEKS_PEKS_KEYS_H_

#include <string_view>

#include "base/result.h"
#include "crypto/pairing/fr.h"
#include "crypto/pairing/g1.h"
#include "crypto/pairing/g2.h"
#include "crypto/secret_key.h"

namespace sselab::peks {

inline constexpr std::string_view kScalarDst = "SSELAB-PEKS-V01-SCALAR";

// A non-zero scalar for `purpose` (e.g. "peks-bdop04/alpha"). kInternal in the
// negligible case that the hash is zero.
Result<crypto::pairing::Fr> DeriveScalar(const crypto::SecretKey& master, std::string_view purpose);

// A fresh uniformly random non-zero scalar.
crypto::pairing::Fr RandomNonZeroScalar();

// Fixed generators, computed once.
const crypto::pairing::G1& G1Gen();
const crypto::pairing::G2& G2Gen();

}  // namespace sselab::peks

#endif  // SSELAB_PEKS_PEKS_KEYS_H_
