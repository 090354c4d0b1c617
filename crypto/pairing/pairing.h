// The optimal ate pairing e: G1 x G2 -> GT on BLS12-381.
//
// Miller loop over |x| = 0xd201000000010000 (x < 0, so the result is conjugated), with
// the twist point in homogeneous projective coordinates and line functions evaluated
// at the G1 point (formulas derived for this M-type twist in pairing.cc; cf. Costello,
// Lange and Naehrig, "Faster pairing computations on curves with high-degree twists",
// PKC 2010). Final exponentiation: easy part (p^6 - 1)(p^2 + 1), hard part by the
// x-chain of Hayashida, Hayasaka and Teruya, "Efficient final exponentiation via
// cyclotomic structure for pairings over families of elliptic curves", eprint 2020/875,
// which raises to 3 (p^4 - p^2 + 1) / r with cyclotomic squarings (the value agrees
// with zkcrypto/bls12_381, blst and @noble/curves).
//
// All functions are total: a pair with the identity in either group contributes 1.
// Running time does not depend on the point values (it does on how many pairs there are
// and on which of them contain the identity).
#ifndef SSELAB_CRYPTO_PAIRING_PAIRING_H_
#define SSELAB_CRYPTO_PAIRING_PAIRING_H_

#include <span>
#include <utility>
#include <vector>

#include "crypto/pairing/fp12.h"
#include "crypto/pairing/g1.h"
#include "crypto/pairing/g2.h"
#include "crypto/pairing/gt.h"

namespace sselab::crypto::pairing {

// The Miller-loop line coefficients of a fixed G2 point, for pairing many G1 points
// against it: each use skips the twist-point arithmetic (about a quarter of a Miller
// loop). Immutable after construction; safe to share between threads.
class G2Prepared {
 public:
  // REQUIRES: q in G2 (true for every G2 this library decodes or hashes).
  explicit G2Prepared(const G2& q);

  bool is_identity() const { return lines_.empty(); }

  // A line l0 + (l1 xP) v + (l4 yP) v w before evaluation at P = (xP, yP).
  struct Line {
    Fp2 l0, l1, l4;
  };
  const std::vector<Line>& lines() const { return lines_; }

 private:
  std::vector<Line> lines_;
};

// f_{x,Q}(P) times a factor in Fp* (from using P in projective form), before the final
// exponentiation, which removes that factor.
Fp12 MillerLoop(const G1& p, const G2Prepared& q);
// The product of the Miller loops of all pairs, sharing the Fp12 squarings.
Fp12 MultiMillerLoop(std::span<const std::pair<G1, const G2Prepared*>> pairs);
// f^((p^12 - 1) / r * 3) (see above); maps any non-zero Miller-loop value into GT.
Gt FinalExponentiation(const Fp12& f);

Gt Pairing(const G1& p, const G2& q);
// prod_i e(P_i, Q_i) with a single final exponentiation.
Gt MultiPairing(std::span<const std::pair<G1, G2>> pairs);

}  // namespace sselab::crypto::pairing

#endif  // SSELAB_CRYPTO_PAIRING_PAIRING_H_
