// GT: the order-r subgroup of Fp12^*, the target group of the pairing, written
// multiplicatively.
#ifndef SSELAB_CRYPTO_PAIRING_GT_H_
#define SSELAB_CRYPTO_PAIRING_GT_H_

#include <array>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/pairing/fp12.h"
#include "crypto/pairing/fr.h"

namespace sselab::crypto::pairing {

class Gt {
 public:
  static constexpr size_t kBytes = Fp12::kBytes;  // 576

  Gt() : v_(Fp12::One()) {}  // the identity
  static Gt Identity() { return Gt(); }
  // REQUIRES: v is in GT (the output of FinalExponentiation is).
  static Gt FromFp12Unchecked(const Fp12& v) { return Gt(v); }

  friend Gt operator*(const Gt& a, const Gt& b) { return Gt(a.v_ * b.v_); }
  Gt& operator*=(const Gt& o) { return *this = *this * o; }
  // In GT the inverse is the Fp6-conjugate.
  Gt Inverse() const { return Gt(v_.Conjugate()); }
  // this^k in constant time (fixed 4-bit windows, cyclotomic squarings).
  Gt Pow(const Fr& k) const;
  bool IsIdentity() const { return v_.IsOne(); }
  friend bool operator==(const Gt& a, const Gt& b) { return a.v_ == b.v_; }
  friend bool operator!=(const Gt& a, const Gt& b) { return !(a == b); }
  const Fp12& value() const { return v_; }

  // The 576-byte encoding of Fp12 (fp12.h).
  std::array<uint8_t, kBytes> ToBytes() const;
  // Errors (kCorruption): wrong length, a non-canonical coefficient, or a value that is
  // not in GT (v^r != 1 or v = 0).
  static Result<Gt> FromBytes(ByteView bytes);

 private:
  explicit Gt(const Fp12& v) : v_(v) {}
  Fp12 v_;
};

}  // namespace sselab::crypto::pairing

#endif  // SSELAB_CRYPTO_PAIRING_GT_H_
