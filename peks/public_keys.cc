#include "peks/public_keys.h"

#include "crypto/pairing/encoding.h"

namespace sselab::peks {
namespace {

Result<ByteView> FindKey(std::span<const index::PublicKey> keys, std::string_view name) {
  for (const index::PublicKey& k : keys) {
    if (k.name == name) return ByteView(k.encoding);
  }
  return InvalidArgumentError("public key '" + std::string(name) + "' is missing");
}

template <typename T>
Result<T> Decoded(Result<T> point, std::string_view name) {
  if (!point.ok()) {
    return InvalidArgumentError("public key '" + std::string(name) +
                                "': " + point.error().message());
  }
  return point;
}

}  // namespace

index::PublicKey G1Key(std::string name, const crypto::pairing::G1& p) {
  auto b = crypto::pairing::G1ToCompressed(p);
  return {.name = std::move(name), .encoding = Bytes(b.begin(), b.end())};
}

index::PublicKey G2Key(std::string name, const crypto::pairing::G2& q) {
  auto b = crypto::pairing::G2ToCompressed(q);
  return {.name = std::move(name), .encoding = Bytes(b.begin(), b.end())};
}

Result<crypto::pairing::G1> FindG1(std::span<const index::PublicKey> keys, std::string_view name) {
  SSELAB_ASSIGN_OR_RETURN(ByteView b, FindKey(keys, name));
  return Decoded(crypto::pairing::G1FromCompressed(b), name);
}

Result<crypto::pairing::G2> FindG2(std::span<const index::PublicKey> keys, std::string_view name) {
  SSELAB_ASSIGN_OR_RETURN(ByteView b, FindKey(keys, name));
  return Decoded(crypto::pairing::G2FromCompressed(b), name);
}

}  // namespace sselab::peks
