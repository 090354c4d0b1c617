#include "leakage/attacks/file_injection.h"

#include <algorithm>
#include <bit>
#include <set>

#include <gtest/gtest.h>

namespace sselab::leakage::attacks {
namespace {

// The documents keyword k is in, ascending: what a search for k touches.
std::vector<uint32_t> Holding(const InjectionPlan& plan, KeywordId k) {
  std::vector<uint32_t> out;
  for (uint32_t j = 0; j < plan.documents.size(); ++j) {
    const std::vector<KeywordId>& d = plan.documents[j];
    if (std::find(d.begin(), d.end(), k) != d.end()) out.push_back(j);
  }
  return out;
}

void ExpectEveryKeywordDecodes(const InjectionPlan& plan) {
  std::set<std::vector<uint32_t>> codes;
  for (KeywordId k = 0; k < plan.universe; ++k) {
    std::vector<uint32_t> touched = Holding(plan, k);
    EXPECT_FALSE(touched.empty()) << k;
    EXPECT_TRUE(codes.insert(touched).second) << "two keywords share the code of " << k;
    EXPECT_EQ(DecodeTouched(plan, touched), k);
  }
  for (const std::vector<KeywordId>& d : plan.documents) EXPECT_FALSE(d.empty());
}

TEST(FileInjectionTest, BinaryInjectsBitWidthDocuments) {
  for (uint32_t m : {1u, 2u, 3u, 7u, 8u, 64u, 100u, 1000u}) {
    auto plan = PlanInjection(m, InjectionVariant::kBinary, 0);
    ASSERT_TRUE(plan.ok());
    EXPECT_EQ(plan->documents.size(), static_cast<size_t>(std::bit_width(m))) << m;
    ExpectEveryKeywordDecodes(*plan);
  }
  // 64 keywords: codes 1..64 need 7 bits; 63 keywords fit in 6 (ZKP16's ⌈log2 m⌉).
  EXPECT_EQ(PlanInjection(63, InjectionVariant::kBinary, 0)->documents.size(), 6u);
}

TEST(FileInjectionTest, ThresholdKeepsEveryDocumentWithinT) {
  for (uint32_t t : {1u, 2u, 3u, 5u, 8u, 13u, 600u}) {
    for (uint32_t m : {1u, 10u, 64u, 257u}) {
      auto plan = PlanInjection(m, InjectionVariant::kThreshold, t);
      ASSERT_TRUE(plan.ok());
      EXPECT_LE(plan->MaxKeywordsPerDocument(), t) << "m " << m << " T " << t;
      ExpectEveryKeywordDecodes(*plan);
    }
  }
  // m = 64, T = 8: groups of 15 codes, ⌈64 / 15⌉ = 5 groups; four of 4 bits, the last
  // (4 keywords) of 3.
  auto plan = PlanInjection(64, InjectionVariant::kThreshold, 8);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->group_size, 15u);
  EXPECT_EQ(plan->documents.size(), 4u * 4 + 3);
  EXPECT_EQ(plan->MaxKeywordsPerDocument(), 8u);
}

TEST(FileInjectionTest, BadPlansAreRefused) {
  EXPECT_FALSE(PlanInjection(0, InjectionVariant::kBinary, 1).ok());
  EXPECT_FALSE(PlanInjection(10, InjectionVariant::kThreshold, 0).ok());
  EXPECT_FALSE(ParseInjectionVariant("ternary").ok());
  EXPECT_EQ(ParseInjectionOrder("search-first").value(), InjectionOrder::kSearchFirst);
  EXPECT_EQ(InjectionVariantName(ParseInjectionVariant("threshold").value()), "threshold");
}

TEST(FileInjectionTest, DecodeAbstainsOnWhatNoKeywordSpells) {
  auto plan = PlanInjection(20, InjectionVariant::kThreshold, 4);  // groups of 7, 3 bits
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(DecodeTouched(*plan, {}), std::nullopt);
  std::vector<uint32_t> two_groups = {0, 3};
  EXPECT_EQ(DecodeTouched(*plan, two_groups), std::nullopt);
  // Group 2 holds keywords 14..19 (codes 1..6): code 7 is nobody's.
  std::vector<uint32_t> code7 = {6, 7, 8};
  EXPECT_EQ(DecodeTouched(*plan, code7), std::nullopt);
  std::vector<uint32_t> out_of_range = {99};
  EXPECT_EQ(DecodeTouched(*plan, out_of_range), std::nullopt);
}

// Hand-built observations: entries 100.. are the corpus's, 1000 + 10 k + j the entry of
// keyword k written by injected document j.
TEST(FileInjectionTest, RecoversByAccessAndByReplay) {
  auto plan = PlanInjection(12, InjectionVariant::kBinary, 0);
  ASSERT_TRUE(plan.ok());
  std::vector<std::vector<uint32_t>> written(plan->documents.size());
  for (uint32_t j = 0; j < written.size(); ++j) {
    for (KeywordId k : plan->documents[j]) written[j].push_back(1000 + 10 * k + j);
  }
  std::vector<KeywordId> searched = {0, 5, 11, 5, 7};
  std::vector<std::vector<uint32_t>> reads;
  for (KeywordId k : searched) {
    std::vector<uint32_t> r = {100 + k, 200};
    for (uint32_t j = 0; j < written.size(); ++j) r.push_back(1000 + 10 * k + j);
    reads.push_back(r);
  }
  reads.push_back({100, 200});  // a keyword outside the universe
  KeywordGuesses by_access = RecoverKeywords(*plan, MatchByAccess(reads, written));
  ASSERT_EQ(by_access.size(), searched.size() + 1);
  for (size_t s = 0; s < searched.size(); ++s) EXPECT_EQ(by_access[s], searched[s]);
  EXPECT_EQ(by_access.back(), std::nullopt);

  std::vector<std::vector<uint32_t>> found_by(plan->documents.size());
  for (uint32_t j = 0; j < found_by.size(); ++j) {
    for (uint32_t s = 0; s < searched.size(); ++s) {
      if (((searched[s] + 1) >> plan->bit[j]) & 1) found_by[j].push_back(s);
    }
  }
  KeywordGuesses by_replay = RecoverKeywords(*plan, MatchByReplay(searched.size() + 1, found_by));
  for (size_t s = 0; s < searched.size(); ++s) EXPECT_EQ(by_replay[s], searched[s]);
  EXPECT_EQ(by_replay.back(), std::nullopt);
  // A forward-private scheme: no replay finds anything, nothing is guessed.
  std::vector<std::vector<uint32_t>> none(plan->documents.size());
  for (const auto& g : RecoverKeywords(*plan, MatchByReplay(searched.size(), none))) {
    EXPECT_EQ(g, std::nullopt);
  }
}

}  // namespace
}  // namespace sselab::leakage::attacks
