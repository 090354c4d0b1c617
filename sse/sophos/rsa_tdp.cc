#include "sse/sophos/rsa_tdp.h"

#include <cryptopp/integer.h>
#include <cryptopp/nbtheory.h>

#include <string>

#include "base/codec.h"
#include "crypto/kdf.h"
#include "crypto/prf.h"

namespace sselab::sse::sophos {
namespace {

using CryptoPP::Integer;

constexpr size_t kSeedSlackBytes = 8;  // ElementFromSeed: 64 bits beyond |N|
// A prime search that finds nothing in its interval starts again from a fresh candidate;
// after this many, something is wrong with the arithmetic, not with luck.
constexpr uint32_t kMaxPrimeAttempts = 64;

Integer FromBytes(ByteView b) { return Integer(b.data(), b.size()); }

Bytes ToFixed(const Integer& x, size_t size) {
  Bytes out(size);
  x.Encode(out.data(), out.size());
  return out;
}

Error CryptoFailure(std::string_view what, const CryptoPP::Exception& e) {
  return InternalError("sophos RSA " + std::string(what) + " failed: " + e.what());
}

// Accepts p with gcd(p - 1, e) = 1; e is prime, so: p mod e != 1.
class CoprimeToExponent : public CryptoPP::PrimeSelector {
 public:
  bool IsAcceptable(const Integer& candidate) const override {
    return candidate % Integer(kRsaPublicExponent) != Integer::One();
  }
};

// The `which`-th prime (0: p, 1: q) of `bits` bits from the key derivation's PRF.
Result<Integer> DerivePrime(const crypto::Prf& prf, uint8_t which, unsigned bits) {
  const Integer max = Integer::Power2(bits) - Integer::One();
  const CoprimeToExponent selector;
  Bytes candidate(bits / 8);
  for (uint32_t attempt = 0; attempt < kMaxPrimeAttempts; ++attempt) {
    ByteWriter input;
    input.Raw(std::string_view("sophos/rsa/prime"));
    input.U8(which);
    input.U32(attempt);
    prf.Expand(input.bytes(), candidate);
    candidate.front() |= 0xC0;  // |p| = |q| = bits, and |pq| = 2 * bits
    candidate.back() |= 0x01;
    Integer p = FromBytes(candidate);
    if (CryptoPP::FirstPrime(p, max, Integer::One(), Integer::Two(), &selector)) return p;
  }
  return InternalError("sophos RSA key derivation found no prime");
}

}  // namespace

// ---- RsaPublicKey ----

struct RsaPublicKey::Impl {
  Integer n;
  Integer e;
  size_t element_size;
};

Result<RsaPublicKey> RsaPublicKey::Decode(ByteView encoding) {
  ByteReader r(encoding, "sophos public key");
  SSELAB_ASSIGN_OR_RETURN(ByteView n_bytes, r.LengthPrefixed(kMaxRsaBits / 8));
  SSELAB_ASSIGN_OR_RETURN(uint32_t e_value, r.U32());
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  if (n_bytes.empty() || n_bytes[0] == 0) return r.Malformed("modulus not minimally encoded");
  auto impl = std::make_shared<Impl>();
  impl->n = FromBytes(n_bytes);
  impl->e = Integer(static_cast<CryptoPP::word>(e_value));
  const unsigned bits = impl->n.BitCount();
  if (bits < kMinRsaBits || bits > kMaxRsaBits || impl->n.IsEven()) {
    return r.Malformed("modulus of " + std::to_string(bits) + " bits is not an RSA modulus");
  }
  if (e_value < 3 || e_value % 2 == 0) return r.Malformed("bad public exponent");
  impl->element_size = n_bytes.size();
  return RsaPublicKey(std::move(impl));
}

Bytes RsaPublicKey::Encode() const {
  ByteWriter w;
  w.LengthPrefixed(ToFixed(impl_->n, impl_->element_size));
  w.U32(static_cast<uint32_t>(impl_->e.ConvertToLong()));
  return w.Take();
}

size_t RsaPublicKey::element_size() const { return impl_->element_size; }
unsigned RsaPublicKey::modulus_bits() const { return impl_->n.BitCount(); }

bool RsaPublicKey::IsElement(ByteView x) const {
  return x.size() == impl_->element_size && FromBytes(x) < impl_->n;
}

Result<Bytes> RsaPublicKey::Forward(ByteView x) const {
  if (x.size() != impl_->element_size) {
    return CorruptionError("sophos: a trapdoor element has " + std::to_string(x.size()) +
                           " bytes, expected " + std::to_string(impl_->element_size));
  }
  Integer v = FromBytes(x);
  if (v >= impl_->n) return CorruptionError("sophos: a trapdoor element is not below N");
  try {
    // Search, server: ST_{i-1} ← π_PK(ST_i).
    return ToFixed(CryptoPP::ModularExponentiation(v, impl_->e, impl_->n), impl_->element_size);
  } catch (const CryptoPP::Exception& e) {
    return CryptoFailure("public operation", e);
  }
}

// ---- RsaTrapdoor ----

struct RsaTrapdoor::Impl {
  Integer n, p, q;
  Integer dp, dq;  // d mod (p-1), d mod (q-1)
  Integer u;       // q^{-1} mod p
  size_t element_size;

