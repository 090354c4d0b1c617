#include "peks/keyword_guessing.h"

#include <algorithm>

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

void KeywordGuessing::UseDictionary(std::span<const std::string> dictionary) {
  if (words_.size() == dictionary.size() &&
      std::equal(words_.begin(), words_.end(), dictionary.begin())) {
    return;
  }
  words_.assign(dictionary.begin(), dictionary.end());
  tags_.clear();
  answers_.clear();
}

Result<ByteView> KeywordGuessing::TagOf(size_t i) {
  while (tags_.size() <= i) {
    SSELAB_ASSIGN_OR_RETURN(std::vector<Bytes> tags,
                            attacker_->EncryptTags(words_[tags_.size()], 1));
    tags_.push_back(std::move(tags[0]));
  }
  return ByteView(tags_[i]);
}

Result<std::optional<std::string>> KeywordGuessing::Guess(ByteView observed,
                                                          std::span<const std::string> dictionary) {
  SSELAB_ASSIGN_OR_RETURN(ByteView trapdoor, TrapdoorOf(observed, server_.trapdoor_size));
  UseDictionary(dictionary);
  const Bytes key = ToBytes(trapdoor);
  if (auto it = answers_.find(key); it != answers_.end()) return it->second;
  SSELAB_ASSIGN_OR_RETURN(std::unique_ptr<TagTester> tester, server_.prepare_trapdoor(trapdoor));
  std::optional<std::string> found;
  for (size_t i = 0; i < words_.size() && !found; ++i) {
    SSELAB_ASSIGN_OR_RETURN(ByteView tag, TagOf(i));
    SSELAB_ASSIGN_OR_RETURN(bool match, tester->Matches(tag));
    if (match) found = words_[i];
  }
  answers_.emplace(key, found);
  return found;
}

KeywordGuessing Bdop04Guessing(const bdop04::PublicKey& pk) {
  return KeywordGuessing(bdop04::NewTagEncryptor(pk), bdop04::Algorithms());
}

KeywordGuessing Hl17Guessing(const hl17::SenderPublicKey& pk_s,
                             const hl17::ReceiverPublicKey& pk_r) {
  (void)pk_s;  // public, but no encryption algorithm takes a sender's public key
  const hl17::SenderKey own = hl17::SenderKey::FromScalar(RandomNonZeroScalar());
  return KeywordGuessing(hl17::NewTagEncryptor(own, pk_r), hl17::Algorithms());
}

KeywordGuessing PaeksDhGuessing(const crypto::pairing::G1& pk_s, const crypto::pairing::G1& pk_r) {
  (void)pk_s;  // k = pk_S^x needs x; the attacker can only key with pk_R^{own}
  const paeks_dh::PartyKey own = paeks_dh::PartyKey::FromScalar(RandomNonZeroScalar());
  return KeywordGuessing(paeks_dh::NewTagEncryptor(own, pk_r), paeks_dh::Algorithms());
}

Result<std::optional<std::string>> GuessKeyword(std::unique_ptr<TagEncryptor> attacker,
                                                const ServerAlgorithms& server, ByteView observed,
                                                std::span<const std::string> dictionary) {
  return KeywordGuessing(std::move(attacker), server).Guess(observed, dictionary);
}

Result<std::optional<std::string>> GuessBdop04Keyword(ByteView observed,
                                                      const bdop04::PublicKey& pk,
                                                      std::span<const std::string> dictionary) {
  return Bdop04Guessing(pk).Guess(observed, dictionary);
}

Result<std::optional<std::string>> GuessHl17Keyword(ByteView observed,
                                                    const hl17::SenderPublicKey& pk_s,
                                                    const hl17::ReceiverPublicKey& pk_r,
                                                    std::span<const std::string> dictionary) {
  return Hl17Guessing(pk_s, pk_r).Guess(observed, dictionary);
}

Result<std::optional<std::string>> GuessPaeksDhKeyword(ByteView observed,
                                                       const crypto::pairing::G1& pk_s,
                                                       const crypto::pairing::G1& pk_r,
                                                       std::span<const std::string> dictionary) {
  return PaeksDhGuessing(pk_s, pk_r).Guess(observed, dictionary);
}

}  // namespace sselab::peks
