#include "crypto/pairing/g2.h"

#include <array>

#include "crypto/pairing/internal/constants.h"

namespace sselab::crypto::pairing {
namespace {

constexpr std::array<uint64_t, 1> kAbsX = {0xd201000000010000ULL};

// [x] q for the (negative) curve parameter x = -0xd201000000010000.
G2 MulByX(const G2& q) { return -q.MulVartime(kAbsX); }

}  // namespace

G2 G2Generator() {
  static constexpr Fp2 kX = Fp2::FromHex(
      "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121"
      "bdb8",
      "13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d04"
      "2b7e");
  static constexpr Fp2 kY = Fp2::FromHex(
      "0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b8"
      "2801",
      "0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f"
      "79be");
  return G2::FromAffine(kX, kY);
}

G2 G2Psi(const G2& q) {
  // In projective coordinates the same constants apply: psi scales x by kPsiX and y by
  // kPsiY after conjugation, and conjugates z.
  static constexpr Fp2 kPsiX = Fp2::FromHex(internal::kPsiX[0], internal::kPsiX[1]);
  static constexpr Fp2 kPsiY = Fp2::FromHex(internal::kPsiY[0], internal::kPsiY[1]);
  return G2::FromProjective(q.x().Conjugate() * kPsiX, q.y().Conjugate() * kPsiY,
                            q.z().Conjugate());
}

bool G2InSubgroup(const G2& q) {
  if (!q.IsOnCurve()) return false;
  // Scott, eprint 2021/1130, Sect. 4: for BLS12 curves, Q is in G2 iff psi(Q) = [x] Q.
  return G2Psi(q) == MulByX(q);
}

G2 G2ClearCofactor(const G2& q) {
  // RFC 9380, Appendix G.3, clear_cofactor_bls12381_g2 (c1 = x).
  G2 t1 = MulByX(q);
  G2 t2 = G2Psi(q);
  G2 t3 = G2Psi(G2Psi(q.Double()));
  t3 = t3 - t2;
  t2 = t1 + t2;
  t2 = MulByX(t2);
  t3 = t3 + t2;
  t3 = t3 - t1;
  return t3 - q;
}

}  // namespace sselab::crypto::pairing
