// The public keys of the pairing-based schemes as index::PublicKey: named compressed
// points, the form in which a server holds them (and the leakage lab hands them to its
// attacks). Lookups fail with kInvalidArgument naming the missing or malformed key.
#ifndef SSELAB_PEKS_PUBLIC_KEYS_H_
#define SSELAB_PEKS_PUBLIC_KEYS_H_

#include <span>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/pairing/g1.h"
#include "crypto/pairing/g2.h"
#include "index/registry.h"

namespace sselab::peks {

index::PublicKey G1Key(std::string name, const crypto::pairing::G1& p);
index::PublicKey G2Key(std::string name, const crypto::pairing::G2& q);

Result<crypto::pairing::G1> FindG1(std::span<const index::PublicKey> keys, std::string_view name);
Result<crypto::pairing::G2> FindG2(std::span<const index::PublicKey> keys, std::string_view name);

}  // namespace sselab::peks

#endif  // SSELAB_PEKS_PUBLIC_KEYS_H_
