// PEKS (BDOP'04) and PAEKS (HL'17): algorithms, and client and server over a memory store.
#include <gtest/gtest.h>

#include "index/message.h"
#include "index/params.h"
#include "peks/bdop04.h"
#include "peks/hl17.h"
#include "peks/peks_keys.h"
#include "peks/peks_messages.h"
#include "peks/peks_schemes.h"
#include "storage/memory_store.h"

namespace sselab::peks {
namespace {

using index::DocId;

// The receiver's trapdoor matches a sender's tag iff the keywords are equal.
struct Algorithms {
  std::unique_ptr<TagEncryptor> sender;
  std::unique_ptr<TrapdoorGenerator> receiver;
  ServerAlgorithms server;
};

Algorithms Bdop04() {
  auto key = bdop04::ReceiverKey::FromScalar(RandomNonZeroScalar());
  return {bdop04::NewTagEncryptor(key.pub), bdop04::NewTrapdoorGenerator(key),
          bdop04::Algorithms()};
}

Algorithms Hl17() {
  auto r = hl17::ReceiverKey::FromScalar(RandomNonZeroScalar());
  auto s = hl17::SenderKey::FromScalar(RandomNonZeroScalar());
  return {hl17::NewTagEncryptor(s, r.pub), hl17::NewTrapdoorGenerator(r, s.pub),
          hl17::Algorithms()};
}

bool TagMatches(const Algorithms& a, ByteView trapdoor, ByteView tag) {
  auto tester = a.server.prepare_trapdoor(trapdoor);
  EXPECT_TRUE(tester.ok()) << tester.error().ToString();
  auto m = (*tester)->Matches(tag);
  EXPECT_TRUE(m.ok()) << m.error().ToString();
  return m.ok() && *m;
}

class AlgorithmTest : public ::testing::TestWithParam<std::string> {
 protected:
  Algorithms Make() const { return GetParam() == "bdop04" ? Bdop04() : Hl17(); }
};

TEST_P(AlgorithmTest, RoundTrip) {
  Algorithms a = Make();
  auto tags = a.sender->EncryptTags("apple", 3);
  ASSERT_TRUE(tags.ok());
  ASSERT_EQ(tags->size(), 3u);
  EXPECT_NE((*tags)[0], (*tags)[1]);  // randomized
  auto t = a.receiver->Trapdoor("apple");
  auto u = a.receiver->Trapdoor("apples");
  ASSERT_TRUE(t.ok() && u.ok());
  EXPECT_EQ(t->size(), a.server.trapdoor_size);
  for (const Bytes& tag : *tags) {
    EXPECT_EQ(tag.size(), a.server.tag_size);
    EXPECT_TRUE(a.server.validate_tag(tag).ok());
    EXPECT_TRUE(TagMatches(a, *t, tag));
    EXPECT_FALSE(TagMatches(a, *u, tag));
  }
  EXPECT_EQ(*t, *a.receiver->Trapdoor("apple"));  // deterministic: the search pattern
}

TEST_P(AlgorithmTest, WrongPublicKeyDoesNotMatch) {
  // Tags encrypted to another receiver's public key: the search runs, nothing matches.
  Algorithms a = Make(), b = Make();
  auto tag = b.sender->EncryptTags("apple", 1);
  auto t = a.receiver->Trapdoor("apple");
  ASSERT_TRUE(tag.ok() && t.ok());
  EXPECT_FALSE(TagMatches(a, *t, (*tag)[0]));
}

TEST_P(AlgorithmTest, TamperedTagsNeverMatch) {
  Algorithms a = Make();
  auto tags = a.sender->EncryptTags("apple", 1);
  auto t = a.receiver->Trapdoor("apple");
  ASSERT_TRUE(tags.ok() && t.ok());
  auto tester = a.server.prepare_trapdoor(*t);
  ASSERT_TRUE(tester.ok());
  const Bytes& tag = (*tags)[0];
  for (size_t i = 0; i < tag.size(); i += 7) {
    Bytes bad = tag;
    bad[i] ^= 0x04;
    auto m = (*tester)->Matches(bad);
    if (m.ok()) {
      EXPECT_FALSE(*m) << "flip at " << i;
    } else {
      EXPECT_EQ(m.error().code(), ErrorCode::kCorruption);
      EXPECT_FALSE(a.server.validate_tag(bad).ok());
    }
  }
  for (size_t len = 0; len < tag.size(); ++len) {
    EXPECT_EQ((*tester)->Matches(ByteView(tag).first(len)).error().code(), ErrorCode::kCorruption);
  }
}

TEST_P(AlgorithmTest, MalformedTrapdoorsAreCorruption) {
  Algorithms a = Make();
  auto t = a.receiver->Trapdoor("apple");
  ASSERT_TRUE(t.ok());
  for (size_t len = 0; len < t->size(); len += 13) {
    auto r = a.server.prepare_trapdoor(ByteView(*t).first(len));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), ErrorCode::kCorruption);
  }
  Bytes garbage(t->size(), 0x5a);
  EXPECT_EQ(a.server.prepare_trapdoor(garbage).error().code(), ErrorCode::kCorruption);
  Bytes flipped = *t;
  flipped[t->size() - 1] ^= 0x01;  // the last coordinate byte: off the curve / not in GT
  EXPECT_FALSE(a.server.prepare_trapdoor(flipped).ok() &&
               TagMatches(a, flipped, (*a.sender->EncryptTags("apple", 1))[0]));
}

