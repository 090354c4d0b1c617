#include "leakage/attack_run.h"

#include <gtest/gtest.h>

#include "leakage/leakage_testing.h"

namespace sselab::leakage {
namespace {

using testing::Observed;

AttackOutcome Attack(const Observed& o, AttackOptions options) {
  auto aux_source = index::NewSyntheticSource(
      {.docs = 300, .keywords = 120, .pairs = 3000, .zipf = 1.0, .seed = 8});
  auto aux = ReadAll(*aux_source).value();
  options.ikk = {.initial_temperature = 0.05, .cooling_rate = 0.9995, .reject_threshold = 4000};
  auto r = RunAttack(o.obs, o.transcript.truth, testing::SmallCorpus(), aux, options);
  EXPECT_TRUE(r.ok()) << r.error().ToString();
  return r.ok() ? *r : AttackOutcome{};
}

TEST(AttackRunTest, CountAttackRecoversFromRevealedIdsNotFromVolumesAlone) {
  Observed plain = testing::ObserveSmall("plaintext");
  AttackOutcome full = Attack(plain, {.attack = "count"});
  EXPECT_GE(full.searches, 40u);  // the workload's searches plus post-update ones
  EXPECT_GE(full.Rate(), 0.8);
  AttackOutcome pibas = Attack(testing::ObserveSmall("pibas"), {.attack = "count"});
  EXPECT_GE(pibas.Rate(), 0.8);
  AttackOutcome hiding =
      Attack(testing::ObserveSmall("pibas", {"mode=hiding"}), {.attack = "count"});
  EXPECT_LT(hiding.Rate(), full.Rate());
  AttackOutcome partial = Attack(plain, {.attack = "count", .delta = 0.3});
  EXPECT_LT(partial.Rate(), full.Rate());
}

TEST(AttackRunTest, IkkBeatsChance) {
  AttackOutcome ikk = Attack(testing::ObserveSmall("pibas"), {.attack = "ikk", .ikk_known = 0.2});
  EXPECT_GT(ikk.searches, 0u);
  EXPECT_GT(ikk.Rate(), 0.3);  // chance is about 1/120
}

TEST(AttackRunTest, FrequencyAnalysisNeedsAtRestGroups) {
  AttackOutcome blind = Attack(testing::ObserveSmall("blind"), {.attack = "frequency"});
  AttackOutcome coarse =
      Attack(testing::ObserveSmall("blind", {"bits=3"}), {.attack = "frequency"});
  EXPECT_GT(blind.Rate(), 0.3);
  EXPECT_LT(coarse.Rate(), blind.Rate());  // 8 buckets: most keywords share one
  AttackOutcome pibas = Attack(testing::ObserveSmall("pibas"), {.attack = "frequency"});
  EXPECT_LT(pibas.Rate(), blind.Rate());  // every label stands alone: nothing to rank
}

TEST(AttackRunTest, BadOptionsAreNamed) {
  Observed plain = testing::ObserveSmall("plaintext");
  auto docs = testing::SmallCorpus();
  auto r = RunAttack(plain.obs, plain.transcript.truth, docs, {}, {.attack = "guess"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("unknown attack 'guess'"), std::string::npos);
  r = RunAttack(plain.obs, plain.transcript.truth, docs, {}, {.attack = "count", .delta = 0});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  r = RunAttack(plain.obs, plain.transcript.truth, docs, {}, {.attack = "frequency"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("auxiliary corpus"), std::string::npos);
}

}  // namespace
}  // namespace sselab::leakage

namespace sselab::leakage {
namespace {

Result<AttackOutcome> GuessOnSmallRun(const std::string& scheme) {
  std::vector<index::Document> docs = testing::SmallCorpus(testing::CostClass::kLinear);
  KeywordCounts counts = CountKeywords(docs);
  index::KeywordGuesser guesser;
  SSELAB_ASSIGN_OR_RETURN(
      Transcript t,
      RecordRun(schemes::BuiltinRegistry(), {.scheme = scheme}, docs,
                MakeWorkload(counts, {.searches = 4, .pool = 5}), "small", {}, &guesser));
  if (!guesser) return InternalError("no guesser for " + scheme);
  std::vector<std::string> dictionary;
  for (const auto& [w, n] : counts.ranked) dictionary.push_back(w);
  return RunKeywordGuessing(t, guesser, dictionary);
}

TEST(AttackRunTest, KeywordGuessingBreaksPeksNotPaeks) {
  auto bdop = GuessOnSmallRun("peks-bdop04");
  ASSERT_TRUE(bdop.ok()) << bdop.error().ToString();
  EXPECT_EQ(bdop->searches, 4u);
  EXPECT_EQ(bdop->Rate(), 1.0);
  auto hl17 = GuessOnSmallRun("paeks-hl17");
  ASSERT_TRUE(hl17.ok()) << hl17.error().ToString();
  EXPECT_EQ(hl17->searches, 4u);
  EXPECT_EQ(hl17->recovered, 0u);
  auto dh = GuessOnSmallRun("paeks-dh");
  ASSERT_TRUE(dh.ok()) << dh.error().ToString();
  EXPECT_EQ(dh->searches, 4u);
  EXPECT_EQ(dh->recovered, 0u);
  index::KeywordGuesser none;
  auto docs = testing::SmallCorpus();
  auto t = RecordRun(schemes::BuiltinRegistry(), {.scheme = "pibas"}, docs, {}, "small", {}, &none);
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(none);  // symmetric schemes have no such attack
}

}  // namespace
}  // namespace sselab::leakage
