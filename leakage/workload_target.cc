#include "leakage/workload_target.h"

#include <set>

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

}  // namespace sselab::leakage
