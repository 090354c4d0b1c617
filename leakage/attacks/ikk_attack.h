// The IKK attack of
//   [IKK12] M. S. Islam, M. Kuzu, M. Kantarcioglu, "Access Pattern disclosure on
//   Searchable Encryption: Ramification, Attack and Mitigation", NDSS 2012.
//
// Leakage used: the access pattern (results of each distinct query), as the normalized
// query co-occurrence matrix M_c[i][j] = |R_i ∩ R_j| / N. Knowledge: the background
// co-occurrence matrix M_p[k][l] = (known documents holding k and l) / (known documents),
// and optionally some queries whose keyword is known.
//
// Steps: simulated annealing over injective assignments σ: query -> keyword, the known
// queries fixed, minimizing Σ_{i,j} (M_c[i][j] - M_p[σ(i)][σ(j)])². From a random initial
// assignment, each step picks a random unknown query x and a random keyword y' ≠ σ(x);
// if another unknown query z holds y' the two swap keywords, else x takes y'. A move that
// lowers the cost is accepted; one that raises it by Δ with probability exp(-Δ/T). Then
// T ← T · cooling_rate. The walk stops when T < min_temperature, after reject_threshold
// consecutive rejections, or after max_iterations steps; the final assignment is returned.
// Deviations: the cost change of a move is computed incrementally in O(queries); the
// diagonal of M_c is the observed volume / N, so queries whose results are hidden still
// carry their count; the default parameters are those of published reimplementations
// (the paper text was not available to check them, see README.md).
#ifndef SSELAB_LEAKAGE_ATTACKS_IKK_ATTACK_H_
#define SSELAB_LEAKAGE_ATTACKS_IKK_ATTACK_H_

#include <cstdint>
#include <span>

#include "base/result.h"
#include "leakage/attacks/attack_types.h"

namespace sselab::leakage::attacks {

struct IkkParams {
  double initial_temperature = 200000.0;
  double cooling_rate = 0.99999;  // in (0, 1)
  uint64_t reject_threshold = 10000;
  double min_temperature = 1e-6;
  uint64_t max_iterations = 20'000'000;
  // Seeds the std::mt19937_64 that drives the walk: same inputs + seed, same guesses.
  uint64_t seed = 1;
};

// Runs IKK. `keyword_domain` lists the keywords unknown queries may be assigned (empty =
// every keyword of the vocabulary); keywords of `known_queries` are excluded from it.
// Every query gets a guess (known queries their known keyword).
// Errors: InvalidArgument for malformed inputs, parameters out of range, a known query
// index or keyword out of range, two known queries on one query or one keyword, or fewer
// domain keywords than unknown queries.
Result<KeywordGuesses> IkkAttack(std::span<const ObservedQuery> queries,
                                 const KnownDocuments& known,
                                 std::span<const KnownQuery> known_queries,
                                 std::span<const KeywordId> keyword_domain,
                                 const IkkParams& params);

}  // namespace sselab::leakage::attacks

#endif  // SSELAB_LEAKAGE_ATTACKS_IKK_ATTACK_H_
