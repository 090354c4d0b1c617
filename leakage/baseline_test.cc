// The forward-privacy rules against a baseline: links and rewrites of a keyword's own
// operations count only beyond what unrelated operations show (measures.h,
// ExceedsBaseline). Token schemes have no unrelated links at all, so every own link fails
// them; an ORAM links everything to everything through its root bucket, so none does.
#include <gtest/gtest.h>

#include "leakage/declared_check.h"
#include "leakage/measures.h"

namespace sselab::leakage {
namespace {

TEST(BaselineTest, OwnHitsCountOnlyBeyondOtherPairs) {
  EXPECT_FALSE(ExceedsBaseline(0, 10, 0, 90));
  EXPECT_TRUE(ExceedsBaseline(1, 10, 0, 90));     // unrelated pairs never hit: one tells
  EXPECT_TRUE(ExceedsBaseline(1, 1, 0, 0));       // no unrelated pair to compare with
  EXPECT_FALSE(ExceedsBaseline(10, 10, 90, 90));  // everything hits everything
  EXPECT_FALSE(ExceedsBaseline(10, 10, 45, 90));  // z = 3.0: chance
  EXPECT_TRUE(ExceedsBaseline(10, 10, 20, 90));   // z = 5.1
  EXPECT_FALSE(ExceedsBaseline(3, 10, 30, 90));   // below the baseline
}

// A run: setup, a search of "a", then updates; entry 100 plays an ORAM's root.
struct Ops {
  Observations obs;
  GroundTruth truth;
  void Add(OpKind kind, const std::string& keyword, std::vector<uint32_t> read,
           std::vector<uint32_t> written) {
    Observation o;
    o.kind = kind;
    o.read = std::move(read);
    o.written = std::move(written);
    obs.ops.push_back(std::move(o));
    OpTruth t;
    t.keyword = keyword;
    t.ids = {1};
    truth.ops.push_back(std::move(t));
  }
  std::vector<std::string> Check() const {
    index::LeakageProfile fp{.forward_private = true};
    return CheckDeclared(fp, Measure(obs), Score(obs, truth));
  }
};

TEST(BaselineTest, TokenSchemeLinkingItsOwnUpdatesFails) {
  Ops r;
  r.Add(OpKind::kSetup, "", {}, {1, 2, 3});
  r.Add(OpKind::kSearch, "a", {1}, {});
  r.Add(OpKind::kInsert, "b", {}, {4});
  r.Add(OpKind::kInsert, "a", {1}, {5});  // reads what the search of "a" read
  r.Add(OpKind::kInsert, "c", {}, {6});
  std::vector<std::string> v = r.Check();
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("forward privacy"), std::string::npos) << v[0];
  EXPECT_NE(v[0].find("1 of 1 pairs"), std::string::npos) << v[0];
  EXPECT_EQ(Score(r.obs, r.truth).updates_after_search_identified, 1u);
}

TEST(BaselineTest, ReusedUpdateTokenFails) {
  Ops r;
  r.Add(OpKind::kSetup, "", {}, {1, 2, 3});
  r.Add(OpKind::kInsert, "a", {}, {4});
  r.Add(OpKind::kInsert, "b", {}, {5});
  r.Add(OpKind::kInsert, "a", {}, {4});  // a counter rolled back: 4 written again
  std::vector<std::string> v = r.Check();
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("update token seen twice"), std::string::npos) << v[0];
}

TEST(BaselineTest, OramTouchingEverythingThroughItsRootPasses) {
  Ops r;
  r.Add(OpKind::kSetup, "", {}, {100, 1, 2, 3});
  const char* keywords[] = {"a", "b", "a", "c", "b", "a", "d", "c"};
  uint32_t fresh = 10;
  for (int round = 0; round < 4; ++round) {
    for (const char* w : keywords) {
      // Every access reads and rewrites the root and a fresh random leaf bucket.
      r.Add(OpKind::kSearch, w, {100, fresh}, {100, fresh});
      ++fresh;
      r.Add(OpKind::kInsert, w, {100, fresh}, {100, fresh});
      ++fresh;
    }
  }
  EXPECT_TRUE(r.Check().empty());
  Scores s = Score(r.obs, r.truth);
  EXPECT_EQ(s.own_link_pairs_linked, s.own_link_pairs);
  EXPECT_EQ(s.other_link_pairs_linked, s.other_link_pairs);
  EXPECT_GT(s.other_link_pairs, 0u);
  EXPECT_EQ(s.own_rewrite_hits, s.own_rewrite_pairs);
  EXPECT_GT(s.updates_after_search_linked, 0u);
  // Linked to every search, an update names no keyword; but the first, with one search
  // before it, is linked to that search only.
  EXPECT_EQ(s.updates_after_search_identified, 1u);
}

}  // namespace
}  // namespace sselab::leakage
