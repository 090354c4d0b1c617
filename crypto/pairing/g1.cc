#include "crypto/pairing/g1.h"

#include <array>

#include "crypto/pairing/internal/constants.h"

namespace sselab::crypto::pairing {

G1 G1Generator() {
  static constexpr Fp kX = Fp::FromHex(
      "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22"
      "c6bb");
  static constexpr Fp kY = Fp::FromHex(
      "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5"
      "e7e1");
  return G1::FromAffine(kX, kY);
}

bool G1InSubgroup(const G1& p) {
  if (!p.IsOnCurve()) return false;
  // Scott, "A note on group membership tests for G1, G2 and GT on BLS pairing-friendly
  // curves", eprint 2021/1130, Sect. 6: P is in G1 iff phi(P) = -x^2 P, where
  // phi(x, y) = (beta x, y) for the cube root of unity beta matching that eigenvalue.
  static constexpr std::array<uint64_t, 1> kAbsX = {0xd201000000010000ULL};
  // Of the two primitive cube roots of unity, beta is the one whose phi acts on G1 as
  // multiplication by -x^2; pick it by testing the generator once.
  static const Fp kBeta = [] {
    const G1 g = G1Generator();
    const Fp a = Fp::FromHex(internal::kCubeRootA);
    const G1 x2g = g.MulVartime(kAbsX).MulVartime(kAbsX);
    const G1 phi_a = G1::FromProjective(g.x() * a, g.y(), g.z());
    return phi_a == -x2g ? a : Fp::FromHex(internal::kCubeRootB);
  }();
  const G1 phi = G1::FromProjective(p.x() * kBeta, p.y(), p.z());
  const G1 x2p = p.MulVartime(kAbsX).MulVartime(kAbsX);
  return phi == -x2p;
}

G1 G1ClearCofactor(const G1& p) {
  static constexpr std::array<uint64_t, 1> kHEff = {0xd201000000010001ULL};
  return p.MulVartime(kHEff);
}

}  // namespace sselab::crypto::pairing
