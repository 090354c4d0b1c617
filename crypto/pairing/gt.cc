#include "crypto/pairing/gt.h"

namespace sselab::crypto::pairing {

Gt Gt::Pow(const Fr& k) const {
  std::array<Fp12, 16> table;
  table[0] = Fp12::One();
  for (size_t i = 1; i < 16; ++i) table[i] = table[i - 1] * v_;
  const Fr::Limbs e = k.ToCanonical();
  Fp12 acc = Fp12::One();
  for (size_t w = 64; w-- > 0;) {
    acc = acc.CyclotomicSquare().CyclotomicSquare().CyclotomicSquare().CyclotomicSquare();
    const uint64_t nibble = (e[w / 16] >> (4 * (w % 16))) & 0xf;
    Fp12 sel = table[0];
    for (uint64_t i = 1; i < 16; ++i) {
      const uint64_t d = i ^ nibble;
      sel = Fp12::Select(((d | (0 - d)) >> 63) == 0, table[i], sel);
    }
    acc *= sel;
  }
  return Gt(acc);
}

std::array<uint8_t, Gt::kBytes> Gt::ToBytes() const {
  std::array<uint8_t, kBytes> out{};
  v_.ToBytes(out);
  return out;
}

Result<Gt> Gt::FromBytes(ByteView bytes) {
  SSELAB_ASSIGN_OR_RETURN(Fp12 v, Fp12::FromBytes(bytes));
  // Membership: v^r = 1 (plain squarings: v is not yet known to be cyclotomic).
  Fp12 acc = Fp12::One();
  const auto& r = internal::kFrModulus;
  for (size_t i = r.size(); i-- > 0;) {
    for (int b = 63; b >= 0; --b) {
      acc = acc.Square();
      if ((r[i] >> b) & 1) acc *= v;
    }
  }
  if (!acc.IsOne() || (v.c0.IsZero() && v.c1.IsZero())) {
    return CorruptionError("GT element: not in the order-r subgroup of Fp12");
  }
  return Gt(v);
}

}  // namespace sselab::crypto::pairing
