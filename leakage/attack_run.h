// Running the leakage-abuse attacks (leakage/attacks/) on a recorded transcript.
//
// The observed queries are the search classes the server can tell apart (measures.h):
// one ObservedQuery per class, with the class's result items interned as its results and
// its volume. The adversary knows a seeded δ-sample of the indexed documents, restricted
// to the `vocabulary` most frequent keywords of that sample (the attacks' candidate set).
// Frequency analysis reads the at-rest groups and an auxiliary corpus disjoint from the
// indexed one. A search counts as recovered when the guess for its class is its own
// keyword; the ground truth is used for nothing else.
#ifndef SSELAB_LEAKAGE_ATTACK_RUN_H_
#define SSELAB_LEAKAGE_ATTACK_RUN_H_

#include <string>
#include <vector>

#include "index/document.h"
#include "index/registry.h"
#include "leakage/analysis.h"
#include "leakage/attacks/ikk_attack.h"
#include "leakage/observation.h"
#include "leakage/transcript.h"

namespace sselab::leakage {

inline constexpr std::string_view kAttackNames[] = {"count", "ikk", "frequency"};

struct AttackOptions {
  std::string attack;          // one of kAttackNames
  double delta = 1.0;          // fraction of the indexed documents the adversary knows
  uint64_t vocabulary = 1000;  // candidate keywords: the most frequent in the known sample
  double ikk_known = 0.15;     // IKK: fraction of query classes whose keyword is given
  attacks::IkkParams ikk;      // IKK annealing schedule
  uint64_t seed = 1;
};

struct AttackOutcome {
  std::string attack;
  double delta = 0;
  uint64_t searches = 0;   // searches scored (IKK: those whose keyword was not given)
  uint64_t recovered = 0;  // ... whose keyword the attack guessed right
  uint64_t guessed = 0;    // ... for which the attack made a guess
  uint64_t classes = 0;    // query classes (frequency: at-rest groups) attacked
  double Rate() const {
    return searches ? static_cast<double>(recovered) / static_cast<double>(searches) : 0.0;
  }
};

// `indexed` is the corpus the transcript's index was built from; `aux` (frequency analysis
// only) a corpus disjoint from it. kInvalidArgument for an unknown attack or bad options;
// kFailedPrecondition when the transcript has nothing the attack can use (no searches).
Result<AttackOutcome> RunAttack(const Observations& obs, const GroundTruth& truth,
                                const std::vector<index::Document>& indexed,
                                const std::vector<index::Document>& aux,
                                const AttackOptions& options);

// Tag linking, scored (needs the ground truth), as two outcomes:
//   "link-at-rest":  of the searches with two or more results, those whose matching
//                    entries the server had grouped into one at-rest class by itself
//                    (analysis.h: raw store + tag linking with public keys);
//   "link-updates":  of the updates of a keyword searched before, those linked to an
//                    earlier search (a kept search request replayed on the update finds
//                    it, or it joins what an earlier search touched): guessed; those
//                    linked to searches of their keyword only: recovered (an update
//                    linked to every search, as an ORAM's is, names no keyword).
// kFailedPrecondition without ground truth.
Result<std::vector<AttackOutcome>> RunTagLinking(const Analysis& a, const Transcript& t);

// The keyword-guessing attack on a public-key scheme's transcript: each search's request
// goes to `guesser` with `dictionary`; a search is recovered when the guess is its keyword.
Result<AttackOutcome> RunKeywordGuessing(const Transcript& t, const index::KeywordGuesser& guesser,
                                         std::span<const std::string> dictionary);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_ATTACK_RUN_H_
