// Scoring an attack's guesses against the ground truth.
#ifndef SSELAB_LEAKAGE_ATTACKS_EVALUATION_H_
#define SSELAB_LEAKAGE_ATTACKS_EVALUATION_H_

#include <cstddef>
#include <span>
#include <vector>

#include "base/result.h"
#include "leakage/attacks/attack_types.h"

namespace sselab::leakage::attacks {

struct QueryRecovery {
  size_t queries = 0;                // observed queries scored
  size_t guessed = 0;                // queries with a guess
  size_t correct = 0;                // queries whose guess is their true keyword
  double query_recovery_rate = 0.0;  // correct / queries (0 when there are none)
  size_t keywords = 0;               // distinct true keywords among the queries
  size_t keywords_recovered = 0;     // of those, keywords some query recovered correctly
  double keyword_recovery_rate = 0.0;
};

// Scores per-query guesses. `truth[i]` is query i's true keyword, optionally restricted
// to `scored` query indices (empty = all). Errors: InvalidArgument if the sizes differ or
// a scored index is out of range.
Result<QueryRecovery> EvaluateQueryRecovery(const KeywordGuesses& guesses,
                                            std::span<const KeywordId> truth,
                                            std::span<const uint32_t> scored = {});

struct TokenRecovery {
  size_t classes = 0;
  size_t correct = 0;                // classes whose guess is one of their keywords
  double token_recovery_rate = 0.0;  // correct / classes
  size_t keywords = 0;               // distinct keywords over all classes
  size_t keywords_recovered = 0;     // keywords guessed for (one of) their own class(es)
  double keyword_recovery_rate = 0.0;
  // Σ weight of recovered keywords / Σ weight of all keywords (e.g. weight = frequency);
  // equals keyword_recovery_rate when no weights are given.
  double weighted_keyword_recovery_rate = 0.0;
};

// Scores per-class guesses of an at-rest attack. `class_keywords[c]` is the set of true
// keywords stored under class c (several when tokens are truncated). `keyword_weights`,
// if not empty, is indexed by KeywordId and must cover every keyword of the classes.
// Errors: InvalidArgument if the sizes differ or a weight is missing or negative.
Result<TokenRecovery> EvaluateTokenRecovery(const KeywordGuesses& guesses,
                                            std::span<const std::vector<KeywordId>> class_keywords,
                                            std::span<const double> keyword_weights = {});

}  // namespace sselab::leakage::attacks

#endif  // SSELAB_LEAKAGE_ATTACKS_EVALUATION_H_
