// The ristretto255 prime-order group (RFC 9496) through libsodium: the group of OXT's
// xtags and xtokens (sse/oxt/).
//
// Scalars are integers mod ℓ = 2^252 + 27742317777372353535851937790883648493, held in 32
// little-endian bytes and wiped when destroyed: in OXT most of them are secret. Points are
// group elements in their canonical 32-byte encoding. Every operation here runs in time
// independent of secret scalars (libsodium's ref10 ladder and fixed addition chains); only
// decoding a point, which is public, may branch on its bytes.
//
// Checked against RFC 9496's appendix A (multiples of the generator, invalid encodings),
// in crypto/ristretto255_test.cc.
#ifndef SSELAB_CRYPTO_RISTRETTO255_H_
#define SSELAB_CRYPTO_RISTRETTO255_H_

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"

namespace sselab::crypto::ristretto255 {

inline constexpr size_t kScalarBytes = 32;
inline constexpr size_t kPointBytes = 32;
inline constexpr size_t kWideScalarBytes = 64;  // what FromWide reduces

class Scalar {
 public:
  // x mod ℓ for a 64-byte little-endian x: uniform when x is (a PRF's output).
  // REQUIRES: wide.size() == kWideScalarBytes.
  static Scalar FromWide(ByteView wide);
  // The 32-byte little-endian encoding of a scalar below ℓ; kInvalidArgument otherwise.
  static Result<Scalar> FromCanonical(ByteView bytes);
  static Scalar FromU64(uint64_t value);

  Scalar(const Scalar& other) = default;
  Scalar& operator=(const Scalar& other) = default;
  ~Scalar();

  Scalar operator*(const Scalar& other) const;
  // 1/this mod ℓ; kInvalidArgument for zero.
  Result<Scalar> Inverse() const;
  // Replaces every scalar of `s` by its inverse with one inversion and 3(n-1)
  // multiplications (Montgomery's trick): an inversion costs about 1.7 fixed-base
  // multiplications, a multiplication well under a microsecond. kInvalidArgument,
  // changing nothing, if any is zero.
  static Status InvertAll(std::span<Scalar> s);

  ByteView bytes() const { return {s_.data(), s_.size()}; }

 private:
  Scalar() = default;
  std::array<uint8_t, kScalarBytes> s_{};
};

class Point {
 public:
  // A canonical encoding of a group element other than the identity; kInvalidArgument
  // (saying why) for anything else. The identity is refused because no OXT value is it,
  // and a scalar multiple of it says nothing.
  static Result<Point> Decode(ByteView bytes);
  // The generator times `s`. kInvalidArgument if s is zero (the result would be the
  // identity).
  static Result<Point> BaseMul(const Scalar& s);

  // This point times `s`. kInvalidArgument if s is zero.
  Result<Point> Mul(const Scalar& s) const;
  // Decode(encoding)->Mul(s) in one pass, decoding once (OXT's server: xtoken^y).
  // kInvalidArgument for what Decode refuses, or a zero s.
  static Result<Point> DecodeMul(ByteView encoding, const Scalar& s);

  ByteView bytes() const { return {p_.data(), p_.size()}; }
  bool operator==(const Point& other) const { return p_ == other.p_; }

 private:
  Point() = default;
  std::array<uint8_t, kPointBytes> p_{};
};

}  // namespace sselab::crypto::ristretto255

#endif  // SSELAB_CRYPTO_RISTRETTO255_H_
