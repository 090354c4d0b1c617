#include "leakage/attacks/ikk_attack.h"

#include <algorithm>
#include <iostream>
#include <random>

#include <gtest/gtest.h>

#include "leakage/attacks/evaluation.h"
#include "leakage/attacks/synthetic_corpus_testing.h"

namespace sselab::leakage::attacks {
namespace {

using testing::MakeZipfCorpus;
using testing::Observe;
using testing::SampleKnown;
using testing::SyntheticCorpus;
using testing::TopKeywords;

constexpr uint32_t kIkkDocs = 400;
constexpr uint32_t kIkkKeywords = 400;
constexpr uint32_t kIkkWordsPerDoc = 40;
constexpr uint64_t kIkkSeed = 2012;
constexpr size_t kIkkQueries = 60;
constexpr size_t kIkkDomain = 100;

// A schedule scaled to the test's cost range (squared differences of co-occurrence
// rates, at most a few units per move) so the walk ends in well under a second; the
// paper-scale defaults of IkkParams spend most of their steps at temperatures where
// every move is accepted.
IkkParams TestParams() {
  return {.initial_temperature = 0.05,
          .cooling_rate = 0.9995,
          .reject_threshold = 4000,
          .min_temperature = 1e-7,
          .max_iterations = 400'000,
          .seed = 42};
}

class IkkAttackTest : public ::testing::Test {
 protected:
  IkkAttackTest()
      : corpus_(MakeZipfCorpus(kIkkDocs, kIkkKeywords, kIkkWordsPerDoc, 1.0, kIkkSeed)),
        domain_(TopKeywords(corpus_, kIkkDomain)) {
    // The client searches 60 of the 100 most frequent keywords, in a random order.
    std::vector<KeywordId> pool = domain_;
    std::mt19937_64 rng(kIkkSeed);
    std::shuffle(pool.begin(), pool.end(), rng);
    queried_.assign(pool.begin(), pool.begin() + kIkkQueries);
    observed_ = Observe(corpus_, queried_, /*reveal_results=*/true);
  }

  // The first `count` queries are known to the adversary; scores the other ones.
  QueryRecovery Run(size_t count, double fraction, const IkkParams& params,
                    KeywordGuesses* guesses_out = nullptr) {
    std::vector<KnownQuery> known_queries;
    std::vector<uint32_t> unknown;
    for (uint32_t q = 0; q < kIkkQueries; ++q) {
      if (q < count) {
        known_queries.push_back({.query = q, .keyword = queried_[q]});
      } else {
        unknown.push_back(q);
      }
    }
    const KnownDocuments known = SampleKnown(corpus_, fraction, kIkkSeed + 1);
    Result<KeywordGuesses> guesses = IkkAttack(observed_, known, known_queries, domain_, params);
    EXPECT_TRUE(guesses.ok()) << guesses.error().ToString();
    Result<QueryRecovery> score = EvaluateQueryRecovery(*guesses, queried_, unknown);
    EXPECT_TRUE(score.ok());
    std::cout << "[ measured ] ikk known=" << count << "/" << kIkkQueries << " delta=" << fraction
              << ": unknown-query recovery " << score->query_recovery_rate << " (" << score->correct
              << "/" << score->queries << ")\n";
    if (guesses_out != nullptr) *guesses_out = *guesses;
    return *score;
  }

  SyntheticCorpus corpus_;
  std::vector<KeywordId> domain_;
  std::vector<KeywordId> queried_;
  std::vector<ObservedQuery> observed_;
};

TEST_F(IkkAttackTest, KnownQueriesLiftRecoveryFarAboveChance) {
  // Chance: a random injective assignment hits 1 / (domain - known) per query.
  const double chance = 1.0 / static_cast<double>(kIkkDomain - 9);
  const QueryRecovery r = Run(9, 1.0, TestParams());  // 15% known
  EXPECT_GE(r.query_recovery_rate, 0.5);
  EXPECT_GT(r.query_recovery_rate, 10 * chance);
}

TEST_F(IkkAttackTest, BeatsShuffledGroundTruth) {
  KeywordGuesses guesses;
  const QueryRecovery real = Run(9, 1.0, TestParams(), &guesses);
  std::vector<KeywordId> shuffled = queried_;
  std::mt19937_64 rng(3);
  std::shuffle(shuffled.begin() + 9, shuffled.end(), rng);
  std::vector<uint32_t> unknown;
  for (uint32_t q = 9; q < kIkkQueries; ++q) unknown.push_back(q);
  const Result<QueryRecovery> baseline = EvaluateQueryRecovery(guesses, shuffled, unknown);
  ASSERT_TRUE(baseline.ok());
  std::cout << "[ measured ] ikk vs shuffled truth: " << baseline->query_recovery_rate << "\n";
  EXPECT_GT(real.query_recovery_rate, baseline->query_recovery_rate + 0.3);
}

TEST_F(IkkAttackTest, PartialKnowledgeStillRecovers) {
  const QueryRecovery r = Run(9, 0.5, TestParams());
  EXPECT_GT(r.query_recovery_rate, 5.0 / static_cast<double>(kIkkDomain));
}

TEST_F(IkkAttackTest, SameSeedSameGuesses) {
  KeywordGuesses a;
  KeywordGuesses b;
  Run(6, 1.0, TestParams(), &a);
  Run(6, 1.0, TestParams(), &b);
  EXPECT_EQ(a, b);
}

TEST(IkkAttackInputTest, RejectsBadInput) {
  const KnownDocuments known{.documents = {{0, 1}, {1}}, .num_keywords = 2, .total_documents = 2};
  const std::vector<ObservedQuery> observed = {{.results = {0}, .volume = 1},
                                               {.results = {0, 1}, .volume = 2}};
  EXPECT_FALSE(IkkAttack(observed, known, {}, {}, {.cooling_rate = 1.0}).ok());
  EXPECT_FALSE(IkkAttack(observed, known, {}, {}, {.initial_temperature = 0.0}).ok());
  const std::vector<KnownQuery> out_of_range = {{.query = 5, .keyword = 0}};
  EXPECT_FALSE(IkkAttack(observed, known, out_of_range, {}, {}).ok());
  const std::vector<KnownQuery> repeated = {{.query = 0, .keyword = 0}, {.query = 1, .keyword = 0}};
  EXPECT_FALSE(IkkAttack(observed, known, repeated, {}, {}).ok());
  const std::vector<KeywordId> small_domain = {1};
  EXPECT_FALSE(IkkAttack(observed, known, {}, small_domain, {}).ok());
  const std::vector<KeywordId> bad_domain = {0, 7};
  EXPECT_FALSE(IkkAttack(observed, known, {}, bad_domain, {}).ok());
}

TEST(IkkAttackInputTest, SolvesTinyInstance) {
  // Two keywords with distinct counts: the cost alone separates them.
  const KnownDocuments known{.documents = {{0, 1}, {1}}, .num_keywords = 2, .total_documents = 2};
  const std::vector<ObservedQuery> observed = {{.results = {0, 1}, .volume = 2},
                                               {.results = {0}, .volume = 1}};
  const Result<KeywordGuesses> guesses = IkkAttack(observed, known, {}, {}, TestParams());
  ASSERT_TRUE(guesses.ok());
  EXPECT_EQ(*guesses, (KeywordGuesses{1, 0}));
}

}  // namespace
}  // namespace sselab::leakage::attacks
