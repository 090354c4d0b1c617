// The blind index on its own: exact answers at every token length (including lengths
// where almost every keyword collides), updates amid collisions, padding at rest, and
// malformed requests.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "crypto/hash.h"
#include "crypto/kdf.h"
#include "index/blind/blind_client.h"
#include "index/blind/blind_messages.h"
#include "index/blind/blind_scheme.h"
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
    bits_ = static_cast<int>(*params_.GetInt("bits", kMinBits, kMaxBits));
  }

  void Build(const OracleCorpus& corpus) {
    VectorDocumentSource source(corpus.docs);
    auto stats = client_->Build(source, {});
    ASSERT_TRUE(stats.ok()) << stats.error().ToString();
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
    size_t t = TokenSize(bits_);
    EXPECT_TRUE(store_
                    ->Scan(kTable, {},
                           [&](ByteView key, ByteView value) {
                             EXPECT_EQ(key.size(), t + kRidSize);
                             EXPECT_EQ(value.size(), kSealedSize);
                             ++buckets[ToBytes(key.first(t))];
                             return true;
                           })
                    .ok());
    return buckets;
  }

  // Real entries each token should hold, computed from the oracle with the index's key.
  std::map<Bytes, uint64_t> ExpectedRealEntries(const OracleCorpus& corpus) const {
    crypto::SecretKey field_key = crypto::DeriveSubkey(key_, "blind/field/", 32);
    std::map<Bytes, uint64_t> real;
    for (const auto& [k, ids] : corpus.postings) {
      if (ids.empty()) continue;
      real[TruncateTag(crypto::HmacSha256(field_key, AsBytes(k)), bits_)] += ids.size();
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
  int bits_ = 0;
};

TEST(BlindTokenTest, TruncationKeepsTheFirstBitsAndZeroesTheRest) {
  crypto::Digest256 tag;
  tag.fill(0xFF);
  EXPECT_EQ(TruncateTag(tag, 1), (Bytes{0x80}));
  EXPECT_EQ(TruncateTag(tag, 4), (Bytes{0xF0}));
  EXPECT_EQ(TruncateTag(tag, 8), (Bytes{0xFF}));
  EXPECT_EQ(TruncateTag(tag, 12), (Bytes{0xFF, 0xF0}));
  EXPECT_EQ(TruncateTag(tag, 256).size(), 32u);
  EXPECT_TRUE(IsValidToken(Bytes{0xF0}, 4));
  EXPECT_FALSE(IsValidToken(Bytes{0xF8}, 4));
  EXPECT_FALSE(IsValidToken(Bytes{0xF0, 0x00}, 4));
}

TEST(BlindTokenTest, PowerOfTwoPadding) {
  EXPECT_EQ(PaddedCount(Pad::kPow2, 0), 0u);
  EXPECT_EQ(PaddedCount(Pad::kPow2, 1), 1u);
  EXPECT_EQ(PaddedCount(Pad::kPow2, 5), 8u);
  EXPECT_EQ(PaddedCount(Pad::kPow2, 8), 8u);
  EXPECT_EQ(PaddedCount(Pad::kNone, 5), 5u);
}

class BlindBitsTest : public ::testing::TestWithParam<std::tuple<int, std::string>> {
 protected:
  std::vector<std::string> Params() const {
    return {"bits=" + std::to_string(std::get<0>(GetParam())), "pad=" + std::get<1>(GetParam())};
  }
  Pad pad() const { return std::get<1>(GetParam()) == "pow2" ? Pad::kPow2 : Pad::kNone; }
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
  // duplicate entry); padded buckets stay powers of two.
  std::map<Bytes, uint64_t> real = h.ExpectedRealEntries(corpus);
  std::map<Bytes, uint64_t> at_rest = h.BucketsAtRest();
  for (const auto& [token, n] : real) EXPECT_GE(at_rest[token], n);
  if (pad() == Pad::kPow2) {
    for (const auto& [token, n] : at_rest) EXPECT_EQ(n & (n - 1), 0u) << "bucket of " << n;
  }
}

INSTANTIATE_TEST_SUITE_P(Lengths, BlindBitsTest,
                         ::testing::Combine(::testing::Values(1, 2, 4, 7, 16, 32, 256),
                                            ::testing::Values("none", "pow2")),
                         [](const auto& test) {
                           return "L" + std::to_string(std::get<0>(test.param)) + "_" +
                                  std::get<1>(test.param);
                         });

TEST(BlindSchemeTest, BitsOutOfRangeAreRejected) {
  SchemeEntry entry = BlindScheme();
  auto store = storage::NewMemoryStore();
  for (const char* bad : {"bits=0", "bits=257", "bits=-3", "bits=x"}) {
    auto params = Params::Parse("blind", entry.info.params, {bad});
    if (!params.ok()) continue;  // rejected even earlier
    auto server = entry.new_server({*params, *store});
    ASSERT_FALSE(server.ok()) << bad;
    EXPECT_EQ(server.error().code(), ErrorCode::kInvalidArgument) << bad;
  }
}

TEST(BlindServerTest, MalformedRequestsAreCorruptionAndChangeNothing) {
  Harness h({"bits=4", "pad=pow2"});
  OracleCorpus corpus = MakeRandomCorpus({"blind", 20, 10, 4}, 5);
  h.Build(corpus);
  auto before = h.BucketsAtRest();
  std::vector<Bytes> bad;
  ByteWriter w = BeginRequest(kSearch);
  w.U8(0xF8);  // unused low bits set
  bad.push_back(w.Take());
  w = BeginRequest(kUpdate);
  w.U8(0x10);
  w.Varint(0);
  w.Varint(0);  // nothing to do
  bad.push_back(w.Take());
  w = BeginRequest(kUpdate);
  w.U8(0x10);
  w.Varint(1000000);  // more erases than bytes
  bad.push_back(w.Take());
  w = BeginRequest(kUpdate);
  w.U8(0x10);
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
