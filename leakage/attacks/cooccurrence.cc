#include "leakage/attacks/cooccurrence.h"

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

namespace sselab::leakage::attacks {

Status ValidateObservedQueries(std::span<const ObservedQuery> queries) {
  for (size_t i = 0; i < queries.size(); ++i) {
    const std::vector<uint32_t>& r = queries[i].results;
    if (std::adjacent_find(r.begin(), r.end(), std::greater_equal<>()) != r.end()) {
      return InvalidArgumentError("observed query " + std::to_string(i) +
                                  ": results are not sorted and unique");
    }
  }
  return OkStatus();
}

Result<Eigen::MatrixXd> QueryCoOccurrence(std::span<const ObservedQuery> queries) {
  SSELAB_RETURN_IF_ERROR(ValidateObservedQueries(queries));
  uint64_t columns = 0;
  size_t pairs = 0;
  for (const ObservedQuery& q : queries) {
    if (!q.results.empty()) columns = std::max<uint64_t>(columns, uint64_t{q.results.back()} + 1);
    pairs += q.results.size();
  }
  std::vector<Eigen::Triplet<double>> triplets;
  triplets.reserve(pairs);
  for (size_t i = 0; i < queries.size(); ++i) {
    for (uint32_t id : queries[i].results) {
      triplets.emplace_back(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(id), 1.0);
    }
  }
  const auto rows = static_cast<Eigen::Index>(queries.size());
  Eigen::SparseMatrix<double, Eigen::RowMajor> incidence(rows, static_cast<Eigen::Index>(columns));
  incidence.setFromTriplets(triplets.begin(), triplets.end());
  Eigen::SparseMatrix<double> product = incidence * incidence.transpose();
  return Eigen::MatrixXd(product);
}

Status ValidateKnownDocuments(const KnownDocuments& known) {
  if (known.total_documents == 0) {
    return InvalidArgumentError("known documents: total_documents (N) must be positive");
  }
  if (known.total_documents < known.documents.size()) {
    return InvalidArgumentError(
        "known documents: " + std::to_string(known.documents.size()) +
        " known documents exceed N = " + std::to_string(known.total_documents));
  }
  for (size_t d = 0; d < known.documents.size(); ++d) {
    for (KeywordId k : known.documents[d]) {
      if (k >= known.num_keywords) {
        return InvalidArgumentError("known document " + std::to_string(d) + ": keyword id " +
                                    std::to_string(k) + " >= num_keywords " +
                                    std::to_string(known.num_keywords));
      }
    }
  }
  return OkStatus();
}

Result<KeywordStatistics> ComputeKeywordStatistics(const KnownDocuments& known) {
  SSELAB_RETURN_IF_ERROR(ValidateKnownDocuments(known));
  std::vector<Eigen::Triplet<double>> triplets;
  for (size_t d = 0; d < known.documents.size(); ++d) {
    std::vector<KeywordId> keywords = known.documents[d];
    std::sort(keywords.begin(), keywords.end());
    keywords.erase(std::unique(keywords.begin(), keywords.end()), keywords.end());
    for (KeywordId k : keywords) {
      triplets.emplace_back(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(d), 1.0);
    }
  }
  Eigen::SparseMatrix<double> incidence(static_cast<Eigen::Index>(known.num_keywords),
                                        static_cast<Eigen::Index>(known.documents.size()));
  incidence.setFromTriplets(triplets.begin(), triplets.end());
  KeywordStatistics stats;
  stats.cooccurrence = incidence * incidence.transpose();
  stats.counts = stats.cooccurrence.diagonal();
  stats.num_documents = known.documents.size();
  return stats;
}

}  // namespace sselab::leakage::attacks
