// OXT end to end over MemoryStores and a LocalChannel: conjunctions against the plaintext
// intersection, the s-term chosen as the rarest term, what the stores hold, and malformed
// requests, a tampered XSet or TSet, and damaged replies met with clean errors or right
// answers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/codec.h"
#include "crypto/ristretto255.h"
#include "index/channel.h"
#include "index/message.h"
#include "sse/oxt/oxt_messages.h"
#include "sse/oxt/oxt_scheme.h"
#include "storage/memory_store.h"
#include "tests/testing/store_snapshot.h"

namespace sselab::sse::oxt {
namespace {

using index::DocId;
using ::testing::HasSubstr;

// Every test runs with the XSet tested in its table and in a Bloom filter in memory.
class OxtTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    params_ = index::Params::Parse("oxt", entry_.info.params, {"xset=" + GetParam()}).value();
    server_ = entry_.new_server({params_, *store_}).value();
    local_ = std::make_unique<index::LocalChannel>(*server_);
    recording_ = std::make_unique<index::RecordingChannel>(*local_);
    client_ = entry_.new_client({params_, &key_, *recording_, state_.get()}).value();
    // Documents 1..60: "a" in all, "b" in the even ones, "c" in multiples of 3, "d" in
    // multiples of 5, "rare" in 30 only.
    std::vector<index::Document> docs;
    for (DocId id = 1; id <= 60; ++id) {
      index::Document d{.id = id, .keywords = {"a"}};
      if (id % 2 == 0) d.keywords.push_back("b");
      if (id % 3 == 0) d.keywords.push_back("c");
      if (id % 5 == 0) d.keywords.push_back("d");
      if (id == 30) d.keywords.push_back("rare");
      for (const std::string& w : d.keywords) oracle_[w].insert(id);
      docs.push_back(d);
    }
    index::VectorDocumentSource source(docs);
    auto stats = client_->Build(source, {});
    ASSERT_TRUE(stats.ok()) << stats.error().ToString();
    recording_->TakeMessages();
  }

  std::vector<DocId> Expected(const std::vector<std::string>& terms) {
    std::set<DocId> out = oracle_[terms[0]];
    for (const std::string& t : terms) {
      std::set<DocId> both;
      std::set_intersection(out.begin(), out.end(), oracle_[t].begin(), oracle_[t].end(),
                            std::inserter(both, both.end()));
      out = both;
    }
    return {out.begin(), out.end()};
  }

  Result<std::vector<DocId>> Search(const std::vector<std::string>& terms) {
    return terms.size() == 1 ? client_->Search(terms[0]) : client_->SearchConjunction(terms);
  }

  // The one search request `terms` sends.
  Bytes RequestOf(const std::vector<std::string>& terms) {
    EXPECT_TRUE(Search(terms).ok());
    auto messages = recording_->TakeMessages();
    EXPECT_EQ(messages.size(), 1u);
    return messages.empty() ? Bytes{} : messages[0].request;
  }

  Result<Bytes> Serve(ByteView request) { return local_->Call(request); }

  index::SchemeEntry entry_ = OxtScheme();
  index::Params params_;
  crypto::SecretKey key_ = crypto::SecretKey::Generate(32);
  std::unique_ptr<storage::Store> store_ = storage::NewMemoryStore();
  std::unique_ptr<storage::Store> state_ = storage::NewMemoryStore();
  std::unique_ptr<index::Server> server_;
  std::unique_ptr<index::LocalChannel> local_;
  std::unique_ptr<index::RecordingChannel> recording_;
  std::unique_ptr<index::Client> client_;
  std::map<std::string, std::set<DocId>> oracle_;
};

TEST_P(OxtTest, ConjunctionsMatchTheIntersection) {
  const std::vector<std::string> words = {"a", "b", "c", "d", "rare"};
  for (unsigned mask = 1; mask < (1u << words.size()); ++mask) {
    std::vector<std::string> terms;
    for (size_t i = 0; i < words.size(); ++i) {
      if (mask & (1u << i)) terms.push_back(words[i]);
    }
    auto got = Search(terms);
    ASSERT_TRUE(got.ok()) << got.error().ToString();
    EXPECT_EQ(*got, Expected(terms)) << mask;
  }
}

