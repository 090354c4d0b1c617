#include "leakage/workload_target.h"

#include <set>

#include "index/query.h"

namespace sselab::leakage {

OpTruth BatchTruth(std::span<const index::Document> docs) {
  OpTruth truth;
  std::set<std::string> keywords;
  for (const index::Document& d : docs) {
    truth.ids.push_back(d.id);
    keywords.insert(d.keywords.begin(), d.keywords.end());
  }
  truth.keywords.assign(keywords.begin(), keywords.end());
  return truth;
}

OpTruth ConjunctionTruth(std::span<const std::string> terms, std::vector<index::DocId> ids) {
  index::Query query;
  query.terms.assign(terms.begin(), terms.end());
  return OpTruth{.keyword = query.ToString(), .ids = std::move(ids), .keywords = query.terms};
}

}  // namespace sselab::leakage
