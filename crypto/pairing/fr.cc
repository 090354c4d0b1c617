#include "crypto/pairing/fr.h"

#include <string>

#include "crypto/pairing/internal/big_endian.h"
#include "crypto/random.h"

namespace sselab::crypto::pairing {

Result<Fr> Fr::FromBytes(ByteView bytes) {
  if (bytes.size() != kBytes) {
    return CorruptionError("scalar: expected 32 bytes, got " + std::to_string(bytes.size()));
  }
  const Limbs v = internal::LimbsFromBigEndian<4>(bytes);
  if (!internal::LessThan<4>(v, internal::kFrModulus)) {
    return CorruptionError("scalar: value is not below the group order r (non-canonical)");
  }
  return FromCanonical(v);
}

Fr Fr::FromBytesReduced(ByteView bytes) {
  static constexpr Fr kTwoTo128 = FromCanonical(internal::kFrTwoTo128);
  return internal::ReduceBigEndian(bytes, kTwoTo128);
}

Fr Fr::Random() {
  std::array<uint8_t, 64> buf{};
  RandomBytes(buf);
  return FromBytesReduced(buf);
}

void Fr::ToBytes(std::span<uint8_t, kBytes> out) const {
  const Limbs v = ToCanonical();
  for (size_t i = 0; i < kBytes; ++i) {
    const size_t bit = 8 * (kBytes - 1 - i);
    out[i] = static_cast<uint8_t>(v[bit / 64] >> (bit % 64));
  }
}

Fr Fr::Inverse() const {
  Fr acc = One();
  const auto& e = internal::kFrMinusTwo;
  for (size_t i = e.size(); i-- > 0;) {
    for (int b = 63; b >= 0; --b) {
      acc = acc * acc;
      if ((e[i] >> b) & 1) acc = acc * *this;
    }
  }
  return acc;
}

}  // namespace sselab::crypto::pairing
