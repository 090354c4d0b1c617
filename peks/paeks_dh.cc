#include "peks/paeks_dh.h"

#include <string>

#include "crypto/pairing/encoding.h"
#include "peks/bdop04.h"
#include "peks/peks_keys.h"

namespace sselab::peks::paeks_dh {
namespace {

using crypto::pairing::Fr;
using crypto::pairing::G1;

// w' = kPrefix || enc(k) || w, k = the DH value of the two parties.
std::string KeyedKeyword(const G1& k, std::string_view w) {
  const auto enc = crypto::pairing::G1ToCompressed(k);
  std::string out(kPrefix);
  out.append(reinterpret_cast<const char*>(enc.data()), enc.size());
  out.append(w);
  return out;
}

class Encryptor : public TagEncryptor {
 public:
  Encryptor(const PartyKey& sender, const G1& receiver_pub)
      : k_(receiver_pub.Mul(sender.secret)),  // k = pk_R^y
        inner_(bdop04::NewTagEncryptor({.h = receiver_pub})) {}
  Result<std::vector<Bytes>> EncryptTags(std::string_view keyword, size_t count) const override {
    if (keyword.empty()) return InvalidArgumentError("paeks-dh: empty keyword");
    return inner_->EncryptTags(KeyedKeyword(k_, keyword), count);
  }

 private:
  G1 k_;
  std::unique_ptr<TagEncryptor> inner_;
};

class TrapdoorGen : public TrapdoorGenerator {
 public:
  TrapdoorGen(const PartyKey& receiver, const G1& sender_pub)
      : k_(sender_pub.Mul(receiver.secret)),  // k = pk_S^x
        inner_(bdop04::NewTrapdoorGenerator(bdop04::ReceiverKey::FromScalar(receiver.secret))) {}
  Result<Bytes> Trapdoor(std::string_view keyword) const override {
    if (keyword.empty()) return InvalidArgumentError("paeks-dh: empty keyword");
    return inner_->Trapdoor(KeyedKeyword(k_, keyword));
  }

 private:
  G1 k_;
  std::unique_ptr<TrapdoorGenerator> inner_;
};

}  // namespace

PartyKey PartyKey::FromScalar(const Fr& s) { return {.secret = s, .pub = G1Gen().Mul(s)}; }

Result<PartyKey> PartyKey::Derive(const crypto::SecretKey& master, std::string_view role) {
  SSELAB_ASSIGN_OR_RETURN(Fr s, DeriveScalar(master, "paeks-dh/" + std::string(role)));
  return FromScalar(s);
}

std::unique_ptr<TagEncryptor> NewTagEncryptor(const PartyKey& sender, const G1& receiver_pub) {
  return std::make_unique<Encryptor>(sender, receiver_pub);
}

std::unique_ptr<TrapdoorGenerator> NewTrapdoorGenerator(const PartyKey& receiver,
                                                        const G1& sender_pub) {
  return std::make_unique<TrapdoorGen>(receiver, sender_pub);
}

ServerAlgorithms Algorithms() {
  ServerAlgorithms a = bdop04::Algorithms();  // Test is BDOP'04's
  a.name = std::string(kName);
  return a;
}

}  // namespace sselab::peks::paeks_dh
