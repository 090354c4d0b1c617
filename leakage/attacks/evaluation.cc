#include "leakage/attacks/evaluation.h"

#include <algorithm>
#include <set>
#include <string>

namespace sselab::leakage::attacks {
namespace {

double Ratio(size_t num, size_t den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

}  // namespace

Result<QueryRecovery> EvaluateQueryRecovery(const KeywordGuesses& guesses,
                                            std::span<const KeywordId> truth,
                                            std::span<const uint32_t> scored) {
  if (guesses.size() != truth.size()) {
    return InvalidArgumentError("evaluation: " + std::to_string(guesses.size()) + " guesses for " +
                                std::to_string(truth.size()) + " queries");
  }
  std::vector<uint32_t> all;
  if (scored.empty()) {
    for (uint32_t i = 0; i < truth.size(); ++i) all.push_back(i);
    scored = all;
  }
  QueryRecovery r;
  std::set<KeywordId> keywords;
  std::set<KeywordId> recovered;
  for (uint32_t i : scored) {
    if (i >= truth.size()) {
      return InvalidArgumentError("evaluation: scored query " + std::to_string(i) +
                                  " is out of range");
    }
    ++r.queries;
    keywords.insert(truth[i]);
    if (!guesses[i].has_value()) continue;
    ++r.guessed;
    if (*guesses[i] == truth[i]) {
      ++r.correct;
      recovered.insert(truth[i]);
    }
  }
  r.query_recovery_rate = Ratio(r.correct, r.queries);
  r.keywords = keywords.size();
  r.keywords_recovered = recovered.size();
  r.keyword_recovery_rate = Ratio(r.keywords_recovered, r.keywords);
  return r;
}

Result<TokenRecovery> EvaluateTokenRecovery(const KeywordGuesses& guesses,
                                            std::span<const std::vector<KeywordId>> class_keywords,
                                            std::span<const double> keyword_weights) {
  if (guesses.size() != class_keywords.size()) {
    return InvalidArgumentError("evaluation: " + std::to_string(guesses.size()) + " guesses for " +
                                std::to_string(class_keywords.size()) + " classes");
  }
  TokenRecovery r;
  std::set<KeywordId> keywords;
  std::set<KeywordId> recovered;
  for (size_t c = 0; c < class_keywords.size(); ++c) {
    const std::vector<KeywordId>& members = class_keywords[c];
    keywords.insert(members.begin(), members.end());
    ++r.classes;
    if (guesses[c].has_value() &&
        std::find(members.begin(), members.end(), *guesses[c]) != members.end()) {
      ++r.correct;
      recovered.insert(*guesses[c]);
    }
  }
  r.token_recovery_rate = Ratio(r.correct, r.classes);
  r.keywords = keywords.size();
  r.keywords_recovered = recovered.size();
  r.keyword_recovery_rate = Ratio(r.keywords_recovered, r.keywords);
  if (keyword_weights.empty()) {
    r.weighted_keyword_recovery_rate = r.keyword_recovery_rate;
    return r;
  }
  double total = 0.0;
  double hit = 0.0;
  for (KeywordId k : keywords) {
    if (k >= keyword_weights.size() || !(keyword_weights[k] >= 0.0)) {
      return InvalidArgumentError("evaluation: keyword " + std::to_string(k) +
                                  " has no valid weight");
    }
    total += keyword_weights[k];
    if (recovered.count(k) != 0) hit += keyword_weights[k];
  }
  r.weighted_keyword_recovery_rate = total == 0.0 ? 0.0 : hit / total;
  return r;
}

}  // namespace sselab::leakage::attacks
