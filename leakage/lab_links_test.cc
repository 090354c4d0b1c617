// The lab's own links: raw-store grouping, tag linking with public keys, and replayed
// searches on updates. Each test shows the lab finding what a scheme's own account would
// not, or finding nothing where there is nothing.
#include <gtest/gtest.h>

#include "crypto/pairing/encoding.h"
#include "leakage/analysis.h"
#include "leakage/attacks/tag_linking.h"
#include "leakage/declared_check.h"
#include "leakage/leakage_testing.h"
#include "leakage/raw_grouping.h"
#include "peks/bdop04.h"
#include "peks/hl17.h"
#include "peks/paeks_dh.h"
#include "peks/peks_keys.h"
#include "tests/testing/temp_dir.h"

namespace sselab::leakage {
namespace {

Result<Analysis> AnalyzeSmall(const std::string& scheme,
                              const std::vector<std::string>& params = {}) {
  SSELAB_ASSIGN_OR_RETURN(Transcript t, testing::RecordSmall(scheme, params));
  return Analyze(t, schemes::BuiltinRegistry());
}

TEST(RawGroupingTest, GroupsEqualValuesKeysAndLongPrefixesOnly) {
  std::vector<StoredEntry> e = {
      {.table = "t", .key = {1, 2, 3, 4, 5, 6, 7, 8, 0xa}, .value = {1}},
      {.table = "t", .key = {1, 2, 3, 4, 5, 6, 7, 8, 0xb}, .value = {2}},  // long prefix
      {.table = "t", .key = {9, 1}, .value = {3, 3}},
      {.table = "t", .key = {9, 2}, .value = {3, 3}},  // equal value
      {.table = "u", .key = {7, 7}, .value = {4}},
      {.table = "v", .key = {7, 7}, .value = {5}},        // equal key in another table
      {.table = "t", .key = {1, 2, 0xff}, .value = {6}},  // shares 2 bytes: below threshold
      {.table = "meta", .key = {9, 1}, .value = {3, 3}},  // the index layer's: left out
  };
  RawGrouping g = GroupRaw(e);
  EXPECT_EQ(g.label[0], g.label[1]);
  EXPECT_EQ(g.label[2], g.label[3]);
  EXPECT_EQ(g.label[4], g.label[5]);
  EXPECT_NE(g.label[0], g.label[6]);
  EXPECT_NE(g.label[2], g.label[7]);
  EXPECT_EQ(g.equal_values, 1u);
  EXPECT_EQ(g.equal_keys, 1u);
  EXPECT_EQ(g.shared_prefixes, 1u);
  EXPECT_EQ(PrefixThreshold(5), 3u);
  EXPECT_EQ(PrefixThreshold(1000000), 8u);
}

// The blind index's keys start with the keyword's token; even if it claimed every key
// stands alone, the raw store groups them.
TEST(RawGroupingTest, FindsStructureTheSchemeDoesNotDeclare) {
  auto t = testing::RecordSmall("blind");
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  auto trusting = Observe(t->view, index::ViewFormat{});  // no at_rest_group: "all alone"
  ASSERT_TRUE(trusting.ok());
  LabLinks lab = LinkAtRest(t->view, index::Family::kBlind);
  EXPECT_GT(lab.raw.shared_prefixes, 0u);
  EXPECT_GT(lab.raw_grouped_entries, 0u);
  trusting->at_rest.raw_grouped_entries = lab.raw_grouped_entries;
  Measures m = Measure(*trusting);
  EXPECT_EQ(m.grouped_entries, 0u);  // the scheme's account groups nothing...
  index::LeakageProfile claim{.at_rest_frequency = false};
  std::vector<std::string> v = CheckDeclared(claim, m, {});
  bool caught = false;  // ...and the check fails all the same
  for (const std::string& s : v) caught |= s.find("group in the raw store") != std::string::npos;
  EXPECT_TRUE(caught);
}

TEST(TagLinkingTest, LinksHl17TagsByKeywordWithPublicKeysOnly) {
  using namespace peks;
  auto receiver = hl17::ReceiverKey::FromScalar(RandomNonZeroScalar());
  auto sender = hl17::SenderKey::FromScalar(RandomNonZeroScalar());
  auto enc = hl17::NewTagEncryptor(sender, receiver.pub);
  std::vector<Bytes> tags = enc->EncryptTags("alpha", 3).value();
  std::vector<Bytes> more = enc->EncryptTags("beta", 2).value();
  for (Bytes& b : more) tags.push_back(std::move(b));
  std::vector<ByteView> values(tags.begin(), tags.end());
  auto g2x = crypto::pairing::G2ToCompressed(receiver.pub.x2);
  std::vector<ByteView> keys = {ByteView(g2x)};

  attacks::TagLinks links = attacks::LinkTags(values, keys);
  EXPECT_EQ(links.label[0], links.label[1]);
  EXPECT_EQ(links.label[0], links.label[2]);
  EXPECT_EQ(links.label[3], links.label[4]);
  EXPECT_NE(links.label[0], links.label[3]);
  EXPECT_EQ(links.links, 3u);
  EXPECT_EQ(links.best_invariant, "e(P@0, K1) * e(P@48, g2)^-1");

  // Without pk_R's G2 half the same tags stay apart.
  attacks::TagLinks blind = attacks::LinkTags(values, {});
  EXPECT_EQ(blind.links, 0u);
}

TEST(TagLinkingTest, FindsNothingOnPaeksDhTags) {
  using namespace peks;
  auto receiver = paeks_dh::PartyKey::FromScalar(RandomNonZeroScalar());
  auto sender = paeks_dh::PartyKey::FromScalar(RandomNonZeroScalar());
  auto enc = paeks_dh::NewTagEncryptor(sender, receiver.pub);
  std::vector<Bytes> tags = enc->EncryptTags("alpha", 4).value();
  std::vector<ByteView> values(tags.begin(), tags.end());
  auto r = crypto::pairing::G1ToCompressed(receiver.pub);
  auto s = crypto::pairing::G1ToCompressed(sender.pub);
  std::vector<ByteView> keys = {ByteView(r), ByteView(s)};
  EXPECT_EQ(attacks::LinkTags(values, keys).links, 0u);
  // The receiver still finds them all.
  auto trapdoor = paeks_dh::NewTrapdoorGenerator(receiver, sender.pub)->Trapdoor("alpha");
  ASSERT_TRUE(trapdoor.ok());
  auto tester = paeks_dh::Algorithms().prepare_trapdoor(*trapdoor);
  ASSERT_TRUE(tester.ok());
  for (const Bytes& t : tags) EXPECT_TRUE((*tester)->Matches(t).value());
  auto other = paeks_dh::NewTrapdoorGenerator(receiver, sender.pub)->Trapdoor("beta");
  EXPECT_FALSE(paeks_dh::Algorithms().prepare_trapdoor(*other).value()->Matches(tags[0]).value());
}

TEST(TagLinkingTest, FindsNothingOnBdop04Tags) {
  using namespace peks;
  auto receiver = bdop04::ReceiverKey::FromScalar(RandomNonZeroScalar());
  auto enc = bdop04::NewTagEncryptor(receiver.pub);
  std::vector<Bytes> tags = enc->EncryptTags("alpha", 4).value();
  std::vector<ByteView> values(tags.begin(), tags.end());
  auto h = crypto::pairing::G1ToCompressed(receiver.pub.h);
  std::vector<ByteView> keys = {ByteView(h)};
  attacks::TagLinks links = attacks::LinkTags(values, keys);
  EXPECT_EQ(links.links, 0u);
  EXPECT_EQ(links.g1_points, 4u);
}

// HL'17 at rest: one group per keyword, found before any search; declaring it hidden
// fails the check.
TEST(LabLinksTest, Hl17TagsGroupByKeywordAtRest) {
  auto a = AnalyzeSmall("paeks-hl17");
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  auto t = testing::RecordSmall("paeks-hl17");
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(a->lab.tags_attacked);
  EXPECT_EQ(a->measures.entries, t->truth.pairs);
  EXPECT_EQ(a->measures.groups, t->truth.keywords);
  EXPECT_TRUE(a->declared.at_rest_frequency);
  index::LeakageProfile claim = a->declared;
  claim.at_rest_frequency = false;
  std::vector<std::string> v = CheckDeclared(claim, a->measures, a->scores);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("at-rest frequency"), std::string::npos);
}

// BDOP'04 and the MCI-secure PAEKS: the same attack finds nothing at rest.
TEST(LabLinksTest, McISecureTagsStayApartAtRest) {
  for (const std::string scheme : {"peks-bdop04", "paeks-dh"}) {
    SCOPED_TRACE(scheme);
    auto a = AnalyzeSmall(scheme);
    ASSERT_TRUE(a.ok()) << a.error().ToString();
    EXPECT_TRUE(a->lab.tags_attacked);
    EXPECT_GT(a->lab.tags.g1_points, 0u);
    EXPECT_EQ(a->lab.tags.links, 0u);
    EXPECT_EQ(a->measures.grouped_entries, 0u);
    EXPECT_FALSE(a->declared.at_rest_frequency);
    EXPECT_TRUE(a->violations.empty());
  }
}

// A PEKS server keeps trapdoors and tests new tags against them: every update of a
// searched keyword is linked, for every PEKS scheme.
TEST(LabLinksTest, PeksUpdatesAreLinkedToKeptTrapdoors) {
  for (const std::string scheme : {"peks-bdop04", "paeks-hl17", "paeks-dh"}) {
    SCOPED_TRACE(scheme);
    auto a = AnalyzeSmall(scheme);
    ASSERT_TRUE(a.ok()) << a.error().ToString();
    EXPECT_GT(a->scores.updates_after_search, 0u);
    EXPECT_EQ(a->scores.updates_after_search_linked, a->scores.updates_after_search);
    // ... to the trapdoors of their own keyword only: the server names the keyword.
    EXPECT_EQ(a->scores.updates_after_search_identified, a->scores.updates_after_search);
    EXPECT_FALSE(a->declared.forward_private);
  }
}

// The raw view read back from RocksDB's files is the same as from memory: HL'17 groups by
// keyword either way.
TEST(LabLinksTest, RawViewFromRocksDbFiles) {
  sselab::testing::TempDir dir;
  std::vector<index::Document> docs = testing::SmallCorpus(testing::CostClass::kLinear);
  auto t =
      RecordRun(schemes::BuiltinRegistry(), {.scheme = "paeks-hl17", .store_dir = dir / "server"},
                docs, MakeWorkload(CountKeywords(docs), {.searches = 3, .pool = 3}), "small", {});
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  EXPECT_TRUE(std::filesystem::exists(dir / "server" / "CURRENT"));  // a RocksDB store
  auto a = Analyze(*t, schemes::BuiltinRegistry());
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  EXPECT_EQ(a->measures.entries, t->truth.pairs);
  EXPECT_EQ(a->measures.groups, t->truth.keywords);
  // A directory that already exists is refused, not reused.
  auto again = RecordRun(schemes::BuiltinRegistry(),
                         {.scheme = "paeks-hl17", .store_dir = dir / "server"}, docs, {}, "x", {});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);
}

}  // namespace
}  // namespace sselab::leakage
