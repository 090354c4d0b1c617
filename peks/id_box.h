// IdBox: a document id encrypted to the receiver, so the server stores and returns ids it
// cannot read.
//
// Hashed ElGamal (ECIES) on G1 with AES-256-GCM: the receiver has e in Fr and E = g1^e.
//   Seal:  k <- Fr random; R = g1^k; K = HKDF(ikm = enc(E^k), salt = enc(R),
//          info = "sselab/peks/id-box/" || context, 32); box = enc(R) || AEAD_K(BE64 id; AD = w)
//   Open:  K from enc(R^e); decrypt with AD = the keyword searched for.
// enc() is the 48-byte compressed G1 encoding. The keyword as associated data means a box
// opens only when the receiver asks for the keyword it was sealed with: a server that
// returns entries which did not match is caught (kCorruption), never believed.
// IND-CCA under gap-DH in the random-oracle model for HKDF (DHIES, Abdalla-Bellare-Rogaway
// CT-RSA 2001), GCM being a secure AEAD.
#ifndef SSELAB_PEKS_ID_BOX_H_
#define SSELAB_PEKS_ID_BOX_H_

#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/aead.h"
#include "crypto/pairing/encoding.h"
#include "crypto/pairing/fr.h"
#include "crypto/pairing/g1.h"
#include "index/document.h"

namespace sselab::peks {

inline constexpr size_t kIdBoxSize =
    crypto::pairing::kG1CompressedBytes + 8 + crypto::Aead::kOverhead;  // 84

// Seals `id` to the holder of `recipient`'s scalar. REQUIRES: recipient in G1, not identity.
Bytes SealId(const crypto::pairing::G1& recipient, std::string_view context,
             std::string_view keyword, index::DocId id);

// The id in `box`. kCorruption if the box is not kIdBoxSize bytes, R does not decode, or
// authentication fails (another key, context or keyword, or tampered bytes).
Result<index::DocId> OpenId(const crypto::pairing::Fr& secret, std::string_view context,
                            std::string_view keyword, ByteView box);

}  // namespace sselab::peks

#endif  // SSELAB_PEKS_ID_BOX_H_
