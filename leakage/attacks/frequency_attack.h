// Frequency analysis of deterministic tokens at rest.
//
// A blind (deterministic, possibly truncated) token index stores, under each token, one
// entry per (keyword, document) pair of the keywords that map to it. Whoever holds the
// server directory sees the tokens and how many entries each has, no query needed. This
// is classical frequency analysis, as applied to property-preserving encryption by
//   [NKW15] M. Naveed, S. Kamara, C. V. Wright, "Inference Attacks on Property-Preserving
//   Encrypted Databases", ACM CCS 2015 (frequency analysis / l_p-optimization),
// with the auxiliary distribution taken from a corpus part disjoint from the indexed one.
//
// Steps: rank matching sorts the classes by entry count and the keywords by auxiliary
// frequency, both descending, and pairs them rank by rank (NKW15's frequency analysis).
// Nearest matching gives each class the keyword whose relative auxiliary frequency is
// closest to the class's share of all entries (keywords may repeat across classes).
// With truncated tokens a class holds several keywords and its count is their sum; the
// attack still names one keyword per class (evaluation counts it right if it is any of
// the class's keywords).
#ifndef SSELAB_LEAKAGE_ATTACKS_FREQUENCY_ATTACK_H_
#define SSELAB_LEAKAGE_ATTACKS_FREQUENCY_ATTACK_H_

#include <cstdint>
#include <span>
#include <string>

#include "base/result.h"
#include "leakage/attacks/attack_types.h"

namespace sselab::leakage::attacks {

// One token seen at rest.
struct TokenClass {
  std::string token;     // opaque token bytes; not used by the attack, kept for the caller
  uint64_t entries = 0;  // number of entries stored under the token (padding included)
};

enum class FrequencyMatching {
  kRank,     // i-th most frequent class -> i-th most frequent keyword (injective)
  kNearest,  // each class -> keyword of nearest relative frequency (may repeat)
};

struct FrequencyAnalysisParams {
  FrequencyMatching matching = FrequencyMatching::kRank;
};

// Guesses a keyword per class. `aux_frequency[k]` is keyword k's frequency (count or
// probability; only ratios matter) in the auxiliary corpus; keywords with frequency 0
// are never guessed. Rank matching leaves classes beyond the number of such keywords
// unguessed. Errors: InvalidArgument for a negative or non-finite frequency.
Result<KeywordGuesses> FrequencyAnalysis(std::span<const TokenClass> classes,
                                         std::span<const double> aux_frequency,
                                         const FrequencyAnalysisParams& params);

}  // namespace sselab::leakage::attacks

#endif  // SSELAB_LEAKAGE_ATTACKS_FREQUENCY_ATTACK_H_
