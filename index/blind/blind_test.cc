// The blind index on its own: exact answers at every token length (including lengths
// where almost every keyword collides), updates amid collisions, padding at rest, and
// malformed requests.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "crypto/hash.h"
#include "crypto/kdf.h"
#include "index/blind/blind_client.h"
#include "index/blind/blind_messages.h"
#include "index/blind/blind_options.h"
#include "index/blind/blind_scheme.h"
#include "index/field.h"
#include "index/message.h"
#include "storage/memory_store.h"
#include "tests/testing/random_corpus.h"

namespace sselab::index::blind {
namespace {

using sselab::testing::MakeRandomCorpus;
using sselab::testing::OracleCorpus;

// A client and server of `blind` with the given params, over an in-memory store.
class Harness {
 public:
  explicit Harness(std::vector<std::string> params) {
    entry_ = BlindScheme();
    auto parsed = Params::Parse("blind", entry_.info.params, params);
    EXPECT_TRUE(parsed.ok()) << parsed.error().ToString();
    params_ = *parsed;
    auto server = entry_.new_server({params_, *store_});
    EXPECT_TRUE(server.ok()) << server.error().ToString();
    server_ = std::move(server).value();
    channel_ = std::make_unique<LocalChannel>(*server_);
    auto client = entry_.new_client({params_, &key_, *channel_});
    EXPECT_TRUE(client.ok()) << client.error().ToString();
    client_ = std::move(client).value();
    options_ = *ParseBlindOptions(params_);
    bits_ = options_.bits;
  }

  BuildStats Build(const OracleCorpus& corpus) {
    VectorDocumentSource source(corpus.docs);
    auto stats = client_->Build(source, {});
    EXPECT_TRUE(stats.ok()) << stats.error().ToString();
    return stats.ok() ? *stats : BuildStats{};
  }

  void ExpectMatches(const OracleCorpus& corpus) {
    for (const std::string& k : corpus.vocabulary) {
      auto ids = client_->Search(k);
      ASSERT_TRUE(ids.ok()) << ids.error().ToString();
      EXPECT_EQ(*ids, corpus.Expected(k)) << "L=" << bits_ << " keyword " << k.substr(0, 20);
    }
    for (const char* absent : {"absent", "not-a-keyword", "zzz"}) {
      auto ids = client_->Search(absent);
      ASSERT_TRUE(ids.ok());
      EXPECT_TRUE(ids->empty()) << "L=" << bits_ << " keyword " << absent;
    }
  }

  // Entries per token, as the server holds them at rest.
  std::map<Bytes, uint64_t> BucketsAtRest() {
    std::map<Bytes, uint64_t> buckets;
    EXPECT_TRUE(store_
                    ->Scan(kTable, {},
                           [&](ByteView key, ByteView value) {
                             size_t t = TokenSize(TokenBits(key[0]));
                             EXPECT_EQ(key.size(), t + kRidSize);
                             EXPECT_TRUE(IsValidToken(key.first(t)));
                             EXPECT_EQ(value.size(), kSealedSize);
                             ++buckets[ToBytes(key.first(t))];
                             return true;
                           })
                    .ok());
    return buckets;
  }

  // Real entries each token should hold, computed from the oracle with the index's key
  // by the derivation papers/blind-index.md documents.
  std::map<Bytes, uint64_t> ExpectedRealEntries(const OracleCorpus& corpus) const {
    crypto::SecretKey root = crypto::DeriveSubkey(key_, "blind/root", 32);
    crypto::SecretKey id_key = crypto::DeriveSubkey(root, "field-id", 32);
    std::map<Bytes, uint64_t> real;
    for (const auto& [k, ids] : corpus.postings) {
      if (ids.empty()) continue;
      FieldedKeyword fw = SplitField(k);
      crypto::SecretKey tag_key = crypto::DeriveSubkey(root, "field/" + std::string(fw.field), 32);
      crypto::Digest256 id = crypto::HmacSha256(id_key, AsBytes(fw.field));
      Bytes token = MakeToken(options_.BitsFor(fw.field), ByteView(id).first(kFieldIdSize),
                              crypto::HmacSha256(tag_key, AsBytes(fw.word)));
      real[token] += ids.size();
    }
    return real;
  }

  Client& client() { return *client_; }
  Server& server() { return *server_; }
  storage::Store& store() { return *store_; }
  int bits() const { return bits_; }

