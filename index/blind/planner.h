// The blind-index planner: which token length L suits a corpus.
//
// For each candidate L it reports the expected coincidence count C = R / 2^L (R = distinct
// keywords), whether L meets the rule of thumb 2 <= C < sqrt(R), and the bucket sizes
// measured on the corpus itself (keywords hashed under a fresh random key, truncated to
// L bits): the smallest anonymity set, the median bucket, and the share of keywords alone
// in their bucket. Fields (index/field.h) have their own keys, so each is planned alone.
// See papers/blind-index.md, "Choosing L".
#ifndef SSELAB_INDEX_BLIND_PLANNER_H_
#define SSELAB_INDEX_BLIND_PLANNER_H_

#include <cstdint>
#include <optional>
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
  std::string field;                  // "" for keywords outside any field
  uint64_t keywords = 0;              // R
  std::vector<Candidate> candidates;  // ascending L
  int recommended_bits = 0;
  std::string explanation;  // plain words, several lines
};

// At most this share of keywords may be alone in their bucket at the recommended L.
inline constexpr double kMaxAloneShare = 0.05;

// The expected share of R keywords alone in their bucket with L-bit tokens:
// (1 - 2^-L)^(R-1). Build warns (BlindClient) when it exceeds kMaxAloneShare.
double ExpectedAloneShare(uint64_t keywords, int bits);

// Plans for a set of distinct keywords of one field. REQUIRES: no duplicates.
Plan PlanForKeywords(const std::vector<std::string>& keywords, std::string field = "");

// Reads the distinct keywords of `corpus` and plans for each field they fall in ("" first,
// then by name), or for `field` alone. Errors of the source pass through; kInvalidArgument
// for a corpus without keywords, or without keywords in `field` (naming the fields it has).
Result<std::vector<Plan>> PlanForCorpus(DocumentSource& corpus,
                                        const std::optional<std::string>& field = std::nullopt);

// The plan as a text report: a table of candidates and the recommendation.
std::string FormatPlan(const Plan& plan);

// The `--param` arguments that build an index with the plans' recommendations.
std::string RecommendedParams(const std::vector<Plan>& plans);

}  // namespace sselab::index::blind

#endif  // SSELAB_INDEX_BLIND_PLANNER_H_
