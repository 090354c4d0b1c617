#include "leakage/attacks/ikk_attack.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "leakage/attacks/cooccurrence.h"

namespace sselab::leakage::attacks {
namespace {

constexpr uint32_t kNoQuery = UINT32_MAX;

// Portable draws from the engine (the std:: distributions differ between standard
// libraries, which would break reproducibility across toolchains). The modulo bias is
// below n / 2^64.
uint64_t UniformIndex(std::mt19937_64& rng, uint64_t n) { return rng() % n; }
double UniformUnit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

Status ValidateParams(const IkkParams& p) {
  if (!(p.initial_temperature > 0.0)) {
    return InvalidArgumentError("ikk: initial_temperature must be positive");
  }
  if (!(p.cooling_rate > 0.0 && p.cooling_rate < 1.0)) {
    return InvalidArgumentError("ikk: cooling_rate must be in (0, 1)");
  }
  if (!(p.min_temperature >= 0.0)) {
    return InvalidArgumentError("ikk: min_temperature must be non-negative");
  }
  return OkStatus();
}

// The annealing state: query -> column of M_p, and the owner of each domain column.
// Columns [0, domain_size) are the keywords unknown queries may take; columns after
// them hold the known queries' keywords and never move.
class Annealer {
 public:
  Annealer(const Eigen::MatrixXd& mc, const Eigen::MatrixXd& mp, std::vector<uint32_t> assignment,
           std::vector<uint32_t> unknown, uint32_t domain_size)
      : mc_(mc),
        mp_(mp),
        assignment_(std::move(assignment)),
        unknown_(std::move(unknown)),
        owner_(domain_size, kNoQuery) {
    for (uint32_t q : unknown_) owner_[assignment_[q]] = q;
  }

  void Run(const IkkParams& params, std::mt19937_64& rng) {
    const auto domain_size = static_cast<uint64_t>(owner_.size());
    if (unknown_.empty() || domain_size < 2) return;
    double temperature = params.initial_temperature;
    uint64_t rejections = 0;
    for (uint64_t it = 0; it < params.max_iterations && temperature >= params.min_temperature &&
                          rejections < params.reject_threshold;
         ++it, temperature *= params.cooling_rate) {
      const uint32_t x = unknown_[UniformIndex(rng, unknown_.size())];
      const uint32_t old_column = assignment_[x];
      auto y = static_cast<uint32_t>(UniformIndex(rng, domain_size - 1));
      if (y >= old_column) ++y;  // any column but x's own
      const uint32_t z = owner_[y];
      const std::array<uint32_t, 2> moved = {x, z};
      const std::span<const uint32_t> affected(moved.data(), z == kNoQuery ? 1 : 2);

      const double before = AffectedCost(affected);
      assignment_[x] = y;
      if (z != kNoQuery) assignment_[z] = old_column;
      const double delta = AffectedCost(affected) - before;

      if (delta < 0.0 || UniformUnit(rng) < std::exp(-delta / temperature)) {
        owner_[y] = x;
        owner_[old_column] = z;
        rejections = 0;
      } else {
        assignment_[x] = old_column;
        if (z != kNoQuery) assignment_[z] = y;
        ++rejections;
      }
    }
  }

  const std::vector<uint32_t>& assignment() const { return assignment_; }

 private:
  // The part of Σ_{i,j} d(i,j)² that involves a query in S, d = M_c - M_p∘σ:
  // 2 Σ_{i∈S} Σ_j d(i,j)² - Σ_{i,j∈S} d(i,j)² (the matrices are symmetric).
  double AffectedCost(std::span<const uint32_t> s) const {
    double total = 0.0;
    const auto n = static_cast<Eigen::Index>(assignment_.size());
    for (uint32_t i : s) {
      const auto ci = static_cast<Eigen::Index>(assignment_[i]);
      const auto qi = static_cast<Eigen::Index>(i);
      for (Eigen::Index j = 0; j < n; ++j) {
        const double d = mc_(j, qi) - mp_(static_cast<Eigen::Index>(assignment_[j]), ci);
        total += 2.0 * d * d;
      }
      for (uint32_t k : s) {
        const double d = mc_(static_cast<Eigen::Index>(k), qi) -
                         mp_(static_cast<Eigen::Index>(assignment_[k]), ci);
        total -= d * d;
      }
    }
    return total;
  }

