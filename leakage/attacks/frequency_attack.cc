#include "leakage/attacks/frequency_attack.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace sselab::leakage::attacks {

Result<KeywordGuesses> FrequencyAnalysis(std::span<const TokenClass> classes,
                                         std::span<const double> aux_frequency,
                                         const FrequencyAnalysisParams& params) {
  std::vector<KeywordId> keywords;  // with positive frequency, most frequent first
  double aux_total = 0.0;
  for (size_t k = 0; k < aux_frequency.size(); ++k) {
    const double f = aux_frequency[k];
    if (!std::isfinite(f) || f < 0.0) {
      return InvalidArgumentError("frequency analysis: keyword " + std::to_string(k) +
                                  " has an invalid auxiliary frequency");
    }
    if (f > 0.0) {
      keywords.push_back(static_cast<KeywordId>(k));
      aux_total += f;
    }
  }
  std::stable_sort(keywords.begin(), keywords.end(),
                   [&](KeywordId a, KeywordId b) { return aux_frequency[a] > aux_frequency[b]; });

  KeywordGuesses guesses(classes.size());
  if (keywords.empty()) return guesses;
  if (params.matching == FrequencyMatching::kRank) {
    std::vector<size_t> order(classes.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return classes[a].entries > classes[b].entries; });
    for (size_t r = 0; r < order.size() && r < keywords.size(); ++r) {
      guesses[order[r]] = keywords[r];
    }
    return guesses;
  }

  // Nearest: binary search in the ascending list of relative frequencies.
  std::vector<KeywordId> ascending(keywords.rbegin(), keywords.rend());
  std::vector<double> shares(ascending.size());
  for (size_t i = 0; i < ascending.size(); ++i) {
    shares[i] = aux_frequency[ascending[i]] / aux_total;
  }
  double entries_total = 0.0;
  for (const TokenClass& c : classes) entries_total += static_cast<double>(c.entries);
  if (entries_total == 0.0) return guesses;
  for (size_t c = 0; c < classes.size(); ++c) {
    const double share = static_cast<double>(classes[c].entries) / entries_total;
    const auto it = std::lower_bound(shares.begin(), shares.end(), share);
    size_t best = static_cast<size_t>(it - shares.begin());
    if (best == shares.size() || (best > 0 && share - shares[best - 1] <= shares[best] - share)) {
      --best;
    }
    guesses[c] = ascending[best];
  }
  return guesses;
}

}  // namespace sselab::leakage::attacks
