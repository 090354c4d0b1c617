#include "leakage/attacks/count_attack.h"

#include <cmath>
#include <optional>
#include <vector>

#include "leakage/attacks/cooccurrence.h"

namespace sselab::leakage::attacks {
namespace {

// Whether an observed count is consistent with a count seen in the known documents.
class CountMatcher {
 public:
  CountMatcher(double known_fraction, double window)
      : scale_(1.0 / known_fraction), window_(window), exact_(known_fraction >= 1.0) {}

  bool Matches(double observed, double known) const {
    if (exact_) return observed == known;
    return std::abs(observed - known * scale_) <= window_;
  }

 private:
  double scale_;
  double window_;
  bool exact_;
};

bool RevealsResults(const ObservedQuery& q) { return !q.results.empty() || q.volume == 0; }

}  // namespace

double CountWindow(uint64_t total_documents, const CountAttackParams& params) {
  // Hoeffding over the (1 - δ) N documents the adversary does not know: their share of a
  // count deviates from its estimate by more than ε with probability at most α.
  const double unknown = (1.0 - params.known_fraction) * static_cast<double>(total_documents);
  return std::sqrt(0.5 * unknown * std::log(2.0 / params.window_error));
}

Result<KeywordGuesses> CountAttack(std::span<const ObservedQuery> queries,
                                   const KnownDocuments& known, const CountAttackParams& params) {
  if (!(params.known_fraction > 0.0 && params.known_fraction <= 1.0)) {
    return InvalidArgumentError("count attack: known_fraction must be in (0, 1]");
  }
  if (!(params.window_error > 0.0 && params.window_error < 1.0)) {
    return InvalidArgumentError("count attack: window_error must be in (0, 1)");
  }
  SSELAB_ASSIGN_OR_RETURN(Eigen::MatrixXd observed, QueryCoOccurrence(queries));
  SSELAB_ASSIGN_OR_RETURN(KeywordStatistics stats, ComputeKeywordStatistics(known));
  const CountMatcher matcher(params.known_fraction, CountWindow(known.total_documents, params));
  const size_t num_queries = queries.size();

  // Step 1: candidates by count.
  std::vector<std::vector<KeywordId>> candidates(num_queries);
  for (size_t i = 0; i < num_queries; ++i) {
    const auto volume = static_cast<double>(queries[i].volume);
    for (KeywordId k = 0; k < known.num_keywords; ++k) {
      if (matcher.Matches(volume, stats.counts[k])) candidates[i].push_back(k);
    }
  }

  KeywordGuesses guesses(num_queries);
  std::vector<bool> taken(known.num_keywords, false);
  // Dense co-occurrence column of each recovered query's keyword, built when recovered.
  std::vector<Eigen::VectorXd> recovered_columns(num_queries);
  std::vector<size_t> recovered_with_results;

  auto recover = [&](size_t i, KeywordId k) {
    guesses[i] = k;
    taken[k] = true;
    if (RevealsResults(queries[i])) {
      recovered_columns[i] = Eigen::VectorXd(stats.cooccurrence.col(static_cast<Eigen::Index>(k)));
      recovered_with_results.push_back(i);
    }
  };

  // Step 2: unique counts. A keyword that is the sole candidate of several queries is
  // ambiguous and left for step 3.
  std::vector<uint32_t> sole_claims(known.num_keywords, 0);
  for (size_t i = 0; i < num_queries; ++i) {
    if (candidates[i].size() == 1) ++sole_claims[candidates[i][0]];
  }
  for (size_t i = 0; i < num_queries; ++i) {
    if (candidates[i].size() == 1 && sole_claims[candidates[i][0]] == 1) {
      recover(i, candidates[i][0]);
    }
  }

  // Step 3: disambiguate by co-occurrence with recovered queries, until a fixed point.
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t i = 0; i < num_queries; ++i) {
      if (guesses[i].has_value()) continue;
      const bool reveals = RevealsResults(queries[i]);
      std::vector<KeywordId> remaining;
      for (KeywordId k : candidates[i]) {
        if (taken[k]) continue;
        bool consistent = true;
        if (reveals) {
          for (size_t j : recovered_with_results) {
            const auto ki = static_cast<Eigen::Index>(k);
            if (!matcher.Matches(
                    observed(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)),
                    recovered_columns[j][ki])) {
              consistent = false;
              break;
            }
          }
        }
        if (consistent) remaining.push_back(k);
      }
      candidates[i] = std::move(remaining);
      if (candidates[i].size() == 1) {
        recover(i, candidates[i][0]);
        changed = true;
      }
    }
  }
  return guesses;
}

}  // namespace sselab::leakage::attacks