INSTANTIATE_TEST_SUITE_P(Schemes, AlgorithmTest, ::testing::Values("bdop04", "hl17"));

TEST(Hl17Test, TrapdoorForAnotherSenderDoesNotMatch) {
  auto r = hl17::ReceiverKey::FromScalar(RandomNonZeroScalar());
  auto s1 = hl17::SenderKey::FromScalar(RandomNonZeroScalar());
  auto s2 = hl17::SenderKey::FromScalar(RandomNonZeroScalar());
  auto tag = hl17::NewTagEncryptor(s1, r.pub)->EncryptTags("apple", 1);
  auto t1 = hl17::NewTrapdoorGenerator(r, s1.pub)->Trapdoor("apple");
  auto t2 = hl17::NewTrapdoorGenerator(r, s2.pub)->Trapdoor("apple");
  ASSERT_TRUE(tag.ok() && t1.ok() && t2.ok());
  Algorithms a{nullptr, nullptr, hl17::Algorithms()};
  EXPECT_TRUE(TagMatches(a, *t1, (*tag)[0]));
  EXPECT_FALSE(TagMatches(a, *t2, (*tag)[0]));
}

// Client and server of a registered scheme over a memory store.
class SchemeTest : public ::testing::TestWithParam<std::string> {
 protected:
  index::SchemeEntry Entry() const {
    return GetParam() == "peks-bdop04" ? Bdop04Scheme() : Hl17Scheme();
  }
  void SetUp() override {
    entry_ = Entry();
    params_ = *index::Params::Parse(GetParam(), entry_.info.params, {});
    server_ = std::move(entry_.new_server({params_, *store_})).value();
    channel_ = std::make_unique<index::LocalChannel>(*server_);
    client_ = NewClient(key_);
    std::vector<index::Document> docs = {{.id = 1, .keywords = {"apple", "pear"}},
                                         {.id = 2, .keywords = {"apple"}},
                                         {.id = 3, .keywords = {"plum", "pear"}}};
    index::VectorDocumentSource source(docs);
    ASSERT_TRUE(client_->Build(source, {}).ok());
  }
  std::unique_ptr<index::Client> NewClient(const crypto::SecretKey& key) {
    return std::move(entry_.new_client({params_, &key, *channel_})).value();
  }
  std::vector<DocId> Search(std::string_view w) {
    auto r = client_->Search(w);
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return r.ok() ? *r : std::vector<DocId>{};
  }

