#include "leakage/attacks/frequency_attack.h"

#include <algorithm>
#include <iostream>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "leakage/attacks/evaluation.h"
#include "leakage/attacks/synthetic_corpus_testing.h"

namespace sselab::leakage::attacks {
namespace {

using testing::MakeZipfCorpus;
using testing::Slice;
using testing::SyntheticCorpus;
using testing::TopKeywords;

constexpr uint32_t kFreqKeywords = 300;
constexpr uint64_t kFreqSeed = 2015;

// What the server holds at rest, plus the truth the evaluation needs.
struct AtRest {
  std::vector<TokenClass> classes;
  std::vector<std::vector<KeywordId>> truth;
};

// One class per bucket of a seeded keyword -> bucket map, in a shuffled order (tokens are
// opaque). `buckets` = 0 means full tokens: one class per keyword.
AtRest StoreTokens(const SyntheticCorpus& indexed, uint32_t buckets, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::vector<KeywordId>> members(buckets == 0 ? kFreqKeywords : buckets);
  for (KeywordId k = 0; k < kFreqKeywords; ++k) {
    if (indexed.postings[k].empty()) continue;
    members[buckets == 0 ? k : rng() % buckets].push_back(k);
  }
  std::erase_if(members, [](const auto& m) { return m.empty(); });
  for (size_t i = members.size(); i > 1; --i) std::swap(members[i - 1], members[rng() % i]);
  AtRest at_rest;
  for (size_t c = 0; c < members.size(); ++c) {
    uint64_t entries = 0;
    for (KeywordId k : members[c]) entries += indexed.postings[k].size();
    at_rest.classes.push_back({.token = "t" + std::to_string(c), .entries = entries});
  }
  at_rest.truth = std::move(members);
  return at_rest;
}

class FrequencyAttackTest : public ::testing::Test {
 protected:
  FrequencyAttackTest() {
    const SyntheticCorpus corpus = MakeZipfCorpus(600, kFreqKeywords, 30, 1.0, kFreqSeed);
    indexed_ = Slice(corpus, 0, 300);
    const SyntheticCorpus aux = Slice(corpus, 300, 600);  // disjoint part
    for (KeywordId k = 0; k < kFreqKeywords; ++k) {
      aux_frequency_.push_back(static_cast<double>(aux.postings[k].size()));
      weight_.push_back(static_cast<double>(indexed_.postings[k].size()));
    }
  }

  TokenRecovery Score(const AtRest& at_rest, const KeywordGuesses& guesses, const char* label) {
    const Result<TokenRecovery> r = EvaluateTokenRecovery(guesses, at_rest.truth, weight_);
    EXPECT_TRUE(r.ok());
    std::cout << "[ measured ] frequency " << label << ": " << at_rest.classes.size()
              << " classes, token recovery " << r->token_recovery_rate << ", keyword recovery "
              << r->keyword_recovery_rate << ", frequency-weighted "
              << r->weighted_keyword_recovery_rate << "\n";
    return *r;
  }

  // Fraction of the `n` most frequent indexed keywords recovered.
  double TopRecovered(const AtRest& at_rest, const KeywordGuesses& guesses, size_t n) {
    size_t hit = 0;
    for (KeywordId k : TopKeywords(indexed_, n)) {
      for (size_t c = 0; c < guesses.size(); ++c) {
        if (guesses[c] == k && std::count(at_rest.truth[c].begin(), at_rest.truth[c].end(), k)) {
          ++hit;
          break;
        }
      }
    }
    return static_cast<double>(hit) / static_cast<double>(n);
  }

  KeywordGuesses Attack(const AtRest& at_rest, FrequencyMatching matching) {
    Result<KeywordGuesses> g = FrequencyAnalysis(at_rest.classes, aux_frequency_, {matching});
    EXPECT_TRUE(g.ok());
    return *g;
  }

