#include "peks/keyword_guessing.h"

#include "index/message.h"
#include "peks/peks_keys.h"
#include "peks/peks_messages.h"

namespace sselab::peks {

Result<ByteView> TrapdoorOf(ByteView observed, size_t trapdoor_size) {
  if (observed.size() == trapdoor_size) return observed;
  ByteReader r(observed, "observed search request");
  SSELAB_ASSIGN_OR_RETURN(index::RequestHeader h, index::ReadRequestHeader(r));
  if (h.type != kSearch) return r.Malformed("not a search request");
  SSELAB_ASSIGN_OR_RETURN(ByteView trapdoor, r.Raw(trapdoor_size));
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  return trapdoor;
}

Result<std::optional<std::string>> GuessKeyword(const TagEncryptor& attacker,
                                                const ServerAlgorithms& server, ByteView observed,
                                                std::span<const std::string> dictionary) {
  SSELAB_ASSIGN_OR_RETURN(ByteView trapdoor, TrapdoorOf(observed, server.trapdoor_size));
  SSELAB_ASSIGN_OR_RETURN(std::unique_ptr<TagTester> tester, server.prepare_trapdoor(trapdoor));
  for (const std::string& w : dictionary) {
    SSELAB_ASSIGN_OR_RETURN(std::vector<Bytes> tags, attacker.EncryptTags(w, 1));
    SSELAB_ASSIGN_OR_RETURN(bool match, tester->Matches(tags[0]));
    if (match) return std::optional<std::string>(w);
  }
  return std::optional<std::string>();
}

Result<std::optional<std::string>> GuessBdop04Keyword(ByteView observed,
                                                      const bdop04::PublicKey& pk,
                                                      std::span<const std::string> dictionary) {
  return GuessKeyword(*bdop04::NewTagEncryptor(pk), bdop04::Algorithms(), observed, dictionary);
}

Result<std::optional<std::string>> GuessHl17Keyword(ByteView observed,
                                                    const hl17::SenderPublicKey& pk_s,
                                                    const hl17::ReceiverPublicKey& pk_r,
                                                    std::span<const std::string> dictionary) {
  (void)pk_s;  // public, but no encryption algorithm takes a sender's public key
  const hl17::SenderKey own = hl17::SenderKey::FromScalar(RandomNonZeroScalar());
  return GuessKeyword(*hl17::NewTagEncryptor(own, pk_r), hl17::Algorithms(), observed, dictionary);
}

Result<std::optional<std::string>> GuessPaeksDhKeyword(ByteView observed,
                                                       const crypto::pairing::G1& pk_s,
                                                       const crypto::pairing::G1& pk_r,
                                                       std::span<const std::string> dictionary) {
  (void)pk_s;  // k = pk_S^x needs x; the attacker can only key with pk_R^{own}
  const paeks_dh::PartyKey own = paeks_dh::PartyKey::FromScalar(RandomNonZeroScalar());
  return GuessKeyword(*paeks_dh::NewTagEncryptor(own, pk_r), paeks_dh::Algorithms(), observed,
                      dictionary);
}

}  // namespace sselab::peks
