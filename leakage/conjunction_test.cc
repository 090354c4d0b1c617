// Conjunctions in the lab: the workload draws them from documents, the naive intersection
// shows the server every term's result while OXT shows the result alone, and adding
// conjunctions to a run leaves its single-keyword measures and scores as they were.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "leakage/analysis.h"
#include "leakage/conjunctions.h"
#include "leakage/leakage_testing.h"

namespace sselab::leakage {
namespace {

TEST(ConjunctionsTest, EachIsDrawnFromOneDocument) {
  const std::vector<index::Document> docs = testing::SmallCorpus();
  const KeywordCounts counts = CountKeywords(docs);
  const WorkloadSpec spec{.pool = 20, .conjunctions = 60, .max_terms = 4};
  const std::vector<WorkloadOp> ops = MakeConjunctions(docs, counts, spec);
  ASSERT_EQ(ops.size(), 60u);
  std::set<size_t> sizes;
  for (const WorkloadOp& op : ops) {
    EXPECT_EQ(op.kind, OpKind::kSearch);
    EXPECT_TRUE(op.keyword.empty());
    ASSERT_GE(op.terms.size(), 2u);
    ASSERT_LE(op.terms.size(), 4u);
    sizes.insert(op.terms.size());
    EXPECT_EQ(std::set<std::string>(op.terms.begin(), op.terms.end()).size(), op.terms.size());
    // Some document holds every term: the conjunction matches at least it.
    const bool matched = std::any_of(docs.begin(), docs.end(), [&](const index::Document& d) {
      return std::all_of(op.terms.begin(), op.terms.end(), [&](const std::string& t) {
        return std::find(d.keywords.begin(), d.keywords.end(), t) != d.keywords.end();
      });
    });
    EXPECT_TRUE(matched);
  }
  EXPECT_EQ(sizes, (std::set<size_t>{2, 3, 4}));
  // Deterministic in the seed; none without documents or without a count.
  EXPECT_EQ(MakeConjunctions(docs, counts, spec)[7].terms, ops[7].terms);
  EXPECT_TRUE(MakeConjunctions({}, counts, spec).empty());
  EXPECT_TRUE(MakeConjunctions(docs, counts, {.conjunctions = 0}).empty());
  // The rest of a workload does not move when conjunctions are added.
  const std::vector<WorkloadOp> plain = MakeWorkload(counts, {.searches = 10}, docs);
  const std::vector<WorkloadOp> with =
      MakeWorkload(counts, {.searches = 10, .conjunctions = 5}, docs);
  ASSERT_EQ(with.size(), plain.size() + 5);
  for (size_t i = 0; i < plain.size(); ++i) EXPECT_EQ(with[i].keyword, plain[i].keyword);
  EXPECT_FALSE(ValidateWorkloadSpec({.max_terms = 1}).ok());
  EXPECT_FALSE(ValidateWorkloadSpec({.max_terms = 9}).ok());
}

Analysis Analyzed(const std::string& scheme, uint64_t conjunctions,
                  const std::vector<std::string>& params = {}) {
  const std::vector<index::Document> docs = testing::SmallCorpus();
  const WorkloadSpec spec{.searches = 30, .pool = 20, .repeat = 0.25, .conjunctions = conjunctions};
  auto t = RecordRun(schemes::BuiltinRegistry(), {.scheme = scheme, .params = params}, docs,
                     MakeWorkload(CountKeywords(docs), spec, docs), "synth:small", {});
  EXPECT_TRUE(t.ok()) << t.error().ToString();
  auto a = Analyze(*t, schemes::BuiltinRegistry());
  EXPECT_TRUE(a.ok()) << a.error().ToString();
  return std::move(a).value();
}

TEST(ConjunctionsTest, TheNaiveIntersectionShowsEveryTermsResultOxtTheResultAlone) {
  const Analysis pibas = Analyzed("pibas", 25);
  const Analysis hiding = Analyzed("pibas", 25, {"mode=hiding"});
  const Analysis oxt = Analyzed("oxt", 25);
  const ConjunctionLeakage& p = pibas.conjunctions;
  const ConjunctionLeakage& o = oxt.conjunctions;
  ASSERT_EQ(p.conjunctions, 25u);
  ASSERT_EQ(o.conjunctions, 25u);
  EXPECT_EQ(o.result_ids, p.result_ids);  // the same queries, the same answers
  EXPECT_GT(p.result_ids, 0u);
  // Pi_bas hands back every term's ids: far more than the result.
  EXPECT_GT(p.items_beyond, 2 * p.result_ids);
  EXPECT_EQ(hiding.conjunctions.items_beyond, p.items_beyond);  // ciphertexts, as many
  // OXT hands back exactly the result, and reads the s-term's entries and passing xtags.
  EXPECT_EQ(o.items, o.result_ids);
  EXPECT_EQ(o.items_beyond, 0u);
  EXPECT_GE(o.read_entries, o.result_ids);
  EXPECT_LT(o.reads_beyond, p.reads_beyond);
  // Conjunctions sharing a term: the naive intersection reads that term's entries in
  // both, so every such pair is linked; OXT only through a shared s-term or a common XSet
  // test, so fewer. Pairs sharing no term are linked by neither.
  EXPECT_GT(p.sharing_pairs, 0u);
  EXPECT_EQ(p.sharing_pairs_linked, p.sharing_pairs);
  EXPECT_EQ(o.sharing_pairs, p.sharing_pairs);
  EXPECT_LT(o.sharing_pairs_linked, p.sharing_pairs_linked);
  EXPECT_EQ(p.other_pairs_linked, 0u);
  EXPECT_EQ(o.other_pairs_linked, 0u);
  EXPECT_TRUE(oxt.violations.empty());
  EXPECT_TRUE(pibas.violations.empty());
}

TEST(ConjunctionsTest, SingleKeywordMeasuresIgnoreConjunctions) {
  for (const char* scheme : {"plaintext", "pibas", "oxt"}) {
    const Analysis without = Analyzed(scheme, 0);
    const Analysis with = Analyzed(scheme, 15);
    EXPECT_EQ(with.conjunctions.conjunctions, 15u) << scheme;
    EXPECT_EQ(with.scores.searches, without.scores.searches) << scheme;
    EXPECT_EQ(with.scores.repeat_pairs_linked, without.scores.repeat_pairs_linked) << scheme;
    EXPECT_EQ(with.scores.sharing_pairs_seen, without.scores.sharing_pairs_seen) << scheme;
    EXPECT_EQ(with.scores.volume_exact, without.scores.volume_exact) << scheme;
    EXPECT_EQ(with.measures.search_classes, without.measures.search_classes) << scheme;
    EXPECT_EQ(with.measures.read_entries, without.measures.read_entries) << scheme;
  }
}

}  // namespace
}  // namespace sselab::leakage
