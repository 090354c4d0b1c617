// G1: the order-r subgroup of E(Fp), E: y^2 = x^3 + 4.
#ifndef SSELAB_CRYPTO_PAIRING_G1_H_
#define SSELAB_CRYPTO_PAIRING_G1_H_

#include "crypto/pairing/fp.h"
#include "crypto/pairing/point.h"

namespace sselab::crypto::pairing {

struct G1Curve {
  using Field = Fp;
  static constexpr Fp kB = Fp::FromU64(4);
  static constexpr Fp kB3 = Fp::FromU64(12);
};

// A point of E(Fp). Values built by this library's decoders and hash functions are in
// G1; a G1 made with FromAffine/FromProjective is only on the curve if its caller says so.
using G1 = Point<G1Curve>;

// The standard generator (x = 0x17f1d3a7..., y = 0x08b3f481...).
G1 G1Generator();

// True iff p is on the curve and in the order-r subgroup (the identity is).
bool G1InSubgroup(const G1& p);

// Multiplies by the effective cofactor h_eff = 1 - x = 0xd201000000010001 (RFC 9380,
// Sect. 8.8.1), mapping any point of E(Fp) into G1.
G1 G1ClearCofactor(const G1& p);

}  // namespace sselab::crypto::pairing

#endif  // SSELAB_CRYPTO_PAIRING_G1_H_
