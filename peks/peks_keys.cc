#include "peks/peks_keys.h"

#include "crypto/kdf.h"
#include "crypto/pairing/hash_to_curve.h"

namespace sselab::peks {

using crypto::pairing::Fr;

Result<Fr> DeriveScalar(const crypto::SecretKey& master, std::string_view purpose) {
  crypto::SecretKey sub = crypto::DeriveSubkey(master, purpose, 32);
  SSELAB_ASSIGN_OR_RETURN(Fr k, crypto::pairing::HashToFr(sub.UnsafeBytes(), AsBytes(kScalarDst)));
  if (k.IsZero()) return InternalError("peks: derived a zero scalar for " + std::string(purpose));
  return k;
}

Fr RandomNonZeroScalar() {
  for (;;) {
    Fr k = Fr::Random();
    if (!k.IsZero()) return k;
  }
}

const crypto::pairing::G1& G1Gen() {
  static const crypto::pairing::G1 g = crypto::pairing::G1Generator();
  return g;
}

const crypto::pairing::G2& G2Gen() {
  static const crypto::pairing::G2 g = crypto::pairing::G2Generator();
  return g;
}

}  // namespace sselab::peks
