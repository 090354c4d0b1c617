// The (inside) keyword-guessing attack on public-key searchable encryption.
//
// Byun, Rhee, Park and Lee (SDM 2006) observed that keywords come from a small space and
// that in PEKS anyone can encrypt: a server that sees a trapdoor T encrypts each candidate
// keyword w under the receiver's public key and runs Test(T, PEKS(pk, w)); the first match
// is T's keyword. This is that generic attack, using only what a server holds: the
// trapdoor it received (or the raw search request carrying it), the public keys, and a
// dictionary.
//   BDOP'04: the attacker builds tags with bdop04::NewTagEncryptor(pk): recovery whenever
//            the keyword is in the dictionary.
//   HL'17:   tags need a sender's secret key. The attacker has only pk_S and pk_R, so it
//            runs PAEKS with a sender key of its own (the best it can do with public
//            material); HL'17's Test binds T to the real pk_S, so nothing matches.
// Cost: one tag encryption and one test per candidate. Over many trapdoors
// (KeywordGuessing), a candidate is encrypted once: any tag of w passes the test of every
// trapdoor of w, so later trapdoors cost one test per candidate.
#ifndef SSELAB_PEKS_KEYWORD_GUESSING_H_
#define SSELAB_PEKS_KEYWORD_GUESSING_H_

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "peks/bdop04.h"
#include "peks/hl17.h"
#include "peks/keyword_pke.h"
#include "peks/paeks_dh.h"

namespace sselab::peks {

// The trapdoor inside an observed message: `observed` is either the trapdoor itself
// (`trapdoor_size` bytes) or a whole Search request (header + trapdoor). kCorruption
// otherwise.
Result<ByteView> TrapdoorOf(ByteView observed, size_t trapdoor_size);

// The attack over the trapdoors a server sees, one at a time.
class KeywordGuessing {
 public:
  KeywordGuessing(std::unique_ptr<TagEncryptor> attacker, ServerAlgorithms server)
      : attacker_(std::move(attacker)), server_(std::move(server)) {}

  // For each candidate, in order, test its tag (encrypted with the attacker's encryptor
  // when the candidate is first needed, then kept) against the observed trapdoor. The
  // first candidate that matches, or nullopt; a trapdoor seen before is answered from
  // memory. Errors: kCorruption for a malformed trapdoor; kInvalidArgument for a
  // candidate that cannot be hashed (e.g. empty).
  Result<std::optional<std::string>> Guess(ByteView observed,
                                           std::span<const std::string> dictionary);

 private:
  // Makes `dictionary` the current one; a different dictionary drops the tags and answers
  // of the previous one.
  void UseDictionary(std::span<const std::string> dictionary);
  // The tag of the current dictionary's word i, encrypted on first use.
  Result<ByteView> TagOf(size_t i);

  std::unique_ptr<TagEncryptor> attacker_;
  ServerAlgorithms server_;
  std::vector<std::string> words_;
  std::vector<Bytes> tags_;
  std::map<Bytes, std::optional<std::string>> answers_;  // by trapdoor
};

// The attacks with only the public keys, as a server runs them.
KeywordGuessing Bdop04Guessing(const bdop04::PublicKey& pk);
// HL'17 and paeks-dh: the attacker's own sender key is fresh (one per object).
KeywordGuessing Hl17Guessing(const hl17::SenderPublicKey& pk_s,
                             const hl17::ReceiverPublicKey& pk_r);
KeywordGuessing PaeksDhGuessing(const crypto::pairing::G1& pk_s, const crypto::pairing::G1& pk_r);

// One trapdoor: KeywordGuessing(attacker, server).Guess(observed, dictionary).
Result<std::optional<std::string>> GuessKeyword(std::unique_ptr<TagEncryptor> attacker,
                                                const ServerAlgorithms& server, ByteView observed,
                                                std::span<const std::string> dictionary);

// Against BDOP'04, with the receiver's public key.
Result<std::optional<std::string>> GuessBdop04Keyword(ByteView observed,
                                                      const bdop04::PublicKey& pk,
                                                      std::span<const std::string> dictionary);

// Against HL'17, with both public keys (the attacker's own sender key is fresh).
Result<std::optional<std::string>> GuessHl17Keyword(ByteView observed,
                                                    const hl17::SenderPublicKey& pk_s,
                                                    const hl17::ReceiverPublicKey& pk_r,
                                                    std::span<const std::string> dictionary);

// Against paeks-dh, with both public keys: the attacker's own sender key gives another
// DH value, so its tags never match.
Result<std::optional<std::string>> GuessPaeksDhKeyword(ByteView observed,
                                                       const crypto::pairing::G1& pk_s,
                                                       const crypto::pairing::G1& pk_r,
                                                       std::span<const std::string> dictionary);

}  // namespace sselab::peks

#endif  // SSELAB_PEKS_KEYWORD_GUESSING_H_
