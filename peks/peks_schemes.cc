#include "peks/peks_schemes.h"

#include "peks/bdop04.h"
#include "peks/hl17.h"
#include "peks/keyword_guessing.h"
#include "peks/paeks_dh.h"
#include "peks/peks_client.h"
#include "peks/peks_keys.h"
#include "peks/peks_server.h"
#include "peks/public_keys.h"

namespace sselab::peks {
namespace {

// A KeywordGuesser over one KeywordGuessing: its candidates' tags and its answers carry
// over from one observed search to the next.
index::KeywordGuesser Guesser(KeywordGuessing guessing) {
  auto shared = std::make_shared<KeywordGuessing>(std::move(guessing));
  return [shared](ByteView request, std::span<const std::string> dictionary) {
    return shared->Guess(request, dictionary);
  };
}

// Search replies are varint n | n id boxes (one per matching entry, encrypted to the
// receiver); keys are random, so they stand alone.
index::ViewFormat PeksView(const index::Params&) {
  return {.result_items = [](ByteView body) {
    return index::EqualSizeItems(body, "peks search reply");
  }};
}

// No PEKS scheme is forward private: the server keeps every trapdoor it received and
// tests each new tag against them (leakage/update_replay.h links them all).
index::LeakageProfile Leakage(std::string setup, const char* extra, bool at_rest_frequency) {
  return {.setup = std::move(setup),
          .search = std::string("trapdoor (deterministic per keyword), the matching entries, "
                                "their number; ") +
                    extra,
          .update =
              "one new entry per inserted pair and its arrival time; a new entry is "
              "linked to every kept trapdoor of its keyword",
          .search_pattern = true,
          .access_pattern = true,
          .result_ids = false,
          .volume = true,
          .at_rest_frequency = at_rest_frequency,
          .forward_private = false};
}

// Names of the public keys in index::PublicKey.
constexpr const char* kBdopPk = "A_pub = g1^alpha";
constexpr const char* kHlPkR1 = "pk_R = g1^x";
constexpr const char* kHlPkR2 = "pk_R = g2^x";
constexpr const char* kHlPkS = "pk_S = g2^y";
constexpr const char* kIdBoxPk = "id box E = g1^e";
constexpr const char* kDhPkR = "pk_R = g1^x";
constexpr const char* kDhPkS = "pk_S = g1^y";

struct BoxKey {
  crypto::pairing::Fr secret;
  crypto::pairing::G1 recipient;
};

Result<BoxKey> DeriveBoxKey(const crypto::SecretKey& master, std::string_view scheme) {
  SSELAB_ASSIGN_OR_RETURN(crypto::pairing::Fr e,
                          DeriveScalar(master, std::string(scheme) + "/id-box"));
  return BoxKey{.secret = e, .recipient = G1Gen().Mul(e)};
}

// A scheme's two roles and its public keys, all derived from the index's master key. The
// sender role gets public material only (plus, for PAEKS, the sender's own secret).
struct Parties {
  std::unique_ptr<TagEncryptor> sender;
  std::unique_ptr<TrapdoorGenerator> receiver;
  std::vector<index::PublicKey> public_keys;  // the id-box key is added by PeksEntry
};
using PartiesFn = Result<Parties> (*)(const crypto::SecretKey& master);

// What every PEKS entry shares: family, view, the generic client over the scheme's two
// roles, the generic server over its algorithms, and the public keys. The caller fills in
// title, capabilities, leakage, paper and the keyword guesser.
template <ServerAlgorithms (*kAlgorithms)(), PartiesFn kParties>
index::SchemeEntry PeksEntry(std::string_view name) {
  index::SchemeEntry e;
  e.info.name = std::string(name);
  e.info.family = index::Family::kPeks;
  e.view = PeksView;
  e.new_client = [name = e.info.name](
                     const index::ClientContext& ctx) -> Result<std::unique_ptr<index::Client>> {
    if (ctx.key == nullptr) return InternalError(name + " needs a key");
    SSELAB_ASSIGN_OR_RETURN(Parties parties, kParties(*ctx.key));
    SSELAB_ASSIGN_OR_RETURN(BoxKey box, DeriveBoxKey(*ctx.key, name));
    PeksSender sender(name, std::move(parties.sender), box.recipient);
    PeksReceiver receiver(name, std::move(parties.receiver), box.secret);
    return std::unique_ptr<index::Client>(
        new PeksClient(std::move(sender), std::move(receiver), ctx.channel));
  };
  e.new_server = [](const index::ServerContext& ctx) -> Result<std::unique_ptr<index::Server>> {
    return std::unique_ptr<index::Server>(new PeksServer(ctx.store, kAlgorithms()));
  };
  e.public_keys = [name = e.info.name](
                      const crypto::SecretKey& master) -> Result<std::vector<index::PublicKey>> {
    SSELAB_ASSIGN_OR_RETURN(Parties parties, kParties(master));
    SSELAB_ASSIGN_OR_RETURN(BoxKey box, DeriveBoxKey(master, name));
    parties.public_keys.push_back(G1Key(kIdBoxPk, box.recipient));
    return std::move(parties.public_keys);
  };
  return e;
}

Result<Parties> Bdop04Parties(const crypto::SecretKey& master) {
  SSELAB_ASSIGN_OR_RETURN(bdop04::ReceiverKey receiver, bdop04::ReceiverKey::Derive(master));
  return Parties{.sender = bdop04::NewTagEncryptor(receiver.pub),
                 .receiver = bdop04::NewTrapdoorGenerator(receiver),
                 .public_keys = {G1Key(kBdopPk, receiver.pub.h)}};
}

Result<Parties> Hl17Parties(const crypto::SecretKey& master) {
  SSELAB_ASSIGN_OR_RETURN(hl17::ReceiverKey receiver, hl17::ReceiverKey::Derive(master));
  SSELAB_ASSIGN_OR_RETURN(hl17::SenderKey sender, hl17::SenderKey::Derive(master));
  return Parties{.sender = hl17::NewTagEncryptor(sender, receiver.pub),
                 .receiver = hl17::NewTrapdoorGenerator(receiver, sender.pub),
                 .public_keys = {G1Key(kHlPkR1, receiver.pub.x1), G2Key(kHlPkR2, receiver.pub.x2),
                                 G2Key(kHlPkS, sender.pub.y2)}};
}

Result<Parties> PaeksDhParties(const crypto::SecretKey& master) {
  SSELAB_ASSIGN_OR_RETURN(paeks_dh::PartyKey receiver,
                          paeks_dh::PartyKey::Derive(master, "receiver"));
  SSELAB_ASSIGN_OR_RETURN(paeks_dh::PartyKey sender, paeks_dh::PartyKey::Derive(master, "sender"));
  return Parties{.sender = paeks_dh::NewTagEncryptor(sender, receiver.pub),
                 .receiver = paeks_dh::NewTrapdoorGenerator(receiver, sender.pub),
                 .public_keys = {G1Key(kDhPkR, receiver.pub), G1Key(kDhPkS, sender.pub)}};
}

}  // namespace

index::SchemeEntry Bdop04Scheme() {
  index::SchemeEntry e = PeksEntry<bdop04::Algorithms, Bdop04Parties>(bdop04::kName);
  e.info.title = "PEKS (Boneh, Di Crescenzo, Ostrovsky, Persiano, EUROCRYPT 2004), BLS12-381";
  e.info.capabilities = {
      .dynamic = true, .public_key_insert = true, .response_hiding = true, .linear_search = true};
  e.info.leakage = Leakage(
      "N (number of pairs); tags randomized (unlinkable without a trapdoor), ids encrypted to "
      "the receiver",
      "the trapdoor reveals its keyword to anyone holding the public key "
      "(keyword guessing)",
      false);
  e.info.paper = "bdop04";
  e.keyword_guesser = [](std::span<const index::PublicKey> keys) -> Result<index::KeywordGuesser> {
    SSELAB_ASSIGN_OR_RETURN(crypto::pairing::G1 h, FindG1(keys, kBdopPk));
    return Guesser(Bdop04Guessing(bdop04::PublicKey{.h = h}));
  };
  return e;
}

index::SchemeEntry Hl17Scheme() {
  index::SchemeEntry e = PeksEntry<hl17::Algorithms, Hl17Parties>(hl17::kName);
  e.info.title = "PAEKS (Huang, Li, Information Sciences 2017), BLS12-381";
  // Insert needs the sender's secret key (that is what stops keyword guessing), so it is
  // not a public-key insert; it never needs the receiver's secret.
  e.info.capabilities = {.dynamic = true, .response_hiding = true, .linear_search = true};
  // Tags are NOT unlinkable: e(C1, g2^x) / e(C2, g2) = e(H(w), g2)^{xy} for every tag of w,
  // computable with the receiver's public key (papers/hl17.md). The server groups all
  // stored tags by keyword before any search.
  e.info.leakage = Leakage(
      "N, and every tag's keyword class: tags of one keyword are linkable with the "
      "receiver's public key (no multi-ciphertext indistinguishability); ids encrypted",
      "keyword guessing needs the sender's secret key", true);
  e.info.paper = "hl17";
  e.keyword_guesser = [](std::span<const index::PublicKey> keys) -> Result<index::KeywordGuesser> {
    SSELAB_ASSIGN_OR_RETURN(crypto::pairing::G1 x1, FindG1(keys, kHlPkR1));
    SSELAB_ASSIGN_OR_RETURN(crypto::pairing::G2 x2, FindG2(keys, kHlPkR2));
    SSELAB_ASSIGN_OR_RETURN(crypto::pairing::G2 y2, FindG2(keys, kHlPkS));
    return Guesser(
        Hl17Guessing(hl17::SenderPublicKey{.y2 = y2}, hl17::ReceiverPublicKey{.x1 = x1, .x2 = x2}));
  };
  return e;
}

index::SchemeEntry PaeksDhScheme() {
  index::SchemeEntry e = PeksEntry<paeks_dh::Algorithms, PaeksDhParties>(paeks_dh::kName);
  e.info.title =
      "PAEKS: BDOP'04 keyed by the sender-receiver DH value (after Qin et al. 2020), "
      "BLS12-381";
  e.info.capabilities = {.dynamic = true, .response_hiding = true, .linear_search = true};
  e.info.leakage = Leakage(
      "N (number of pairs); tags randomized and unlinkable without a trapdoor (MCI), ids "
      "encrypted to the receiver",
      "keyword guessing needs the sender-receiver DH value", false);
  e.info.paper = "paeks-dh";
  e.keyword_guesser = [](std::span<const index::PublicKey> keys) -> Result<index::KeywordGuesser> {
    SSELAB_ASSIGN_OR_RETURN(crypto::pairing::G1 pk_r, FindG1(keys, kDhPkR));
    SSELAB_ASSIGN_OR_RETURN(crypto::pairing::G1 pk_s, FindG1(keys, kDhPkS));
    return Guesser(PaeksDhGuessing(pk_s, pk_r));
  };
  return e;
}

}  // namespace sselab::peks