  SyntheticCorpus indexed_;
  std::vector<double> aux_frequency_;
  std::vector<double> weight_;
};

TEST_F(FrequencyAttackTest, FullTokensRevealFrequentKeywords) {
  const AtRest at_rest = StoreTokens(indexed_, 0, kFreqSeed);
  const KeywordGuesses rank = Attack(at_rest, FrequencyMatching::kRank);
  const KeywordGuesses nearest = Attack(at_rest, FrequencyMatching::kNearest);
  const TokenRecovery r = Score(at_rest, rank, "full tokens, rank");
  Score(at_rest, nearest, "full tokens, nearest");
  const double top5 = TopRecovered(at_rest, rank, 5);
  const double top5_nearest = TopRecovered(at_rest, nearest, 5);
  std::cout << "[ measured ] frequency top-5 recovered: rank " << top5 << ", nearest "
            << top5_nearest << "\n";
  EXPECT_GE(top5, 0.8);
  EXPECT_GE(top5_nearest, 0.8);
  EXPECT_GT(r.weighted_keyword_recovery_rate, r.keyword_recovery_rate);  // frequent first
}

TEST_F(FrequencyAttackTest, TruncatedTokensMergeClassesAndHideKeywords) {
  const AtRest full = StoreTokens(indexed_, 0, kFreqSeed);
  const AtRest truncated = StoreTokens(indexed_, 16, kFreqSeed);  // 4-bit tokens
  const TokenRecovery f = Score(full, Attack(full, FrequencyMatching::kRank), "full, rank");
  const TokenRecovery t =
      Score(truncated, Attack(truncated, FrequencyMatching::kRank), "16 buckets, rank");
  EXPECT_LT(t.keyword_recovery_rate, f.keyword_recovery_rate);
  EXPECT_LT(t.weighted_keyword_recovery_rate, f.weighted_keyword_recovery_rate);
  EXPECT_LE(t.keywords_recovered, truncated.classes.size());  // one keyword per class at most
}

TEST_F(FrequencyAttackTest, BeatsShuffledGuesses) {
  const AtRest at_rest = StoreTokens(indexed_, 0, kFreqSeed);
  const KeywordGuesses guesses = Attack(at_rest, FrequencyMatching::kRank);
  KeywordGuesses shuffled = guesses;
  std::mt19937_64 rng(11);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  const TokenRecovery real = Score(at_rest, guesses, "full tokens, rank");
  const TokenRecovery random = Score(at_rest, shuffled, "shuffled guesses");
  EXPECT_GT(real.weighted_keyword_recovery_rate, random.weighted_keyword_recovery_rate + 0.2);
}

TEST(FrequencyAttackInputTest, RankAndNearestOnTinyInput) {
  const std::vector<TokenClass> classes = {{.entries = 1}, {.entries = 10}, {.entries = 5}};
  const std::vector<double> aux = {0.0, 0.52, 0.08, 0.40};
  const Result<KeywordGuesses> rank = FrequencyAnalysis(classes, aux, {FrequencyMatching::kRank});
  ASSERT_TRUE(rank.ok());
  EXPECT_EQ(*rank, (KeywordGuesses{2, 1, 3}));
  const Result<KeywordGuesses> nearest =
      FrequencyAnalysis(classes, aux, {FrequencyMatching::kNearest});
  ASSERT_TRUE(nearest.ok());
  EXPECT_EQ(*nearest, (KeywordGuesses{2, 1, 3}));
  const std::vector<double> negative = {-1.0};
  EXPECT_FALSE(FrequencyAnalysis(classes, negative, {}).ok());
  const std::vector<double> two = {1.0, 2.0};
  EXPECT_EQ(*FrequencyAnalysis(classes, two, {}), (KeywordGuesses{std::nullopt, 1, 0}));
}

TEST(EvaluationTest, QueryRecoveryRates) {
  const KeywordGuesses guesses = {3, std::nullopt, 5, 3};
  const std::vector<KeywordId> truth = {3, 4, 6, 3};
  const Result<QueryRecovery> r = EvaluateQueryRecovery(guesses, truth);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->queries, 4U);
  EXPECT_EQ(r->guessed, 3U);
  EXPECT_EQ(r->correct, 2U);
  EXPECT_DOUBLE_EQ(r->query_recovery_rate, 0.5);
  EXPECT_EQ(r->keywords, 3U);
  EXPECT_EQ(r->keywords_recovered, 1U);
  const std::vector<uint32_t> scored = {1, 2};
  EXPECT_DOUBLE_EQ(EvaluateQueryRecovery(guesses, truth, scored)->query_recovery_rate, 0.0);
  EXPECT_FALSE(EvaluateQueryRecovery(guesses, std::vector<KeywordId>{1}).ok());
}

TEST(EvaluationTest, TokenRecoveryCountsAnyMemberOfTheClass) {
  const KeywordGuesses guesses = {1, 4, std::nullopt};
  const std::vector<std::vector<KeywordId>> truth = {{0, 1}, {2, 3}, {4}};
  const std::vector<double> weights = {1.0, 3.0, 1.0, 1.0, 4.0};
  const Result<TokenRecovery> r = EvaluateTokenRecovery(guesses, truth, weights);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->correct, 1U);
  EXPECT_DOUBLE_EQ(r->token_recovery_rate, 1.0 / 3.0);
  EXPECT_EQ(r->keywords, 5U);
  EXPECT_DOUBLE_EQ(r->keyword_recovery_rate, 0.2);
  EXPECT_DOUBLE_EQ(r->weighted_keyword_recovery_rate, 0.3);
  EXPECT_FALSE(EvaluateTokenRecovery(guesses, truth, std::vector<double>{1.0}).ok());
}

}  // namespace
}  // namespace sselab::leakage::attacks
