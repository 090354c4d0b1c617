#include "peks/bdop04.h"

#include <algorithm>

#include "crypto/hash.h"
#include "crypto/pairing/encoding.h"
#include "crypto/pairing/hash_to_curve.h"
#include "crypto/pairing/pairing.h"
#include "peks/peks_keys.h"

namespace sselab::peks::bdop04 {
namespace {

using crypto::pairing::Fr;
using crypto::pairing::G1;
using crypto::pairing::G2;
using crypto::pairing::Gt;

Result<G2> H1(std::string_view keyword) {
  return crypto::pairing::HashToG2(AsBytes(keyword), AsBytes(kH1Dst));
}

crypto::Digest256 H2(const Gt& t) {
  const auto bytes = t.ToBytes();
  Bytes in(kH2Prefix.begin(), kH2Prefix.end());
  in.insert(in.end(), bytes.begin(), bytes.end());
  return crypto::Sha256(in);
}

class Encryptor : public TagEncryptor {
 public:
  explicit Encryptor(const PublicKey& pub) : pub_(pub) {}

  Result<std::vector<Bytes>> EncryptTags(std::string_view keyword, size_t count) const override {
    SSELAB_ASSIGN_OR_RETURN(G2 h1, H1(keyword));
    // PEKS, keyword part: e(h, H1(W)), shared by every tag of W.
    const Gt base = crypto::pairing::Pairing(pub_.h, h1);
    std::vector<Bytes> tags;
    tags.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      const Fr r = RandomNonZeroScalar();                              // PEKS: r <- Zp
      const auto a = crypto::pairing::G1ToCompressed(G1Gen().Mul(r));  // A = g1^r
      const crypto::Digest256 b = H2(base.Pow(r));                     // B = H2(e(h, H1(W))^r)
      Bytes tag(a.begin(), a.end());
      tag.insert(tag.end(), b.begin(), b.end());
      tags.push_back(std::move(tag));
    }
    return tags;
  }

 private:
  PublicKey pub_;
};

class TrapdoorGen : public TrapdoorGenerator {
 public:
  explicit TrapdoorGen(const ReceiverKey& key) : alpha_(key.alpha) {}
  Result<Bytes> Trapdoor(std::string_view keyword) const override {
    SSELAB_ASSIGN_OR_RETURN(G2 h1, H1(keyword));
    const auto t = crypto::pairing::G2ToCompressed(h1.Mul(alpha_));  // T_W = H1(W)^alpha
    return Bytes(t.begin(), t.end());
  }

 private:
  Fr alpha_;
};

Result<G1> DecodeA(ByteView tag) {
  if (tag.size() != kTagSize) {
    return CorruptionError("peks-bdop04 tag: " + std::to_string(tag.size()) + " bytes, expected " +
                           std::to_string(kTagSize));
  }
  auto a = crypto::pairing::G1FromCompressed(tag.first(crypto::pairing::kG1CompressedBytes));
  if (!a.ok()) return a.error().WithContext("peks-bdop04 tag: A");
  return *a;
}

class Tester : public TagTester {
 public:
  explicit Tester(const G2& t) : t_(t) {}
  Result<bool> Matches(ByteView tag) const override {
    SSELAB_ASSIGN_OR_RETURN(G1 a, DecodeA(tag));
    // Test: H2(e(A, T_W)) == B, with T_W's lines prepared once.
    const Gt e = crypto::pairing::FinalExponentiation(crypto::pairing::MillerLoop(a, t_));
    const crypto::Digest256 h = H2(e);
    return std::equal(h.begin(), h.end(), tag.begin() + crypto::pairing::kG1CompressedBytes);
  }

 private:
  crypto::pairing::G2Prepared t_;
};

}  // namespace

ReceiverKey ReceiverKey::FromScalar(const Fr& alpha) {
  return {.alpha = alpha, .pub = {.h = G1Gen().Mul(alpha)}};  // KeyGen: h = g1^alpha
}

Result<ReceiverKey> ReceiverKey::Derive(const crypto::SecretKey& master) {
  SSELAB_ASSIGN_OR_RETURN(Fr alpha, DeriveScalar(master, "peks-bdop04/alpha"));
  return FromScalar(alpha);
}

std::unique_ptr<TagEncryptor> NewTagEncryptor(const PublicKey& pub) {
  return std::make_unique<Encryptor>(pub);
}

std::unique_ptr<TrapdoorGenerator> NewTrapdoorGenerator(const ReceiverKey& key) {
  return std::make_unique<TrapdoorGen>(key);
}

ServerAlgorithms Algorithms() {
  return {.name = std::string(kName),
          .tag_size = kTagSize,
          .trapdoor_size = kTrapdoorSize,
          .validate_tag = [](ByteView tag) -> Status {
            SSELAB_RETURN_IF_ERROR(DecodeA(tag));
            return OkStatus();
          },
          .prepare_trapdoor = [](ByteView trapdoor) -> Result<std::unique_ptr<TagTester>> {
            auto t = crypto::pairing::G2FromCompressed(trapdoor);
            if (!t.ok()) return t.error().WithContext("peks-bdop04 trapdoor");
            if (t->IsIdentity()) return CorruptionError("peks-bdop04 trapdoor: the identity");
            return std::unique_ptr<TagTester>(new Tester(*t));
          }};
}

}  // namespace sselab::peks::bdop04
