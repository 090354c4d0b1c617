#include "sse/oxt/oxt_keys.h"

#include <array>

#include "base/codec.h"
#include "crypto/kdf.h"

namespace sselab::sse::oxt {
namespace {

Result<crypto::Prf> SubPrf(const crypto::SecretKey& master, std::string_view purpose) {
  return crypto::Prf::Create(crypto::DeriveSubkey(master, purpose, 32));
}

// F_p(K, input): 64 bytes of F's expansion, reduced mod ℓ.
Scalar ToScalar(const crypto::Prf& prf, ByteView input) {
  std::array<uint8_t, crypto::ristretto255::kWideScalarBytes> wide{};
  prf.Expand(input, wide);
  Scalar s = Scalar::FromWide(wide);
  wide.fill(0);
  return s;
}

}  // namespace

Result<OxtKeys> OxtKeys::Create(const crypto::SecretKey& master) {
  SSELAB_ASSIGN_OR_RETURN(KeywordKeys keywords, KeywordKeys::Create(master, "oxt/s"));
  SSELAB_ASSIGN_OR_RETURN(crypto::Prf x, SubPrf(master, "oxt/x"));
  SSELAB_ASSIGN_OR_RETURN(crypto::Prf z, SubPrf(master, "oxt/z"));
  SSELAB_ASSIGN_OR_RETURN(crypto::Prf i, SubPrf(master, "oxt/i"));
  return OxtKeys(std::move(keywords), std::move(x), std::move(z), std::move(i));
}

Scalar OxtKeys::XTrap(std::string_view w) const { return ToScalar(x_, AsBytes(w)); }

Scalar OxtKeys::Z(std::string_view w, uint64_t c) const {
  // BE64(c) first: a fixed-length prefix keeps (w, c) pairs apart.
  Bytes input(8 + w.size());
  StoreBe64(c, input.data());
  std::copy(w.begin(), w.end(), input.begin() + 8);
  return ToScalar(z_, input);
}

Scalar OxtKeys::XInd(index::DocId id) const {
  uint8_t input[8];
  StoreBe64(id, input);
  return ToScalar(i_, input);
}

}  // namespace sselab::sse::oxt