  index::SchemeEntry entry_;
  index::Params params_;
  crypto::SecretKey key_ = crypto::SecretKey::Generate(64);
  std::unique_ptr<storage::Store> store_ = storage::NewMemoryStore();
  std::unique_ptr<index::Server> server_;
  std::unique_ptr<index::LocalChannel> channel_;
  std::unique_ptr<index::Client> client_;
};

TEST_P(SchemeTest, SearchInsertRoundTrip) {
  EXPECT_EQ(Search("apple"), (std::vector<DocId>{1, 2}));
  EXPECT_EQ(Search("pear"), (std::vector<DocId>{1, 3}));
  EXPECT_EQ(Search("plum"), (std::vector<DocId>{3}));
  EXPECT_TRUE(Search("fig").empty());
  ASSERT_TRUE(client_->Insert("fig", 9).ok());
  ASSERT_TRUE(client_->Insert("apple", 9).ok());
  ASSERT_TRUE(client_->Insert("apple", 9).ok());  // present pair: searched once
  EXPECT_EQ(Search("fig"), (std::vector<DocId>{9}));
  EXPECT_EQ(Search("apple"), (std::vector<DocId>{1, 2, 9}));
  EXPECT_EQ(client_->Remove("apple", 9).error().code(), ErrorCode::kUnsupported);
}

TEST_P(SchemeTest, AnotherKeyFindsNothing) {
  // Another master key = another receiver (and sender): its trapdoors test the stored
  // tags without error and match none.
  crypto::SecretKey other = crypto::SecretKey::Generate(64);
  auto stranger = NewClient(other);
  auto r = stranger->Search("apple");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_TRUE(r->empty());
}

TEST_P(SchemeTest, EveryTruncatedSearchRequestIsCorruption) {
  auto recording = std::make_unique<index::RecordingChannel>(*channel_);
  auto client = std::move(entry_.new_client({params_, &key_, *recording})).value();
  ASSERT_TRUE(client->Search("apple").ok());
  Bytes request = recording->TakeMessages().at(0).request;
  for (size_t len = 0; len < request.size(); ++len) {
    auto r = server_->Handle(ByteView(request).first(len));
    ASSERT_FALSE(r.ok()) << len;
    EXPECT_EQ(r.error().code(), ErrorCode::kCorruption) << len;
  }
  request.push_back(0);
  EXPECT_EQ(server_->Handle(request).error().code(), ErrorCode::kCorruption);
}

TEST_P(SchemeTest, MalformedInsertIsRejectedAndWritesNothing) {
  ByteWriter w = index::BeginRequest(kInsert);
  w.Varint(1);
  w.Raw(Bytes(kRidSize, 1));
  Bytes value(Bytes(entry_.info.name == "peks-bdop04" ? 80 : 96, 0x5a));
  value.resize(value.size() + 84, 0);
  w.Raw(value);
  auto r = server_->Handle(w.bytes());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kCorruption);
  EXPECT_NE(r.error().ToString().find("tag"), std::string::npos) << r.error().ToString();
  EXPECT_EQ(Search("apple"), (std::vector<DocId>{1, 2}));
}

TEST_P(SchemeTest, DamagedStoredTagIsCorruptionNamingTheEntry) {
  Bytes key, value;
  ASSERT_TRUE(store_
                  ->Scan(kTable, {},
                         [&](ByteView k, ByteView v) {
                           key = ToBytes(k);
                           value = ToBytes(v);
                           return false;
                         })
                  .ok());
  value[5] ^= 0xff;  // inside the first point
  ASSERT_TRUE(store_->Put(kTable, key, value).ok());
  auto r = client_->Search("apple");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kCorruption);
  EXPECT_NE(r.error().ToString().find("stored entry"), std::string::npos) << r.error().ToString();
}

INSTANTIATE_TEST_SUITE_P(Schemes, SchemeTest, ::testing::Values("peks-bdop04", "paeks-hl17"),
                         [](const auto& p) {
                           return p.param == "peks-bdop04" ? "bdop04" : "hl17";
                         });

}  // namespace
}  // namespace sselab::peks
