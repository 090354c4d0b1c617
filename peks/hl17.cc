#include "peks/hl17.h"

#include <array>
#include <utility>

#include "crypto/pairing/encoding.h"
#include "crypto/pairing/gt.h"
#include "crypto/pairing/hash_to_curve.h"
#include "crypto/pairing/pairing.h"
#include "peks/peks_keys.h"

namespace sselab::peks::hl17 {
namespace {

namespace pairing = crypto::pairing;
using pairing::Fr;
using pairing::G1;
using pairing::G2;
using pairing::Gt;

Result<G1> H(std::string_view keyword) {
  return pairing::HashToG1(AsBytes(keyword), AsBytes(kHDst));
}

class Encryptor : public TagEncryptor {
 public:
  Encryptor(const SenderKey& sender, const ReceiverPublicKey& receiver)
      : y_(sender.y), x1_(receiver.x1) {}

  Result<std::vector<Bytes>> EncryptTags(std::string_view keyword, size_t count) const override {
    SSELAB_ASSIGN_OR_RETURN(G1 h, H(keyword));
    const G1 hy = h.Mul(y_);  // H(w)^{sk_S}, shared by every tag of w
    std::vector<Bytes> tags;
    tags.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      const Fr r = RandomNonZeroScalar();                            // r <- Zp
      const auto c1 = pairing::G1ToCompressed(hy + G1Gen().Mul(r));  // C1 = H(w)^y g^r
      const auto c2 = pairing::G1ToCompressed(x1_.Mul(r));           // C2 = pk_R^r
      Bytes tag(c1.begin(), c1.end());
      tag.insert(tag.end(), c2.begin(), c2.end());
      tags.push_back(std::move(tag));
    }
    return tags;
  }

 private:
  Fr y_;
  G1 x1_;
};

class TrapdoorGen : public TrapdoorGenerator {
 public:
  TrapdoorGen(const ReceiverKey& receiver, const SenderPublicKey& sender)
      : x_(receiver.x), x2_(receiver.pub.x2), y2_(sender.y2) {}

  Result<Bytes> Trapdoor(std::string_view keyword) const override {
    SSELAB_ASSIGN_OR_RETURN(G1 h, H(keyword));
    const Gt t = pairing::Pairing(h.Mul(x_), y2_);  // T = e(H(w')^{sk_R}, pk_S)
    const auto t_bytes = t.ToBytes();
    const auto x2_bytes = pairing::G2ToCompressed(x2_);
    Bytes out(t_bytes.begin(), t_bytes.end());
    out.insert(out.end(), x2_bytes.begin(), x2_bytes.end());
    return out;
  }

 private:
  Fr x_;
  G2 x2_;
  G2 y2_;
};

Result<std::pair<G1, G1>> DecodeTag(ByteView tag) {
  if (tag.size() != kTagSize) {
    return CorruptionError("paeks-hl17 tag: " + std::to_string(tag.size()) + " bytes, expected " +
                           std::to_string(kTagSize));
  }
  auto c1 = pairing::G1FromCompressed(tag.first(48));
  if (!c1.ok()) return c1.error().WithContext("paeks-hl17 tag: C1");
  auto c2 = pairing::G1FromCompressed(tag.subspan(48));
  if (!c2.ok()) return c2.error().WithContext("paeks-hl17 tag: C2");
  return std::pair<G1, G1>(*c1, *c2);
}

const pairing::G2Prepared& PreparedG2Gen() {
  static const pairing::G2Prepared g(G2Gen());
  return g;
}

class Tester : public TagTester {
 public:
  Tester(const Gt& t, const G2& x2) : t_(t), x2_(x2) {}
  Result<bool> Matches(ByteView tag) const override {
    SSELAB_ASSIGN_OR_RETURN(auto c, DecodeTag(tag));
    // Test: e(C1, pk_R) * e(C2, g)^-1 == T, sharing the squarings and the final exp.
    const std::array<std::pair<G1, const pairing::G2Prepared*>, 2> pairs = {
        std::pair<G1, const pairing::G2Prepared*>(c.first, &x2_),
        std::pair<G1, const pairing::G2Prepared*>(-c.second, &PreparedG2Gen())};
    return pairing::FinalExponentiation(pairing::MultiMillerLoop(pairs)) == t_;
  }

 private:
  Gt t_;
  pairing::G2Prepared x2_;
};

}  // namespace

ReceiverKey ReceiverKey::FromScalar(const Fr& x) {
  return {.x = x, .pub = {.x1 = G1Gen().Mul(x), .x2 = G2Gen().Mul(x)}};  // KeyGen_R
}

Result<ReceiverKey> ReceiverKey::Derive(const crypto::SecretKey& master) {
  SSELAB_ASSIGN_OR_RETURN(Fr x, DeriveScalar(master, "paeks-hl17/receiver"));
  return FromScalar(x);
}

SenderKey SenderKey::FromScalar(const Fr& y) {
  return {.y = y, .pub = {.y2 = G2Gen().Mul(y)}};  // KeyGen_S
}

Result<SenderKey> SenderKey::Derive(const crypto::SecretKey& master) {
  SSELAB_ASSIGN_OR_RETURN(Fr y, DeriveScalar(master, "paeks-hl17/sender"));
  return FromScalar(y);
}

std::unique_ptr<TagEncryptor> NewTagEncryptor(const SenderKey& sender,
                                              const ReceiverPublicKey& receiver) {
  return std::make_unique<Encryptor>(sender, receiver);
}

std::unique_ptr<TrapdoorGenerator> NewTrapdoorGenerator(const ReceiverKey& receiver,
                                                        const SenderPublicKey& sender) {
  return std::make_unique<TrapdoorGen>(receiver, sender);
}

ServerAlgorithms Algorithms() {
  return {.name = std::string(kName),
          .tag_size = kTagSize,
          .trapdoor_size = kTrapdoorSize,
          .validate_tag = [](ByteView tag) -> Status {
            SSELAB_RETURN_IF_ERROR(DecodeTag(tag));
            return OkStatus();
          },
          .prepare_trapdoor = [](ByteView trapdoor) -> Result<std::unique_ptr<TagTester>> {
            if (trapdoor.size() != kTrapdoorSize) {
              return CorruptionError("paeks-hl17 trapdoor: " + std::to_string(trapdoor.size()) +
                                     " bytes, expected " + std::to_string(kTrapdoorSize));
            }
            auto t = Gt::FromBytes(trapdoor.first(Gt::kBytes));
            if (!t.ok()) return t.error().WithContext("paeks-hl17 trapdoor: T");
            auto x2 = pairing::G2FromCompressed(trapdoor.subspan(Gt::kBytes));
            if (!x2.ok()) return x2.error().WithContext("paeks-hl17 trapdoor: pk_R");
            if (x2->IsIdentity())
              return CorruptionError("paeks-hl17 trapdoor: pk_R is the identity");
            return std::unique_ptr<TagTester>(new Tester(*t, *x2));
          }};
}

}  // namespace sselab::peks::hl17
