// Shared fixtures of the leakage tests: a small synthetic corpus and a recorded run.
#ifndef SSELAB_LEAKAGE_LEAKAGE_TESTING_H_
#define SSELAB_LEAKAGE_LEAKAGE_TESTING_H_

#include <string>
#include <vector>

#include "index/synthetic.h"
#include "leakage/record_run.h"
#include "schemes/builtin.h"

namespace sselab::leakage::testing {

inline std::vector<index::Document> SmallCorpus() {
  auto source = index::NewSyntheticSource(
      {.docs = 300, .keywords = 120, .pairs = 3000, .zipf = 1.0, .seed = 7});
  return ReadAll(*source).value();
}

// 40 searches over the 30 most frequent keywords (a quarter repeats), then 6 inserts and
// 3 removes where the scheme supports them.
inline Result<Transcript> RecordSmall(const std::string& scheme,
                                      const std::vector<std::string>& params = {}) {
  std::vector<index::Document> docs = SmallCorpus();
  WorkloadSpec spec{.searches = 40, .pool = 30, .repeat = 0.25, .inserts = 6, .removes = 3};
  return RecordRun(schemes::BuiltinRegistry(), {.scheme = scheme, .params = params}, docs,
                   MakeWorkload(CountKeywords(docs), spec), "synth:small", {});
}

}  // namespace sselab::leakage::testing

#endif  // SSELAB_LEAKAGE_LEAKAGE_TESTING_H_
