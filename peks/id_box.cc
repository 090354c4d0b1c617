#include "peks/id_box.h"

#include <string>

#include "base/codec.h"
#include "crypto/kdf.h"
#include "crypto/secret_key.h"
#include "peks/peks_keys.h"

namespace sselab::peks {
namespace {

using crypto::pairing::G1;

Result<crypto::Aead> BoxAead(const G1& shared, ByteView r_bytes, std::string_view context) {
  const auto s = crypto::pairing::G1ToCompressed(shared);
  SSELAB_ASSIGN_OR_RETURN(crypto::SecretKey ikm, crypto::SecretKey::FromBytes(s));
  const std::string info = "sselab/peks/id-box/" + std::string(context);
  SSELAB_ASSIGN_OR_RETURN(crypto::SecretKey key,
                          crypto::Hkdf(ikm, r_bytes, AsBytes(info), crypto::Aead::kKeySize));
  return crypto::Aead::Create(key);
}

}  // namespace

Bytes SealId(const G1& recipient, std::string_view context, std::string_view keyword,
             index::DocId id) {
  const crypto::pairing::Fr k = RandomNonZeroScalar();
  const auto r_bytes = crypto::pairing::G1ToCompressed(G1Gen().Mul(k));
  auto aead = BoxAead(recipient.Mul(k), r_bytes, context);
  if (!aead.ok()) std::abort();  // fixed 48-byte ikm and 32-byte key: cannot fail
  ByteWriter plain(8);
  plain.U64(id);
  Bytes sealed = aead->Seal(plain.bytes(), AsBytes(keyword));
  Bytes box(r_bytes.begin(), r_bytes.end());
  box.insert(box.end(), sealed.begin(), sealed.end());
  return box;
}

Result<index::DocId> OpenId(const crypto::pairing::Fr& secret, std::string_view context,
                            std::string_view keyword, ByteView box) {
  if (box.size() != kIdBoxSize) {
    return CorruptionError("peks id box: " + std::to_string(box.size()) + " bytes, expected " +
                           std::to_string(kIdBoxSize));
  }
  ByteView r_bytes = box.first(crypto::pairing::kG1CompressedBytes);
  auto r = crypto::pairing::G1FromCompressed(r_bytes);
  if (!r.ok()) return r.error().WithContext("peks id box: R");
  SSELAB_ASSIGN_OR_RETURN(crypto::Aead aead, BoxAead(r->Mul(secret), r_bytes, context));
  auto plain = aead.Open(box.subspan(r_bytes.size()), AsBytes(keyword));
  if (!plain.ok()) return CorruptionError("peks id box fails authentication");
  ByteReader p(*plain, "peks id box");
  SSELAB_ASSIGN_OR_RETURN(uint64_t id, p.U64());
  SSELAB_RETURN_IF_ERROR(p.ExpectEnd());
  return id;
}

}  // namespace sselab::peks
