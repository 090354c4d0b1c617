#include "leakage/conjunctions.h"

#include <algorithm>
#include <random>
#include <string_view>
#include <unordered_set>

namespace sselab::leakage {

std::vector<WorkloadOp> MakeConjunctions(std::span<const index::Document> docs,
                                         const KeywordCounts& counts, const WorkloadSpec& spec) {
  std::vector<WorkloadOp> out;
  std::vector<const index::Document*> candidates;
  for (const index::Document& d : docs) {
    if (d.keywords.size() >= 2) candidates.push_back(&d);
  }
  if (spec.conjunctions == 0 || candidates.empty()) return out;
  std::unordered_set<std::string_view> frequent;
  const size_t pool = std::min<size_t>(spec.pool, counts.ranked.size());
  for (size_t i = 0; i < pool; ++i) frequent.insert(counts.ranked[i].first);
  // A stream of its own, so that adding conjunctions leaves the rest of a workload as it was.
  std::mt19937_64 rng(spec.seed ^ 0x636f6e6a756e6374ULL);
  for (uint64_t q = 0; q < spec.conjunctions; ++q) {
    const index::Document& d = *candidates[rng() % candidates.size()];
    std::vector<std::string> keywords = d.keywords;
    std::sort(keywords.begin(), keywords.end());
    keywords.erase(std::unique(keywords.begin(), keywords.end()), keywords.end());
    if (keywords.size() < 2) continue;
    const size_t n = std::min<size_t>(2 + rng() % (spec.max_terms - 1), keywords.size());
    // The first term: one of d's field keywords ("from:…", "subject:…") where it has
    // some, else any of its keywords.
    std::vector<size_t> fields;
    for (size_t i = 0; i < keywords.size(); ++i) {
      if (keywords[i].find(':') != std::string::npos) fields.push_back(i);
    }
    std::swap(keywords[0],
              keywords[fields.empty() ? rng() % keywords.size() : fields[rng() % fields.size()]]);
    std::vector<std::string> terms = {keywords[0]};
    // The others: d's frequent keywords first, in a random order, then the rest.
    std::vector<std::string> rest(keywords.begin() + 1, keywords.end());
    std::shuffle(rest.begin(), rest.end(), rng);
    std::stable_partition(rest.begin(), rest.end(),
                          [&](const std::string& w) { return frequent.contains(w); });
    terms.insert(terms.end(), rest.begin(), rest.begin() + static_cast<long>(n - 1));
    std::shuffle(terms.begin(), terms.end(), rng);
    out.push_back({.kind = OpKind::kSearch, .terms = std::move(terms)});
  }
  return out;
}

}  // namespace sselab::leakage