  // x^(d^c) mod N by the CRT: exponents d^c mod (p-1) and mod (q-1) (Fermat; d is a unit
  // mod p-1 and q-1, so this holds for every x in Z_N, zero divisors included).
  Bytes Invert(const Integer& x, uint64_t c) const {
    if (c == 0) return ToFixed(x, element_size);
    uint8_t be[8];
    StoreBe64(c, be);
    const Integer cc(be, sizeof(be));
    const Integer ep = c == 1 ? dp : CryptoPP::ModularExponentiation(dp, cc, p - Integer::One());
    const Integer eq = c == 1 ? dq : CryptoPP::ModularExponentiation(dq, cc, q - Integer::One());
    const Integer yp = CryptoPP::ModularExponentiation(x % p, ep, p);
    const Integer yq = CryptoPP::ModularExponentiation(x % q, eq, q);
    // y = yq + q * (u * (yp - yq) mod p)
    const Integer h = (u * (yp - yq)) % p;  // Integer::operator% is non-negative
    return ToFixed(yq + q * h, element_size);
  }
};

RsaTrapdoor::RsaTrapdoor(std::unique_ptr<const Impl> impl, RsaPublicKey public_key)
    : impl_(std::move(impl)), public_key_(std::move(public_key)) {}
RsaTrapdoor::RsaTrapdoor(RsaTrapdoor&&) noexcept = default;
RsaTrapdoor& RsaTrapdoor::operator=(RsaTrapdoor&&) noexcept = default;
RsaTrapdoor::~RsaTrapdoor() = default;

Result<RsaTrapdoor> RsaTrapdoor::Derive(const crypto::SecretKey& master, unsigned modulus_bits) {
  if (modulus_bits < kMinRsaBits || modulus_bits > kMaxRsaBits || modulus_bits % 16 != 0) {
    return InvalidArgumentError("sophos: rsa_bits must be a multiple of 16 in " +
                                std::to_string(kMinRsaBits) + ".." + std::to_string(kMaxRsaBits) +
                                ", got " + std::to_string(modulus_bits));
  }
  crypto::SecretKey k_rsa =
      crypto::DeriveSubkey(master, "sophos/rsa/" + std::to_string(modulus_bits), 32);
  SSELAB_ASSIGN_OR_RETURN(crypto::Prf prf, crypto::Prf::Create(k_rsa));
  try {
    auto impl = std::make_unique<Impl>();
    SSELAB_ASSIGN_OR_RETURN(impl->p, DerivePrime(prf, 0, modulus_bits / 2));
    SSELAB_ASSIGN_OR_RETURN(impl->q, DerivePrime(prf, 1, modulus_bits / 2));
    if (impl->p == impl->q) return InternalError("sophos RSA key derivation gave p = q");
    const Integer e(static_cast<CryptoPP::word>(kRsaPublicExponent));
    const Integer p1 = impl->p - Integer::One();
    const Integer q1 = impl->q - Integer::One();
    const Integer d = e.InverseMod(CryptoPP::LCM(p1, q1));
    impl->n = impl->p * impl->q;
    impl->dp = d % p1;
    impl->dq = d % q1;
    impl->u = impl->q.InverseMod(impl->p);
    impl->element_size = impl->n.ByteCount();
    auto pk = std::make_shared<RsaPublicKey::Impl>();
    pk->n = impl->n;
    pk->e = e;
    pk->element_size = impl->element_size;
    return RsaTrapdoor(std::move(impl), RsaPublicKey(std::move(pk)));
  } catch (const CryptoPP::Exception& e) {
    return CryptoFailure("key derivation", e);
  }
}

Result<Bytes> RsaTrapdoor::ElementFromSeed(ByteView seed) const {
  if (seed.size() < impl_->element_size + kSeedSlackBytes) {
    return InvalidArgumentError("sophos: a trapdoor seed needs " +
                                std::to_string(impl_->element_size + kSeedSlackBytes) +
                                " bytes, got " + std::to_string(seed.size()));
  }
  return ToFixed(FromBytes(seed) % impl_->n, impl_->element_size);
}

Result<Bytes> RsaTrapdoor::Inverse(ByteView x) const { return InverseSteps(x, 1); }

Result<Bytes> RsaTrapdoor::InverseSteps(ByteView x, uint64_t c) const {
  if (!public_key_.IsElement(x)) {
    return InvalidArgumentError("sophos: not a trapdoor element (" + std::to_string(x.size()) +
                                " bytes)");
  }
  try {
    return impl_->Invert(FromBytes(x), c);
  } catch (const CryptoPP::Exception& e) {
    return CryptoFailure("private operation", e);
  }
}

}  // namespace sselab::sse::sophos
