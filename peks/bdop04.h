// PEKS of Boneh, Di Crescenzo, Ostrovsky and Persiano, moved to the Type-3 pairing
// e: G1 x G2 -> GT of BLS12-381.
//
// Paper: [BDOP04] D. Boneh, G. Di Crescenzo, R. Ostrovsky, G. Persiano, "Public Key
// Encryption with Keyword Search", EUROCRYPT 2004, LNCS 3027 (eprint 2003/195), the
// construction from bilinear maps. Map: papers/bdop04.md.
//
//   KeyGen:    alpha <- Fr; A_pub = h = g1^alpha in G1; A_priv = alpha.
//   PEKS:      r <- Fr; A = g1^r in G1; B = H2(e(h, H1(W))^r); S = (A, B).
//   Trapdoor:  T_W = H1(W)^alpha in G2.
//   Test:      H2(e(A, T_W)) == B.
// Correctness: e(A, T_W) = e(g1^r, H1(W)^alpha) = e(g1^alpha, H1(W))^r = e(h, H1(W))^r.
// H1 = RFC 9380 hash_to_curve to G2 with kH1Dst; H2(t) = SHA-256(kH2Prefix || enc(t)).
//
// Deviations: the paper's symmetric pairing G1 x G1 puts H1(W), h, A and T_W in one
// group. In Type-3 the trapdoor must sit in the other group from A; we put T_W (and H1)
// in G2 so the server prepares the one trapdoor per search (G2Prepared) and pairs it with
// every stored A in G1 by a prepared Miller loop; tags stay small (48 + 32 bytes). H2 has
// 256-bit output (the paper: log p bits).
//
// Encodings: tag = compressed A (48) || B (32); trapdoor = compressed T_W (96).
#ifndef SSELAB_PEKS_BDOP04_H_
#define SSELAB_PEKS_BDOP04_H_

#include <memory>
#include <string_view>

#include "crypto/pairing/fr.h"
#include "crypto/pairing/g1.h"
#include "crypto/pairing/gt.h"
#include "crypto/secret_key.h"
#include "peks/keyword_pke.h"

namespace sselab::peks::bdop04 {

inline constexpr std::string_view kName = "peks-bdop04";
inline constexpr std::string_view kH1Dst =
    "SSELAB-PEKS-BDOP04-V01-CS01-with-BLS12381G2_XMD:SHA-256_SSWU_RO_";
inline constexpr std::string_view kH2Prefix = "sselab/peks-bdop04/H2";
inline constexpr size_t kHashSize = 32;
inline constexpr size_t kTagSize = 48 + kHashSize;
inline constexpr size_t kTrapdoorSize = 96;

// A_pub: what a sender needs.
struct PublicKey {
  crypto::pairing::G1 h;  // g1^alpha
};

// A_priv with its public key.
struct ReceiverKey {
  crypto::pairing::Fr alpha;
  PublicKey pub;
  static ReceiverKey FromScalar(const crypto::pairing::Fr& alpha);
  // alpha = DeriveScalar(master, "peks-bdop04/alpha").
  static Result<ReceiverKey> Derive(const crypto::SecretKey& master);
};

// PEKS(A_pub, W): takes only the public key.
std::unique_ptr<TagEncryptor> NewTagEncryptor(const PublicKey& pub);
// Trapdoor(A_priv, W).
std::unique_ptr<TrapdoorGenerator> NewTrapdoorGenerator(const ReceiverKey& key);
// Test: needs no key; the server prepares T_W once per search.
ServerAlgorithms Algorithms();

}  // namespace sselab::peks::bdop04

#endif  // SSELAB_PEKS_BDOP04_H_
