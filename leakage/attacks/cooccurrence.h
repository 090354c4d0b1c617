// Co-occurrence statistics: the common currency of the count and IKK attacks.
//
// Observed side: C[i][j] = |results_i ∩ results_j| for observed queries i, j (the diagonal
// is |results_i|). Known side: for keywords k, l, the number of known documents containing
// both (the diagonal is the keyword's document count). Both are built as products of a
// sparse incidence matrix with its transpose (Eigen), so the cost follows the number of
// (query, result) or (keyword, document) pairs rather than the identifier range.
#ifndef SSELAB_LEAKAGE_ATTACKS_COOCCURRENCE_H_
#define SSELAB_LEAKAGE_ATTACKS_COOCCURRENCE_H_

#include <span>

#include <Eigen/Dense>
#include <Eigen/SparseCore>

#include "base/result.h"
#include "leakage/attacks/attack_types.h"

namespace sselab::leakage::attacks {

// Checks that every query's results are sorted and unique. InvalidArgument names the
// first offending query.
Status ValidateObservedQueries(std::span<const ObservedQuery> queries);

// The dense Q x Q matrix C[i][j] = |results_i ∩ results_j|. Queries with empty results
// contribute zero rows. Errors: those of ValidateObservedQueries.
Result<Eigen::MatrixXd> QueryCoOccurrence(std::span<const ObservedQuery> queries);

// Document counts and pairwise co-occurrence counts of the keywords in known documents.
struct KeywordStatistics {
  // counts[k] = number of known documents containing keyword k.
  Eigen::VectorXd counts;
  // cooccurrence(k, l) = number of known documents containing k and l (symmetric;
  // the diagonal equals counts).
  Eigen::SparseMatrix<double> cooccurrence;
  // Number of known documents the statistics were computed from.
  uint64_t num_documents = 0;
};

// Checks the KnownDocuments contract (ids in range, N >= known documents, N > 0).
Status ValidateKnownDocuments(const KnownDocuments& known);

// Computes KeywordStatistics. Errors: those of ValidateKnownDocuments.
Result<KeywordStatistics> ComputeKeywordStatistics(const KnownDocuments& known);

}  // namespace sselab::leakage::attacks

#endif  // SSELAB_LEAKAGE_ATTACKS_COOCCURRENCE_H_
