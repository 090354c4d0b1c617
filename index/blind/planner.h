// The blind-index planner: which token length L suits a corpus.
//
// For each candidate L it reports the expected coincidence count C = R / 2^L (R = distinct
// keywords), whether L meets the rule of thumb 2 <= C < sqrt(R), and the bucket sizes
// measured on the corpus itself (keywords hashed under a fresh random key, truncated to
// L bits): the smallest anonymity set, the median bucket, and the share of keywords alone
// in their bucket. See papers/blind-index.md, "Choosing L".
#ifndef SSELAB_INDEX_BLIND_PLANNER_H_
#define SSELAB_INDEX_BLIND_PLANNER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "index/document.h"

namespace sselab::index::blind {

struct Candidate {
  int bits = 0;
  double expected_coincidences = 0;  // C = R / 2^L
  bool meets_rule = false;           // 2 <= C < sqrt(R)
  uint64_t buckets = 0;              // non-empty buckets measured
  uint64_t smallest_bucket = 0;      // fewest keywords sharing a token
  double median_bucket = 0;          // median keywords per non-empty bucket
  double alone_share = 0;            // share of keywords alone in their bucket
};

struct Plan {
  uint64_t keywords = 0;              // R
  std::vector<Candidate> candidates;  // ascending L
  int recommended_bits = 0;
  std::string explanation;  // plain words, several lines
};

// At most this share of keywords may be alone in their bucket at the recommended L.
inline constexpr double kMaxAloneShare = 0.05;

// Plans for a set of distinct keywords. REQUIRES: `keywords` has no duplicates.
Plan PlanForKeywords(const std::vector<std::string>& keywords);

// Reads the distinct keywords of `corpus` (errors of the source pass through;
// kInvalidArgument for a corpus without keywords) and plans for them.
Result<Plan> PlanForCorpus(DocumentSource& corpus);

// The plan as a text report: a table of candidates and the recommendation.
std::string FormatPlan(const Plan& plan);

}  // namespace sselab::index::blind

#endif  // SSELAB_INDEX_BLIND_PLANNER_H_
