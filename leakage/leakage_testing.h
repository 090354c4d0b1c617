// Shared fixtures of the leakage tests: a small synthetic corpus and a recorded run.
#ifndef SSELAB_LEAKAGE_LEAKAGE_TESTING_H_
#define SSELAB_LEAKAGE_LEAKAGE_TESTING_H_

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include "index/synthetic.h"

#include "leakage/analysis.h"
#include "leakage/observation.h"
#include "leakage/record_run.h"
#include "schemes/builtin.h"

namespace sselab::leakage::testing {

// The corpus sizes of a scheme's cost class (index::Capabilities).
enum class CostClass { kDefault, kOblivious, kLinear };

inline CostClass CostClassOf(const index::Capabilities& c) {
  if (c.linear_search) return CostClass::kLinear;
  return c.oblivious ? CostClass::kOblivious : CostClass::kDefault;
}

inline std::vector<index::Document> SmallCorpus(CostClass cost = CostClass::kDefault) {
  index::SynthSpec spec{.docs = 300, .keywords = 120, .pairs = 3000, .zipf = 1.0, .seed = 7};
  // Oblivious schemes (Orion) pay about log N ORAM path reads per pair built or found.
  if (cost == CostClass::kOblivious) {
    spec = {.docs = 150, .keywords = 60, .pairs = 1000, .zipf = 1.0, .seed = 7};
  }
  // Linear-search schemes (PEKS) pay a pairing per stored tag per search.
  if (cost == CostClass::kLinear) {
    spec = {.docs = 30, .keywords = 20, .pairs = 90, .zipf = 1.0, .seed = 7};
  }
  auto source = index::NewSyntheticSource(spec);
  return ReadAll(*source).value();
}

// 40 searches over the 30 most frequent keywords (a quarter repeats), then 6 inserts and
// 3 removes where the scheme supports them; 12 searches over 8 keywords for linear-search
// schemes.
inline Result<Transcript> RecordSmall(const std::string& scheme,
                                      const std::vector<std::string>& params = {}) {
  SSELAB_ASSIGN_OR_RETURN(const index::SchemeEntry* e, schemes::BuiltinRegistry().Find(scheme));
  const CostClass cost = CostClassOf(e->info.capabilities);
  std::vector<index::Document> docs = SmallCorpus(cost);
  WorkloadSpec spec{.searches = 40, .pool = 30, .repeat = 0.25, .inserts = 6, .removes = 3};
  if (cost == CostClass::kLinear)
    spec = {.searches = 12, .pool = 8, .repeat = 0.25, .inserts = 4, .removes = 2};
  return RecordRun(schemes::BuiltinRegistry(), {.scheme = scheme, .params = params}, docs,
                   MakeWorkload(CountKeywords(docs), spec), "synth:small", {});
}

// A small recorded run, read the way its server reads it. Fails the test on error.
struct Observed {
  Transcript transcript;
  Observations obs;
};
inline Observed ObserveSmall(const std::string& scheme,
                             const std::vector<std::string>& params = {}) {
  auto t = RecordSmall(scheme, params);
  EXPECT_TRUE(t.ok()) << t.error().ToString();
  const index::SchemeEntry* e = schemes::BuiltinRegistry().Find(scheme).value();
  auto p = index::Params::Parse(scheme, e->info.params, params).value();
  auto obs = ObserveAsServer(t->view, *e, p);
  EXPECT_TRUE(obs.ok()) << obs.error().ToString();
  return {std::move(t).value(), std::move(obs).value()};
}

}  // namespace sselab::leakage::testing

#endif  // SSELAB_LEAKAGE_LEAKAGE_TESTING_H_