// The request carries the rarest term's stag and one row of xtokens per entry of it:
// {a, b, d} has d (12 entries) as s-term, so 12 rows of 2 xtokens.
TEST_P(OxtTest, TheSTermIsTheRarestTerm) {
  const Bytes request = RequestOf({"a", "b", "d"});
  ByteReader r(request, "request");
  ASSERT_TRUE(index::ReadRequestHeader(r).ok());
  ASSERT_TRUE(r.Raw(kLabelSize).ok());
  EXPECT_EQ(r.Varint().value(), 2u);
  EXPECT_EQ(r.Varint().value(), 12u);
  EXPECT_EQ(r.remaining(), 12u * 2 * kXTokenSize);
  // The same conjunction in another order sends the same request: same s-term, x-terms.
  const Bytes again = RequestOf({"d", "b", "a"});
  EXPECT_EQ(again.size(), request.size());
  // A keyword alone: its stag, no x-terms, no rows.
  const Bytes alone = RequestOf({"rare"});
  ByteReader r2(alone, "request");
  ASSERT_TRUE(index::ReadRequestHeader(r2).ok());
  ASSERT_TRUE(r2.Raw(kLabelSize).ok());
  EXPECT_EQ(r2.Varint().value(), 0u);
  EXPECT_EQ(r2.Varint().value(), 0u);
  EXPECT_TRUE(r2.done());
}

TEST_P(OxtTest, ATermInNoDocumentSendsNothing) {
  auto got = Search({"a", "absent", "b"});
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got->empty());
  EXPECT_TRUE(recording_->TakeMessages().empty());
}

TEST_P(OxtTest, TheStoreHoldsTuplesAndXTagsOnly) {
  size_t pairs = 0;
  for (const auto& [w, ids] : oracle_) pairs += ids.size();
  const auto snap = sselab::testing::Snapshot(*store_);
  ASSERT_EQ(snap.at(std::string(kTSetTable)).size(), pairs);
  ASSERT_EQ(snap.at(std::string(kXSetTable)).size(), pairs);
  for (const auto& [k, v] : snap.at(std::string(kTSetTable))) {
    EXPECT_EQ(k.size(), kLabelSize);
    EXPECT_EQ(v.size(), kTupleSize);
  }
  for (const auto& [k, v] : snap.at(std::string(kXSetTable))) {
    EXPECT_EQ(k.size(), kXTagKeySize);
    EXPECT_TRUE(v.empty());
  }
}

TEST_P(OxtTest, MalformedRequestsAreRefusedCleanly) {
  const Bytes good = RequestOf({"b", "d"});  // d: 12 rows of one xtoken
  const size_t header = 2 + kLabelSize;
  struct Case {
    std::string name;
    Bytes request;
    std::string says;
  };
  std::vector<Case> cases;
  // Every truncation.
  for (size_t cut = 1; cut < good.size(); cut += 7) {
    cases.push_back({"cut " + std::to_string(cut), Bytes(good.begin(), good.end() - cut), ""});
  }
  Bytes extra = good;
  extra.push_back(0);
  cases.push_back({"trailing byte", extra, ""});
  {  // x beyond the limit
    ByteWriter w = index::BeginRequest(kSearch);
    w.Raw(Bytes(kLabelSize, 1));
    w.Varint(kMaxXTerms + 1);
    w.Varint(0);
    cases.push_back({"too many x-terms", w.Take(), "x-terms"});
  }
  {  // rows without x-terms
    ByteWriter w = index::BeginRequest(kSearch);
    w.Raw(Bytes(kLabelSize, 1));
    w.Varint(0);
    w.Varint(3);
    cases.push_back({"rows without terms", w.Take(), "without x-terms"});
  }
  {  // a row count the request cannot hold (no overflow of m × x × 32)
    ByteWriter w = index::BeginRequest(kSearch);
    w.Raw(Bytes(kLabelSize, 1));
    w.Varint(kMaxXTerms);
    w.Varint(~uint64_t{0} / 3);
    cases.push_back({"huge m", w.Take(), "more xtoken rows"});
  }
  {  // the right stag with one row too few
    Bytes fewer(good.begin(), good.end() - kXTokenSize);
    fewer[header + 1] = 11;
    cases.push_back({"rows != entries", fewer, "rows of xtokens"});
  }
  {  // xtokens that are not group elements, or the identity
    Bytes bad = good;
    std::fill(bad.end() - kXTokenSize, bad.end(), 0xff);
    cases.push_back({"invalid xtoken", bad, "xtoken (row 11"});
    std::fill(bad.end() - kXTokenSize, bad.end(), 0);
    cases.push_back({"identity xtoken", bad, "xtoken (row 11"});
  }
  for (const Case& c : cases) {
    auto reply = Serve(c.request);
    ASSERT_FALSE(reply.ok()) << c.name;
    EXPECT_EQ(reply.error().code(), ErrorCode::kCorruption) << c.name;
    EXPECT_THAT(reply.error().message(), HasSubstr(c.says)) << c.name;
  }
  // Byte flips anywhere: an error or an answer, never a crash; the index still answers.
  for (size_t at = 2; at < good.size(); at += 5) {
    Bytes flipped = good;
    flipped[at] ^= 0x20;
    (void)Serve(flipped);
  }
  EXPECT_EQ(Search({"b", "d"}).value(), Expected({"b", "d"}));
}