 private:
  SchemeEntry entry_;
  Params params_;
  crypto::SecretKey key_ = crypto::SecretKey::Generate(32);
  std::unique_ptr<storage::Store> store_ = storage::NewMemoryStore();
  std::unique_ptr<Server> server_;
  std::unique_ptr<LocalChannel> channel_;
  std::unique_ptr<Client> client_;
  BlindOptions options_;
  int bits_ = 0;
};

TEST(BlindTokenTest, TokenIsLengthFieldIdAndTheFirstBits) {
  crypto::Digest256 tag;
  tag.fill(0xFF);
  const Bytes id = {0xA1, 0xB2};
  EXPECT_EQ(MakeToken(1, id, tag), (Bytes{0x00, 0xA1, 0xB2, 0x80}));
  EXPECT_EQ(MakeToken(4, id, tag), (Bytes{0x03, 0xA1, 0xB2, 0xF0}));
  EXPECT_EQ(MakeToken(8, id, tag), (Bytes{0x07, 0xA1, 0xB2, 0xFF}));
  EXPECT_EQ(MakeToken(12, id, tag), (Bytes{0x0B, 0xA1, 0xB2, 0xFF, 0xF0}));
  EXPECT_EQ(MakeToken(256, id, tag).size(), 35u);
  EXPECT_TRUE(IsValidToken(Bytes{0x03, 0, 0, 0xF0}));
  EXPECT_FALSE(IsValidToken(Bytes{0x03, 0, 0, 0xF8}));     // unused bits set
  EXPECT_FALSE(IsValidToken(Bytes{0x03, 0, 0, 0xF0, 0}));  // too long for L = 4
  EXPECT_FALSE(IsValidToken(Bytes{0x0B, 0, 0, 0xF0}));     // too short for L = 12
  EXPECT_FALSE(IsValidToken(Bytes{}));
}

TEST(BlindTokenTest, Padding) {
  const Pad pow2{.kind = Pad::kPow2};
  EXPECT_EQ(PaddedCount(pow2, 0), 0u);
  EXPECT_EQ(PaddedCount(pow2, 1), 1u);
  EXPECT_EQ(PaddedCount(pow2, 5), 8u);
  EXPECT_EQ(PaddedCount(pow2, 8), 8u);
  EXPECT_EQ(PaddedCount(Pad{}, 5), 5u);
  const Pad by10{.kind = Pad::kBucket, .multiple = 10};
  EXPECT_EQ(PaddedCount(by10, 0), 0u);
  EXPECT_EQ(PaddedCount(by10, 1), 10u);
  EXPECT_EQ(PaddedCount(by10, 10), 10u);
  EXPECT_EQ(PaddedCount(by10, 11), 20u);
}

TEST(BlindOptionsTest, ParsesPadAndFieldBits) {
  EXPECT_EQ(ParsePad("bucket:64")->multiple, 64u);
  EXPECT_EQ(ParsePad("pow2")->kind, Pad::kPow2);
  for (const char* bad : {"bucket:", "bucket:1", "bucket:x", "bucket:2000000", "pow3", ""}) {
    EXPECT_FALSE(ParsePad(bad).ok()) << bad;
  }
  auto fb = ParseFieldBits("from:8,subject:12");
  ASSERT_TRUE(fb.ok());
  EXPECT_EQ(fb->at("from"), 8);
  EXPECT_EQ(fb->at("subject"), 12);
  EXPECT_TRUE(ParseFieldBits("")->empty());
  for (const char* bad : {"from", "from:0", "from:257", "a b:3", "from:8,from:9", "from:8,"}) {
    EXPECT_FALSE(ParseFieldBits(bad).ok()) << bad;
  }
}

class BlindBitsTest : public ::testing::TestWithParam<std::tuple<int, std::string>> {
 protected:
  std::vector<std::string> Params() const {
    return {"bits=" + std::to_string(std::get<0>(GetParam())), "pad=" + std::get<1>(GetParam())};
  }
  Pad pad() const { return *ParsePad(std::get<1>(GetParam())); }
};

TEST_P(BlindBitsTest, AnswersAreExactWhateverTheCollisions) {
  Harness h(Params());
  OracleCorpus corpus = MakeRandomCorpus({"blind", 120, 60, 10}, 9);
  h.Build(corpus);
  h.ExpectMatches(corpus);
  auto buckets = h.BucketsAtRest();
  if (h.bits() <= 4) {
    // Far fewer buckets than keywords: most keywords share a bucket with others.
    EXPECT_LE(buckets.size(), size_t{1} << h.bits());
    EXPECT_LT(buckets.size() * 2, corpus.vocabulary.size());
  }
}

TEST_P(BlindBitsTest, BucketSizesAtRestArePaddedExactly) {
  Harness h(Params());
  OracleCorpus corpus = MakeRandomCorpus({"blind", 120, 60, 10}, 21);
  h.Build(corpus);
  std::map<Bytes, uint64_t> expected = h.ExpectedRealEntries(corpus);
  for (auto& [token, n] : expected) n = PaddedCount(pad(), n);
  EXPECT_EQ(h.BucketsAtRest(), expected);
}

TEST_P(BlindBitsTest, InsertAndRemoveAmidCollisions) {
  Harness h(Params());
  OracleCorpus corpus = MakeRandomCorpus({"blind", 60, 40, 8}, 33);
  h.Build(corpus);
  std::mt19937_64 rng(77);
  for (int i = 0; i < 150; ++i) {
    const std::string& k = corpus.vocabulary[rng() % corpus.vocabulary.size()];
    DocId id = corpus.docs[rng() % corpus.docs.size()].id ^ (rng() % 2);
    if (rng() % 3 == 0) {
      ASSERT_TRUE(h.client().Remove(k, id).ok());
      corpus.postings[k].erase(id);
    } else {
      ASSERT_TRUE(h.client().Insert(k, id).ok());
      corpus.postings[k].insert(id);
    }
  }
  h.ExpectMatches(corpus);
  // Remove everything a keyword has: its entries are gone, its bucket-mates' stay.
  const std::string& victim = corpus.vocabulary[0];
  for (DocId id : corpus.Expected(victim)) ASSERT_TRUE(h.client().Remove(victim, id).ok());
  corpus.postings[victim].clear();
  h.ExpectMatches(corpus);
  // Every bucket holds at least its real entries (with pad=none a re-inserted pair is a
  // duplicate entry); padded buckets keep a padded size.
  std::map<Bytes, uint64_t> real = h.ExpectedRealEntries(corpus);
  std::map<Bytes, uint64_t> at_rest = h.BucketsAtRest();
  for (const auto& [token, n] : real) EXPECT_GE(at_rest[token], n);
  for (const auto& [token, n] : at_rest) {
    EXPECT_EQ(PaddedCount(pad(), n), n)
        << "bucket of " << n << " with pad " << std::get<1>(GetParam());
  }
}

INSTANTIATE_TEST_SUITE_P(Lengths, BlindBitsTest,
                         ::testing::Combine(::testing::Values(1, 2, 4, 7, 16, 32, 256),
                                            ::testing::Values("none", "pow2", "bucket:3")),
                         [](const auto& test) {
                           std::string pad = std::get<1>(test.param);
                           std::replace(pad.begin(), pad.end(), ':', '_');
                           return "L" + std::to_string(std::get<0>(test.param)) + "_" + pad;
                         });

// A fielded corpus: each field under its own key and token length, answers exact, the
// same word in two fields kept apart, and every field's buckets as documented.
TEST(BlindFieldsTest, FieldsHaveTheirOwnKeysAndLengths) {
  Harness h({"bits=6", "field_bits=from:2,subject:256", "pad=bucket:4"});
  OracleCorpus corpus;
  std::mt19937_64 rng(3);
  for (DocId id = 0; id < 80; ++id) {
    Document d{.id = id};
    for (const char* field : {"", "from:", "subject:"}) {
      for (int j = 0; j < 3; ++j) d.keywords.push_back(field + std::to_string(rng() % 12));
    }
    std::sort(d.keywords.begin(), d.keywords.end());
    d.keywords.erase(std::unique(d.keywords.begin(), d.keywords.end()), d.keywords.end());
    for (const std::string& k : d.keywords) corpus.postings[k].insert(id);
    corpus.docs.push_back(std::move(d));
  }
  for (const auto& [k, ids] : corpus.postings) corpus.vocabulary.push_back(k);
  h.Build(corpus);
  h.ExpectMatches(corpus);
  EXPECT_NE(corpus.Expected("from:3"), corpus.Expected("subject:3"));
  std::map<Bytes, uint64_t> expected = h.ExpectedRealEntries(corpus);
  std::map<int, int> tokens_by_length;
  for (auto& [token, n] : expected) {
    n = PaddedCount(Pad{.kind = Pad::kBucket, .multiple = 4}, n);
    ++tokens_by_length[TokenBits(token[0])];
  }
  EXPECT_EQ(h.BucketsAtRest(), expected);
  EXPECT_LE(tokens_by_length[2], 4);     // from: 2 bits, 12 words
  EXPECT_EQ(tokens_by_length[256], 12);  // subject: every word alone
  EXPECT_GT(tokens_by_length[6], 4);     // outside fields: 6 bits, 12 words
  // Updates in a field go to its own buckets.
  ASSERT_TRUE(h.client().Insert("from:new", 1000).ok());
  ASSERT_TRUE(h.client().Remove("subject:3", *corpus.Expected("subject:3").begin()).ok());
  corpus.postings["from:new"].insert(1000);
  corpus.postings["subject:3"].erase(*corpus.Expected("subject:3").begin());
  corpus.vocabulary.push_back("from:new");
  h.ExpectMatches(corpus);
}

TEST(BlindFieldsTest, BuildWarnsWhenMostKeywordsStandAlone) {
  OracleCorpus corpus = MakeRandomCorpus({"blind", 60, 40, 8}, 4);
  Harness exposed({"bits=32"});
  BuildStats stats = exposed.Build(corpus);
  ASSERT_EQ(stats.warnings.size(), 1u);
  EXPECT_NE(stats.warnings[0].find("bits=32"), std::string::npos);
  EXPECT_NE(stats.warnings[0].find("alone in their bucket"), std::string::npos);
  Harness coarse({"bits=2"});
  EXPECT_TRUE(coarse.Build(corpus).warnings.empty());
}

TEST(BlindSchemeTest, BadParamsAreRejectedNamingTheParameter) {
  SchemeEntry entry = BlindScheme();
  for (const char* bad : {"bits=0", "bits=257", "bits=-3", "bits=x", "pad=pow3", "pad=bucket:1",
                          "field_bits=from", "field_bits=from:300"}) {
    auto params = Params::Parse("blind", entry.info.params, {bad});
    ASSERT_FALSE(params.ok()) << bad;
    EXPECT_EQ(params.error().code(), ErrorCode::kInvalidArgument) << bad;
    std::string name(bad, std::string_view(bad).find('='));
    EXPECT_NE(params.error().message().find("'" + name + "'"), std::string::npos)
        << params.error().message();
  }
}

TEST(BlindServerTest, MalformedRequestsAreCorruptionAndChangeNothing) {
  Harness h({"bits=4", "pad=pow2"});
  OracleCorpus corpus = MakeRandomCorpus({"blind", 20, 10, 4}, 5);
  h.Build(corpus);
  auto before = h.BucketsAtRest();
  std::vector<Bytes> bad;
  const Bytes token = {0x03, 0x00, 0x00, 0x10};  // L = 4
  ByteWriter w = BeginRequest(kSearch);
  w.Raw(Bytes{0x03, 0x00, 0x00, 0xF8});  // unused low bits set
  bad.push_back(w.Take());
  w = BeginRequest(kSearch);
  w.Raw(Bytes{0x1F, 0x00, 0x00, 0x10});  // L = 32 announced, 8 bits given
  bad.push_back(w.Take());
  w = BeginRequest(kSearch);  // no token at all
  bad.push_back(w.Take());
  w = BeginRequest(kUpdate);
  w.Raw(token);
  w.Varint(0);
  w.Varint(0);  // nothing to do
  bad.push_back(w.Take());
  w = BeginRequest(kUpdate);
  w.Raw(token);
  w.Varint(1000000);  // more erases than bytes
  bad.push_back(w.Take());
  w = BeginRequest(kUpdate);
  w.Raw(token);
  w.Varint(0);
  w.Varint(1);
  w.Raw(Bytes(kWireEntrySize - 1, 0));  // an entry one byte short
  bad.push_back(w.Take());
  for (const Bytes& request : bad) {
    auto reply = h.server().Handle(request);
    ASSERT_FALSE(reply.ok());
    EXPECT_EQ(reply.error().code(), ErrorCode::kCorruption) << reply.error().ToString();
  }
  EXPECT_EQ(h.BucketsAtRest(), before);
}

}  // namespace
}  // namespace sselab::index::blind
