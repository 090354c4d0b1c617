// Backward privacy measured from real transcripts: each dynamic scheme with deletions
// shows its type, and a claim stronger than what the run shows is caught.
#include <gtest/gtest.h>

#include "leakage/declared_check.h"
#include "leakage/leakage_testing.h"
#include "leakage/measures.h"

namespace sselab::leakage {
namespace {

struct Measured {
  Measures measures;
  Scores scores;
  index::LeakageProfile declared;
};

Measured RecordAndMeasure(const std::string& scheme, const std::vector<std::string>& params = {}) {
  testing::Observed o = testing::ObserveSmall(scheme, params);
  Measured r{Measure(o.obs), Score(o.obs, o.transcript.truth), {}};
  r.declared = schemes::BuiltinRegistry().Find(scheme).value()->info.leakage;
  return r;
}

struct Case {
  const char* scheme;
  const char* observed;
  bool one_round = true;  // a search is one request/reply (Orion: one per path read)
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.scheme; }

class BackwardTypeTest : public ::testing::TestWithParam<Case> {};

TEST_P(BackwardTypeTest, RunShowsTheTypeAndStaysWithinTheDeclaration) {
  const Measured r = RecordAndMeasure(GetParam().scheme);
  EXPECT_EQ(ObservedBackwardType(r.measures, r.scores), GetParam().observed);
  EXPECT_TRUE(CheckDeclared(r.declared, r.measures, r.scores).empty());
  if (GetParam().one_round) {
    EXPECT_EQ(r.measures.search_rounds, r.measures.searches);
  } else {
    EXPECT_GT(r.measures.search_rounds, 10 * r.measures.searches);
  }
  EXPECT_GT(r.measures.search_bytes, 0u);
}

INSTANTIATE_TEST_SUITE_P(DeletingSchemes, BackwardTypeTest,
                         ::testing::Values(Case{"mitra", "Type-II"}, Case{"diana-del", "Type-III"},
                                           Case{"orion", "Type-I", false},
                                           Case{"plaintext", "weakest"}, Case{"blind", "weakest"},
                                           Case{"diana", "-"}),
                         [](const auto& test) {
                           std::string n = test.param.scheme;
                           for (char& c : n) c = c == '-' ? '_' : c;
                           return n;
                         });

// Padding makes additions rewrite entries too (its dummy slots); a removal still turns its
// own pair's entry into a dummy, and the server sees which one as it arrives.
TEST(BackwardTypeOfPaddingTest, PaddedBlindIndexStillLinksRemovalsToTheirAdditions) {
  const Measured r = RecordAndMeasure("blind", {"pad=pow2"});
  EXPECT_EQ(r.scores.own_undo_hits, r.scores.own_undo_pairs);
  EXPECT_GT(r.scores.own_undo_pairs, 0u);
  EXPECT_EQ(ObservedBackwardType(r.measures, r.scores), "weakest");
}

TEST(BackwardClaimTest, AStrongerClaimThanTheRunShowsIsAViolation) {
  Measured del = RecordAndMeasure("diana-del");
  EXPECT_GT(del.scores.own_cancellations_seen, 0u);
  del.declared.backward_privacy = "Type-II";
  auto v = CheckDeclared(del.declared, del.measures, del.scores);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("shows Type-III"), std::string::npos) << v[0];

  Measured mitra = RecordAndMeasure("mitra");
  EXPECT_EQ(mitra.scores.own_removal_pairs_read, mitra.scores.own_removal_pairs);
  EXPECT_EQ(mitra.scores.other_removal_pairs_read, 0u);
  mitra.declared.backward_privacy = "Type-I";
  v = CheckDeclared(mitra.declared, mitra.measures, mitra.scores);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("shows Type-II"), std::string::npos) << v[0];
}

}  // namespace
}  // namespace sselab::leakage