// The server holds the XSet: removing xtags makes conjunctions miss documents, and no
// more; a TSet entry whose y is not a scalar is reported; a tampered e is caught by the
// client.
TEST_P(OxtTest, ATamperedIndexGivesCleanErrorsOrAnswers) {
  auto snap = sselab::testing::Snapshot(*store_);
  size_t erased = 0;
  for (const auto& [k, v] : snap.at(std::string(kXSetTable))) {
    if (erased++ % 2 == 0) {
      ASSERT_TRUE(store_->Erase(kXSetTable, k).ok());
    }
  }
  auto fewer = Search({"b", "c"});
  ASSERT_TRUE(fewer.ok()) << fewer.error().ToString();
  const std::vector<DocId> full = Expected({"b", "c"});
  EXPECT_TRUE(std::includes(full.begin(), full.end(), fewer->begin(), fewer->end()));

  // Every y set to ℓ (not below the order): every conjunction touching it fails cleanly.
  const Bytes order =
      HexDecode("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010").value();
  for (const auto& [k, v] : snap.at(std::string(kTSetTable))) {
    Bytes tampered(v.begin(), v.end());
    std::copy(order.begin(), order.end(), tampered.begin() + kEntryCipherSize);
    ASSERT_TRUE(store_->Put(kTSetTable, k, tampered).ok());
  }
  auto bad_y = Search({"rare", "a"});
  ASSERT_FALSE(bad_y.ok());
  EXPECT_EQ(bad_y.error().code(), ErrorCode::kCorruption);
  EXPECT_THAT(bad_y.error().message(), HasSubstr("y is not a scalar"));

  // Every e flipped: a keyword alone comes back, and does not decrypt.
  for (const auto& [k, v] : snap.at(std::string(kTSetTable))) {
    Bytes tampered(v.begin(), v.end());
    tampered[3] ^= 1;
    ASSERT_TRUE(store_->Put(kTSetTable, k, tampered).ok());
  }
  auto bad_e = Search({"rare"});
  ASSERT_FALSE(bad_e.ok());
  EXPECT_EQ(bad_e.error().code(), ErrorCode::kCorruption);
  EXPECT_THAT(bad_e.error().message(), HasSubstr("does not decrypt"));
}

TEST_P(OxtTest, TooManyTermsAreRefused) {
  std::vector<std::string> terms;
  for (uint64_t i = 0; i <= kMaxXTerms + 1; ++i) terms.push_back("t" + std::to_string(i));
  auto got = client_->SearchConjunction(terms);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code(), ErrorCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(XSet, OxtTest, ::testing::Values("table", "bloom"));

TEST(OxtParamsTest, TheFalsePositiveRateIsChecked) {
  const index::SchemeEntry e = OxtScheme();
  EXPECT_TRUE(index::Params::Parse("oxt", e.info.params, {"xset=bloom", "xset_fp=0.001"}).ok());
  for (const char* bad :
       {"xset_fp=0", "xset_fp=0.7", "xset_fp=abc", "xset_fp=1e-3x", "xset=hash"}) {
    EXPECT_FALSE(index::Params::Parse("oxt", e.info.params, {bad}).ok()) << bad;
  }
}

}  // namespace
}  // namespace sselab::sse::oxt
