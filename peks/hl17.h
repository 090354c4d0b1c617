// PAEKS of Huang and Li: public-key authenticated encryption with keyword search, moved
// to the Type-3 pairing e: G1 x G2 -> GT of BLS12-381.
//
// Paper: [HL17] Q. Huang, H. Li, "An efficient public-key searchable encryption scheme
// secure against inside keyword guessing attacks", Information Sciences 403-404 (2017),
// the concrete PAEKS construction. Map: papers/hl17.md.
//
//   KeyGen_R:  x <- Zp; pk_R = g^x.           KeyGen_S:  y <- Zp; pk_S = g^y.
//   PAEKS(w, sk_S, pk_R):   r <- Zp; C1 = H(w)^y * g^r; C2 = pk_R^r.
//   Trapdoor(w', sk_R, pk_S):  T = e(H(w')^x, pk_S).
//   Test(C, T, pk_S, pk_R):    T * e(C2, g) == e(C1, pk_R).
// Correctness: e(C1, g^x) = e(H(w), g)^{xy} e(g, g)^{rx} = e(H(w)^x, g^y) * e(g^{xr}, g).
// A tag can only be made with the sender's y, so an inside server holding both public
// keys cannot encrypt a guessed keyword and test it against a trapdoor (the inside
// keyword-guessing attack that breaks BDOP'04, see keyword_guessing.h).
//
// Type-3 move: H hashes to G1 (RFC 9380, kHDst); C1, C2 in G1; the test pairs them with
// the G2 halves of the receiver key and of the generator. The receiver publishes
// pk_R = (g1^x, g2^x): the sender needs g1^x for C2, the test needs g2^x. pk_S = g2^y.
// Test = e(C1, g2^x) * e(-C2, g2) == T: two prepared Miller loops, one final
// exponentiation. The search request carries T and pk_R's G2 half, so the server keeps no
// key state.
//
// Encodings: tag = compressed C1 (48) || compressed C2 (48); trapdoor = T (576, fp12.h
// order) || compressed g2^x (96).
#ifndef SSELAB_PEKS_HL17_H_
#define SSELAB_PEKS_HL17_H_

#include <memory>
#include <string_view>

#include "crypto/pairing/fr.h"
#include "crypto/pairing/g1.h"
#include "crypto/pairing/g2.h"
#include "crypto/secret_key.h"
#include "peks/keyword_pke.h"

namespace sselab::peks::hl17 {

inline constexpr std::string_view kName = "paeks-hl17";
inline constexpr std::string_view kHDst =
    "SSELAB-PAEKS-HL17-V01-CS01-with-BLS12381G1_XMD:SHA-256_SSWU_RO_";
inline constexpr size_t kTagSize = 48 + 48;
inline constexpr size_t kTrapdoorSize = 576 + 96;

struct ReceiverPublicKey {
  crypto::pairing::G1 x1;  // g1^x
  crypto::pairing::G2 x2;  // g2^x
};
struct SenderPublicKey {
  crypto::pairing::G2 y2;  // g2^y
};

struct ReceiverKey {
  crypto::pairing::Fr x;
  ReceiverPublicKey pub;
  static ReceiverKey FromScalar(const crypto::pairing::Fr& x);
  // x = DeriveScalar(master, "paeks-hl17/receiver").
  static Result<ReceiverKey> Derive(const crypto::SecretKey& master);
};

struct SenderKey {
  crypto::pairing::Fr y;
  SenderPublicKey pub;
  static SenderKey FromScalar(const crypto::pairing::Fr& y);
  // y = DeriveScalar(master, "paeks-hl17/sender").
  static Result<SenderKey> Derive(const crypto::SecretKey& master);
};

// PAEKS(w, sk_S, pk_R): the sender's own secret and the receiver's public key only.
std::unique_ptr<TagEncryptor> NewTagEncryptor(const SenderKey& sender,
                                              const ReceiverPublicKey& receiver);
// Trapdoor(w, sk_R, pk_S).
std::unique_ptr<TrapdoorGenerator> NewTrapdoorGenerator(const ReceiverKey& receiver,
                                                        const SenderPublicKey& sender);
ServerAlgorithms Algorithms();

}  // namespace sselab::peks::hl17

#endif  // SSELAB_PEKS_HL17_H_
