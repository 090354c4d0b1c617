#include "peks/peks_schemes.h"

#include "peks/bdop04.h"
#include "peks/hl17.h"
#include "peks/keyword_guessing.h"
#include "peks/peks_client.h"
#include "peks/peks_keys.h"
#include "peks/peks_server.h"

namespace sselab::peks {
namespace {

// Search replies are varint n | n id boxes (one per matching entry, encrypted to the
// receiver); keys are random, so they stand alone.
index::ViewFormat PeksView(const index::Params&) {
  return {.result_items = [](ByteView body) {
    return index::EqualSizeItems(body, "peks search reply");
  }};
}

index::LeakageProfile Leakage(const char* extra) {
  return {.setup = "N (number of pairs); tags randomized, ids encrypted to the receiver",
          .search = std::string("trapdoor (deterministic per keyword), the matching entries, "
                                "their number; ") +
                    extra,
          .update = "one new entry per inserted pair and its arrival time",
          .search_pattern = true,
          .access_pattern = true,
          .result_ids = false,
          .volume = true,
          .at_rest_frequency = false,
          .forward_private = false};
}

struct BoxKey {
  crypto::pairing::Fr secret;
  crypto::pairing::G1 recipient;
};

Result<BoxKey> DeriveBoxKey(const crypto::SecretKey& master, std::string_view scheme) {
  SSELAB_ASSIGN_OR_RETURN(crypto::pairing::Fr e,
                          DeriveScalar(master, std::string(scheme) + "/id-box"));
  return BoxKey{.secret = e, .recipient = G1Gen().Mul(e)};
}

}  // namespace

index::SchemeEntry Bdop04Scheme() {
  index::SchemeEntry e;
  e.info.name = std::string(bdop04::kName);
  e.info.title = "PEKS (Boneh, Di Crescenzo, Ostrovsky, Persiano, EUROCRYPT 2004), BLS12-381";
  e.info.family = index::Family::kPeks;
  e.info.capabilities = {
      .dynamic = true, .public_key_insert = true, .response_hiding = true, .linear_search = true};
  e.info.leakage = Leakage(
      "the trapdoor reveals its keyword to anyone holding the public key "
      "(keyword guessing)");
  e.info.paper = "bdop04";
  e.new_client = [](const index::ClientContext& ctx) -> Result<std::unique_ptr<index::Client>> {
    if (ctx.key == nullptr) return InternalError("peks-bdop04 needs a key");
    SSELAB_ASSIGN_OR_RETURN(bdop04::ReceiverKey receiver, bdop04::ReceiverKey::Derive(*ctx.key));
    SSELAB_ASSIGN_OR_RETURN(BoxKey box, DeriveBoxKey(*ctx.key, bdop04::kName));
    // The sender role gets the public keys only.
    PeksSender sender(std::string(bdop04::kName), bdop04::NewTagEncryptor(receiver.pub),
                      box.recipient);
    PeksReceiver recv(std::string(bdop04::kName), bdop04::NewTrapdoorGenerator(receiver),
                      box.secret);
    return std::unique_ptr<index::Client>(
        new PeksClient(std::move(sender), std::move(recv), ctx.channel));
  };
  e.new_server = [](const index::ServerContext& ctx) -> Result<std::unique_ptr<index::Server>> {
    return std::unique_ptr<index::Server>(new PeksServer(ctx.store, bdop04::Algorithms()));
  };
  e.view = PeksView;
  e.keyword_guesser = [](const crypto::SecretKey& master) -> Result<index::KeywordGuesser> {
    SSELAB_ASSIGN_OR_RETURN(bdop04::ReceiverKey receiver, bdop04::ReceiverKey::Derive(master));
    return index::KeywordGuesser(
        [pk = receiver.pub](ByteView request, std::span<const std::string> dictionary) {
          return GuessBdop04Keyword(request, pk, dictionary);
        });
  };
  return e;
}

index::SchemeEntry Hl17Scheme() {
  index::SchemeEntry e;
  e.info.name = std::string(hl17::kName);
  e.info.title = "PAEKS (Huang, Li, Information Sciences 2017), BLS12-381";
  e.info.family = index::Family::kPeks;
  // Insert needs the sender's secret key (that is what stops keyword guessing), so it is
  // not a public-key insert; it never needs the receiver's secret.
  e.info.capabilities = {.dynamic = true, .response_hiding = true, .linear_search = true};
  e.info.leakage = Leakage("keyword guessing needs the sender's secret key");
  e.info.paper = "hl17";
  e.new_client = [](const index::ClientContext& ctx) -> Result<std::unique_ptr<index::Client>> {
    if (ctx.key == nullptr) return InternalError("paeks-hl17 needs a key");
    SSELAB_ASSIGN_OR_RETURN(hl17::ReceiverKey receiver, hl17::ReceiverKey::Derive(*ctx.key));
    SSELAB_ASSIGN_OR_RETURN(hl17::SenderKey sender_key, hl17::SenderKey::Derive(*ctx.key));
    SSELAB_ASSIGN_OR_RETURN(BoxKey box, DeriveBoxKey(*ctx.key, hl17::kName));
    // The sender role: its own key and the receiver's public key.
    PeksSender sender(std::string(hl17::kName), hl17::NewTagEncryptor(sender_key, receiver.pub),
                      box.recipient);
    PeksReceiver recv(std::string(hl17::kName),
                      hl17::NewTrapdoorGenerator(receiver, sender_key.pub), box.secret);
    return std::unique_ptr<index::Client>(
        new PeksClient(std::move(sender), std::move(recv), ctx.channel));
  };
  e.new_server = [](const index::ServerContext& ctx) -> Result<std::unique_ptr<index::Server>> {
    return std::unique_ptr<index::Server>(new PeksServer(ctx.store, hl17::Algorithms()));
  };
  e.view = PeksView;
  e.keyword_guesser = [](const crypto::SecretKey& master) -> Result<index::KeywordGuesser> {
    SSELAB_ASSIGN_OR_RETURN(hl17::ReceiverKey receiver, hl17::ReceiverKey::Derive(master));
    SSELAB_ASSIGN_OR_RETURN(hl17::SenderKey sender, hl17::SenderKey::Derive(master));
    return index::KeywordGuesser([pk_s = sender.pub, pk_r = receiver.pub](
                                     ByteView request, std::span<const std::string> dictionary) {
      return GuessHl17Keyword(request, pk_s, pk_r, dictionary);
    });
  };
  return e;
}

}  // namespace sselab::peks
