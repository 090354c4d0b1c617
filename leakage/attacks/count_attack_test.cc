#include "leakage/attacks/count_attack.h"

#include <algorithm>
#include <iostream>
#include <map>
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

constexpr uint32_t kDocs = 400;
constexpr uint32_t kKeywords = 400;
constexpr uint32_t kWordsPerDoc = 40;
constexpr uint64_t kSeed = 20151012;

class CountAttackTest : public ::testing::Test {
 protected:
  CountAttackTest()
      : corpus_(MakeZipfCorpus(kDocs, kKeywords, kWordsPerDoc, 1.0, kSeed)),
        queried_(TopKeywords(corpus_, 100)) {}

  QueryRecovery Run(double fraction, bool reveal_results, KeywordGuesses* guesses_out = nullptr) {
    const std::vector<ObservedQuery> observed = Observe(corpus_, queried_, reveal_results);
    const KnownDocuments known = SampleKnown(corpus_, fraction, kSeed + 1);
    Result<KeywordGuesses> guesses =
        CountAttack(observed, known, CountAttackParams{.known_fraction = fraction});
    EXPECT_TRUE(guesses.ok()) << guesses.error().ToString();
    Result<QueryRecovery> score = EvaluateQueryRecovery(*guesses, queried_);
    EXPECT_TRUE(score.ok());
    if (guesses_out != nullptr) *guesses_out = *guesses;
    std::cout << "[ measured ] count attack delta=" << fraction
              << (reveal_results ? " results" : " volumes-only") << ": query recovery "
              << score->query_recovery_rate << " (" << score->correct << "/" << score->queries
              << ", guessed " << score->guessed << ")\n";
    return *score;
  }

  SyntheticCorpus corpus_;
  std::vector<KeywordId> queried_;
};

TEST_F(CountAttackTest, FullKnowledgeRecoversMostTopKeywords) {
  const QueryRecovery r = Run(1.0, true);
  EXPECT_GE(r.query_recovery_rate, 0.8);
  EXPECT_EQ(r.guessed, r.correct);  // exact matching never guesses wrong
}

TEST_F(CountAttackTest, PartialKnowledgeRecoversLess) {
  // Measured at seed kSeed: δ = 1: 1.00, 0.9: 0.40, 0.75: 0.08, 0.5: 0.05, 0.1: 0.
  const QueryRecovery full = Run(1.0, true);
  const QueryRecovery most = Run(0.9, true);
  const QueryRecovery half = Run(0.5, true);
  const QueryRecovery tenth = Run(0.1, true);
  EXPECT_LT(most.query_recovery_rate, full.query_recovery_rate);
  EXPECT_GE(most.query_recovery_rate, 0.2);
  EXPECT_LT(half.query_recovery_rate, most.query_recovery_rate);
  EXPECT_LE(tenth.query_recovery_rate, half.query_recovery_rate);
}

TEST_F(CountAttackTest, VolumesOnlyRecoverExactlyTheUniqueCounts) {
  KeywordGuesses guesses;
  const QueryRecovery r = Run(1.0, false, &guesses);
  std::map<size_t, int> keywords_with_count;
  for (const auto& posting : corpus_.postings) ++keywords_with_count[posting.size()];
  for (size_t i = 0; i < queried_.size(); ++i) {
    const bool unique = keywords_with_count[corpus_.postings[queried_[i]].size()] == 1;
    EXPECT_EQ(guesses[i].has_value(), unique) << "query " << i;
    if (guesses[i].has_value()) {
      EXPECT_EQ(*guesses[i], queried_[i]);
    }
  }
  EXPECT_LT(r.query_recovery_rate, Run(1.0, true).query_recovery_rate);
}

TEST_F(CountAttackTest, BeatsShuffledGroundTruth) {
  KeywordGuesses guesses;
  const QueryRecovery real = Run(1.0, true, &guesses);
  std::vector<KeywordId> shuffled = queried_;
  std::mt19937_64 rng(7);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  const Result<QueryRecovery> baseline = EvaluateQueryRecovery(guesses, shuffled);
  ASSERT_TRUE(baseline.ok());
  std::cout << "[ measured ] count attack vs shuffled truth: " << baseline->query_recovery_rate
            << "\n";
  EXPECT_GT(real.query_recovery_rate, baseline->query_recovery_rate + 0.5);
}

TEST(CountAttackInputTest, RejectsBadInput) {
  const KnownDocuments known{.documents = {{0, 1}}, .num_keywords = 2, .total_documents = 1};
  const std::vector<ObservedQuery> ok = {{.results = {0}, .volume = 1}};
  EXPECT_FALSE(CountAttack(ok, known, {.known_fraction = 0.0}).ok());
  EXPECT_FALSE(CountAttack(ok, known, {.known_fraction = 1.5}).ok());
  EXPECT_FALSE(CountAttack(ok, known, {.window_error = 1.0}).ok());
  const std::vector<ObservedQuery> unsorted = {{.results = {3, 1}, .volume = 2}};
  EXPECT_EQ(CountAttack(unsorted, known, {}).error().code(), ErrorCode::kInvalidArgument);
  const KnownDocuments bad_id{.documents = {{5}}, .num_keywords = 2, .total_documents = 1};
  EXPECT_EQ(CountAttack(ok, bad_id, {}).error().code(), ErrorCode::kInvalidArgument);
  const KnownDocuments too_many{.documents = {{0}, {1}}, .num_keywords = 2, .total_documents = 1};
  EXPECT_EQ(CountAttack(ok, too_many, {}).error().code(), ErrorCode::kInvalidArgument);
}

TEST(CountAttackInputTest, TinyExampleUsesCoOccurrence) {
  // Keywords 0 and 1 both occur in two documents; only co-occurrence with keyword 2
  // (count 3, unique) tells them apart.
  const KnownDocuments known{
      .documents = {{0, 2}, {0, 2}, {1, 2}, {1}}, .num_keywords = 3, .total_documents = 4};
  const std::vector<ObservedQuery> observed = {
      {.results = {2, 3}, .volume = 2},     // keyword 1
      {.results = {0, 1, 2}, .volume = 3},  // keyword 2
      {.results = {0, 1}, .volume = 2},     // keyword 0
  };
  const Result<KeywordGuesses> guesses = CountAttack(observed, known, {});
  ASSERT_TRUE(guesses.ok());
  EXPECT_EQ(*guesses, (KeywordGuesses{1, 2, 0}));
}

}  // namespace
}  // namespace sselab::leakage::attacks
