#include "crypto/ristretto255.h"

#include <sodium.h>

#include <cstring>

#include "crypto/internal/fatal.h"

namespace sselab::crypto::ristretto255 {
namespace {

// sodium_init() once per process, before the first group operation; it picks the
// implementations for this CPU. It fails only when the system's randomness is unusable.
void EnsureSodium() {
  static const bool ready = [] { return sodium_init() >= 0; }();
  if (!ready) internal::Fatal("libsodium failed to initialise (sodium_init)");
}

}  // namespace

Scalar::~Scalar() { sodium_memzero(s_.data(), s_.size()); }

Scalar Scalar::FromWide(ByteView wide) {
  EnsureSodium();
  if (wide.size() != kWideScalarBytes) {
    internal::Fatal("ristretto255::Scalar::FromWide needs 64 bytes");
  }
  Scalar s;
  crypto_core_ristretto255_scalar_reduce(s.s_.data(), wide.data());
  return s;
}

Result<Scalar> Scalar::FromCanonical(ByteView bytes) {
  EnsureSodium();
  if (bytes.size() != kScalarBytes) {
    return InvalidArgumentError("a ristretto255 scalar is 32 bytes, not " +
                                std::to_string(bytes.size()));
  }
  // Canonical: reducing the 64-byte zero-extension gives the same bytes back.
  uint8_t wide[kWideScalarBytes] = {};
  std::memcpy(wide, bytes.data(), kScalarBytes);
  Scalar s;
  crypto_core_ristretto255_scalar_reduce(s.s_.data(), wide);
  sodium_memzero(wide, sizeof(wide));
  if (sodium_memcmp(s.s_.data(), bytes.data(), kScalarBytes) != 0) {
    return InvalidArgumentError("a ristretto255 scalar must be below the group order");
  }
  return s;
}

Scalar Scalar::FromU64(uint64_t value) {
  Scalar s;
  for (size_t i = 0; i < 8; ++i) s.s_[i] = static_cast<uint8_t>(value >> (8 * i));
  return s;
}

Scalar Scalar::operator*(const Scalar& other) const {
  EnsureSodium();
  Scalar out;
  crypto_core_ristretto255_scalar_mul(out.s_.data(), s_.data(), other.s_.data());
  return out;
}

Result<Scalar> Scalar::Inverse() const {
  EnsureSodium();
  Scalar out;
  if (crypto_core_ristretto255_scalar_invert(out.s_.data(), s_.data()) != 0) {
    return InvalidArgumentError("zero has no inverse mod the ristretto255 group order");
  }
  return out;
}

Status Scalar::InvertAll(std::span<Scalar> s) {
  if (s.empty()) return OkStatus();
  // prefix[i] = s[0] · … · s[i].
  std::vector<Scalar> prefix;
  prefix.reserve(s.size());
  prefix.push_back(s[0]);
  for (size_t i = 1; i < s.size(); ++i) prefix.push_back(prefix.back() * s[i]);
  SSELAB_ASSIGN_OR_RETURN(Scalar inverse, prefix.back().Inverse());  // zero if any is
  for (size_t i = s.size() - 1; i > 0; --i) {
    const Scalar own = inverse * prefix[i - 1];  // 1/s[i]
    inverse = inverse * s[i];                    // 1/(s[0] · … · s[i-1])
    s[i] = own;
  }
  s[0] = inverse;
  return OkStatus();
}

Result<Point> Point::Decode(ByteView bytes) {
  EnsureSodium();
  if (bytes.size() != kPointBytes) {
    return InvalidArgumentError("a ristretto255 element is 32 bytes, not " +
                                std::to_string(bytes.size()));
  }
  if (crypto_core_ristretto255_is_valid_point(bytes.data()) != 1) {
    return InvalidArgumentError("not the canonical encoding of a ristretto255 element");
  }
  if (sodium_is_zero(bytes.data(), bytes.size()) == 1) {
    return InvalidArgumentError("the ristretto255 identity element is not accepted here");
  }
  Point p;
  std::memcpy(p.p_.data(), bytes.data(), kPointBytes);
  return p;
}

Result<Point> Point::BaseMul(const Scalar& s) {
  EnsureSodium();
  Point p;
  if (crypto_scalarmult_ristretto255_base(p.p_.data(), s.bytes().data()) != 0) {
    return InvalidArgumentError("the generator times zero is the identity");
  }
  return p;
}

Result<Point> Point::Mul(const Scalar& s) const { return DecodeMul(bytes(), s); }

Result<Point> Point::DecodeMul(ByteView encoding, const Scalar& s) {
  EnsureSodium();
  if (encoding.size() != kPointBytes) {
    return InvalidArgumentError("a ristretto255 element is 32 bytes, not " +
                                std::to_string(encoding.size()));
  }
  Point out;
  // libsodium decodes `encoding` (refusing a non-canonical one) and fails when the result
  // is the identity: the input was the identity, or s is zero.
  if (crypto_scalarmult_ristretto255(out.p_.data(), s.bytes().data(), encoding.data()) != 0) {
    return InvalidArgumentError(
        "not a ristretto255 element other than the identity, or multiplied by zero");
  }
  return out;
}

}  // namespace sselab::crypto::ristretto255
