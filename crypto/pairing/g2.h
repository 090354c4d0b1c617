// G2: the order-r subgroup of the M-type sextic twist E'(Fp2), E': y^2 = x^3 + 4(1 + u).
#ifndef SSELAB_CRYPTO_PAIRING_G2_H_
#define SSELAB_CRYPTO_PAIRING_G2_H_

#include "crypto/pairing/fp2.h"
#include "crypto/pairing/point.h"

namespace sselab::crypto::pairing {

struct G2Curve {
  using Field = Fp2;
  static constexpr Fp2 kB{Fp::FromU64(4), Fp::FromU64(4)};
  static constexpr Fp2 kB3{Fp::FromU64(12), Fp::FromU64(12)};
};

// A point of E'(Fp2); the same provenance caveat as G1 applies.
using G2 = Point<G2Curve>;

// The standard generator (x = 0x024aa2b2... + 0x13e02b60... u, ...).
G2 G2Generator();

// psi = untwist o Frobenius o twist, an endomorphism of E'(Fp2) acting as [p] on G2.
G2 G2Psi(const G2& q);

// True iff q is on the curve and in the order-r subgroup (the identity is).
bool G2InSubgroup(const G2& q);

// Multiplies by the effective cofactor h_eff of RFC 9380 Sect. 8.8.2 (computed as in
// RFC 9380 Appendix G.3, Budroni-Pintore), mapping any point of E'(Fp2) into G2.
G2 G2ClearCofactor(const G2& q);

}  // namespace sselab::crypto::pairing

#endif  // SSELAB_CRYPTO_PAIRING_G2_H_