  const Eigen::MatrixXd& mc_;
  const Eigen::MatrixXd& mp_;
  std::vector<uint32_t> assignment_;
  std::vector<uint32_t> unknown_;
  std::vector<uint32_t> owner_;
};

}  // namespace

Result<KeywordGuesses> IkkAttack(std::span<const ObservedQuery> queries,
                                 const KnownDocuments& known,
                                 std::span<const KnownQuery> known_queries,
                                 std::span<const KeywordId> keyword_domain,
                                 const IkkParams& params) {
  SSELAB_RETURN_IF_ERROR(ValidateParams(params));
  SSELAB_ASSIGN_OR_RETURN(Eigen::MatrixXd mc, QueryCoOccurrence(queries));
  SSELAB_ASSIGN_OR_RETURN(KeywordStatistics stats, ComputeKeywordStatistics(known));
  if (stats.num_documents == 0) return InvalidArgumentError("ikk: no known documents");
  const auto num_queries = static_cast<uint32_t>(queries.size());

  // Known assignments.
  std::vector<std::optional<KeywordId>> fixed(num_queries);
  std::vector<bool> keyword_fixed(known.num_keywords, false);
  for (const KnownQuery& kq : known_queries) {
    if (kq.query >= num_queries || kq.keyword >= known.num_keywords) {
      return InvalidArgumentError("ikk: known query " + std::to_string(kq.query) + " -> " +
                                  std::to_string(kq.keyword) + " is out of range");
    }
    if (fixed[kq.query].has_value() || keyword_fixed[kq.keyword]) {
      return InvalidArgumentError("ikk: known query " + std::to_string(kq.query) + " -> " +
                                  std::to_string(kq.keyword) + " repeats a query or keyword");
    }
    fixed[kq.query] = kq.keyword;
    keyword_fixed[kq.keyword] = true;
  }

  // Columns of M_p: the domain (minus known keywords), then the known keywords.
  std::vector<KeywordId> columns;
  if (keyword_domain.empty()) {
    for (KeywordId k = 0; k < known.num_keywords; ++k) columns.push_back(k);
  } else {
    columns.assign(keyword_domain.begin(), keyword_domain.end());
    std::sort(columns.begin(), columns.end());
    columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
    if (!columns.empty() && columns.back() >= known.num_keywords) {
      return InvalidArgumentError("ikk: keyword domain holds id " + std::to_string(columns.back()) +
                                  " >= num_keywords");
    }
  }
  std::erase_if(columns, [&](KeywordId k) { return keyword_fixed[k]; });
  const auto domain_size = static_cast<uint32_t>(columns.size());
  std::vector<uint32_t> unknown;
  for (uint32_t q = 0; q < num_queries; ++q) {
    if (!fixed[q].has_value()) unknown.push_back(q);
  }
  if (domain_size < unknown.size()) {
    return InvalidArgumentError("ikk: " + std::to_string(unknown.size()) +
                                " unknown queries but only " + std::to_string(domain_size) +
                                " candidate keywords");
  }
  std::vector<uint32_t> assignment(num_queries, 0);
  for (uint32_t q = 0; q < num_queries; ++q) {
    if (!fixed[q].has_value()) continue;
    assignment[q] = static_cast<uint32_t>(columns.size());
    columns.push_back(*fixed[q]);
  }

  // M_c = C / N with the volume on the diagonal; M_p = known co-occurrence / known docs.
  const double n = static_cast<double>(known.total_documents);
  for (uint32_t q = 0; q < num_queries; ++q) {
    mc(q, q) = static_cast<double>(queries[q].volume);
  }
  mc /= n;
  const auto width = static_cast<Eigen::Index>(columns.size());
  Eigen::MatrixXd mp(width, width);
  for (Eigen::Index b = 0; b < width; ++b) {
    const Eigen::VectorXd column = stats.cooccurrence.col(static_cast<Eigen::Index>(columns[b]));
    for (Eigen::Index a = 0; a < width; ++a) mp(a, b) = column[columns[a]];
  }
  mp /= static_cast<double>(stats.num_documents);

  // Random injective start over the domain, then anneal.
  std::mt19937_64 rng(params.seed);
  std::vector<uint32_t> order(domain_size);
  for (uint32_t c = 0; c < domain_size; ++c) order[c] = c;
  for (uint32_t c = domain_size; c > 1; --c) {
    std::swap(order[c - 1], order[UniformIndex(rng, c)]);
  }
  for (size_t u = 0; u < unknown.size(); ++u) assignment[unknown[u]] = order[u];
  Annealer annealer(mc, mp, std::move(assignment), std::move(unknown), domain_size);
  annealer.Run(params, rng);

  KeywordGuesses guesses(num_queries);
  for (uint32_t q = 0; q < num_queries; ++q) guesses[q] = columns[annealer.assignment()[q]];
  return guesses;
}

}  // namespace sselab::leakage::attacks
