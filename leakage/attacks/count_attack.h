// The count attack of
//   [CGPR15] D. Cash, P. Grubbs, J. Perry, T. Ristenpart, "Leakage-Abuse Attacks Against
//   Searchable Encryption", ACM CCS 2015: the Count attack (query recovery).
//
// Leakage used: the response volume of each query and, when the results are revealed,
// the co-occurrence counts |R_i ∩ R_j| between queries. Knowledge: known documents.
//
// Steps (leakage/attacks/README.md has the full description):
//   1. candidates(q) = keywords whose known count matches q's volume: exactly when δ = 1,
//      within the window c_k/δ ± ε when δ < 1.
//   2. a query with exactly one candidate is recovered (unique counts).
//   3. repeat until nothing changes: drop candidates already taken by a recovered query,
//      and candidates whose co-occurrence with some recovered query's keyword does not
//      match the observed co-occurrence (exactly, or within the window); recover every
//      query left with one candidate.
// Deviations: the paper's exact window could not be checked (its text was not available);
// the window is the Hoeffding bound ε = sqrt((1 - δ) N ln(2/α) / 2) over the documents the
// adversary does not know, as in the LEAKER reimplementation of CGPR15 (which uses log2
// where Hoeffding has ln), with α = 0.05. It shrinks to 0 as δ -> 1. A keyword that is the sole
// candidate of two queries is left unassigned rather than given to one of them arbitrarily.
#ifndef SSELAB_LEAKAGE_ATTACKS_COUNT_ATTACK_H_
#define SSELAB_LEAKAGE_ATTACKS_COUNT_ATTACK_H_

#include <span>

#include "base/result.h"
#include "leakage/attacks/attack_types.h"

namespace sselab::leakage::attacks {

struct CountAttackParams {
  // δ, the fraction of the index's documents the adversary knows, in (0, 1]. At 1 the
  // attack requires exact matches (full knowledge); below 1 it uses confidence windows.
  double known_fraction = 1.0;
  // α, the probability that one window misses the true count (Hoeffding), in (0, 1).
  double window_error = 0.05;
};

// Half-width ε of the partial-knowledge window for an index of `total_documents`
// (0 when known_fraction is 1).
double CountWindow(uint64_t total_documents, const CountAttackParams& params);

// Runs the count attack. One guess per observed query (nullopt = not recovered).
// Co-occurrence is used only between queries whose results are revealed (non-empty, or
// volume 0); with volumes alone the attack recovers exactly the queries whose count is
// unique among the candidate keywords.
// Errors: InvalidArgument for a parameter out of range or a malformed input (see
// ValidateObservedQueries, ValidateKnownDocuments).
Result<KeywordGuesses> CountAttack(std::span<const ObservedQuery> queries,
                                   const KnownDocuments& known, const CountAttackParams& params);

}  // namespace sselab::leakage::attacks

#endif  // SSELAB_LEAKAGE_ATTACKS_COUNT_ATTACK_H_
