#include "leakage/measures.h"

#include <gtest/gtest.h>

#include "leakage/leakage_testing.h"

namespace sselab::leakage {
namespace {

struct Recorded {
  Transcript transcript;
  Observations obs;
  Measures measures;
  Scores scores;
};

Recorded Record(const std::string& scheme, const std::vector<std::string>& params = {}) {
  testing::Observed o = testing::ObserveSmall(scheme, params);
  Recorded r{std::move(o.transcript), std::move(o.obs), {}, {}};
  r.measures = Measure(r.obs);
  r.scores = Score(r.obs, r.transcript.truth);
  return r;
}

TEST(MeasuresTest, PlaintextLeaksEverything) {
  Recorded r = Record("plaintext");
  EXPECT_GT(r.scores.repeat_pairs, 0u);
  EXPECT_EQ(r.scores.SearchPatternRate(), 1.0);
  EXPECT_EQ(r.scores.false_links, 0u);
  EXPECT_GT(r.scores.sharing_pairs, 0u);
  EXPECT_EQ(r.scores.sharing_pairs_exact, r.scores.sharing_pairs);
  EXPECT_EQ(r.scores.volume_exact, r.scores.searches);
  EXPECT_GT(r.measures.varying_tables, 0u);  // a postings list's size is its frequency
  EXPECT_GT(r.scores.updates_after_search, 0u);
  EXPECT_EQ(r.scores.updates_after_search_linked, r.scores.updates_after_search);
  EXPECT_EQ(r.measures.removes, 3u);
  EXPECT_EQ(r.measures.removes_resurfacing, 3u);  // the update log is read by later searches
}

TEST(MeasuresTest, PibasRevealingShowsIdsHidingDoesNot) {
  Recorded revealing = Record("pibas");
  EXPECT_EQ(revealing.scores.SharingRate(), 1.0);
  EXPECT_GT(revealing.measures.recurring_items, 0u);
  EXPECT_EQ(revealing.measures.grouped_entries, 0u);  // random labels stand alone
  EXPECT_EQ(revealing.measures.groups, revealing.measures.entries);
  EXPECT_EQ(revealing.measures.value_size_classes, 1u);
  EXPECT_EQ(revealing.measures.updates, 0u);  // static: updates skipped

  Recorded hiding = Record("pibas", {"mode=hiding"});
  EXPECT_EQ(hiding.scores.sharing_pairs_seen, 0u);
  EXPECT_EQ(hiding.measures.recurring_items, 0u);
  EXPECT_EQ(hiding.scores.volume_exact, hiding.scores.searches);  // one item per result
  EXPECT_EQ(hiding.scores.SearchPatternRate(), 1.0);
}

TEST(MeasuresTest, BlocksAndPaddingBlurVolume) {
  Recorded pack = Record("pipack", {"mode=hiding"});
  EXPECT_LT(pack.scores.volume_exact, pack.scores.searches);
  Recorded blind = Record("blind", {"pad=pow2"});
  EXPECT_LT(blind.scores.volume_exact, blind.scores.searches);
  for (size_t i = 0; i < blind.obs.ops.size(); ++i) {
    const Observation& o = blind.obs.ops[i];
    if (o.kind != OpKind::kSearch || o.volume == 0) continue;
    EXPECT_EQ(o.volume & (o.volume - 1), 0u) << "padded volume " << o.volume;
  }
  Recorded plain_blind = Record("blind");
  EXPECT_EQ(plain_blind.scores.volume_exact, plain_blind.scores.searches);
  EXPECT_GT(plain_blind.measures.grouped_entries, 0u);  // tokens group entries at rest
  EXPECT_LE(plain_blind.measures.groups, 120u);
}

// Hand-made observations pin down the class rule: same request or same read set.
TEST(MeasuresTest, SearchClassesJoinSameRequestOrSameReads) {
  Observations obs;
  auto search = [](uint32_t request, std::vector<uint32_t> read) {
    Observation o;
    o.request = request;
    o.read = std::move(read);
    return o;
  };
  obs.ops = {search(1, {10}), search(2, {10}), search(3, {11}),
             search(3, {12}), search(4, {}),   search(5, {})};
  EXPECT_EQ(SearchClasses(obs), (std::vector<uint32_t>{0, 0, 1, 1, 2, 3}));
  obs.ops[1].failed = true;  // failed searches are not counted
  EXPECT_EQ(SearchClasses(obs).size(), 5u);
}

TEST(MeasuresTest, UpdatesLinkThroughEntriesAndGroups) {
  Observations obs;
  Observation s;
  s.groups = {7};
  s.read = {1};
  Observation insert;
  insert.kind = OpKind::kInsert;
  insert.written = {2};
  insert.groups = {7};  // same at-rest group as the search: linked
  Observation other;
  other.kind = OpKind::kInsert;
  other.written = {3};
  other.groups = {8};
  obs.ops = {s, insert, other};
  Measures m = Measure(obs);
  EXPECT_EQ(m.updates, 2u);
  EXPECT_EQ(m.updates_linked, 1u);
}

}  // namespace
}  // namespace sselab::leakage
