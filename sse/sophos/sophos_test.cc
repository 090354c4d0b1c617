// Σoφoς end to end over MemoryStores (server store and client state) and a LocalChannel:
// search after build and after updates, one message per batch, the crash rule, Remove
// refused without a change, damaged requests refused with kCorruption.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/codec.h"
#include "index/channel.h"
#include "index/message.h"
#include "sse/common/keyword_counters.h"
#include "sse/pack/pack_testing.h"
#include "sse/sophos/sophos_messages.h"
#include "sse/sophos/sophos_scheme.h"
#include "storage/memory_store.h"
#include "tests/testing/store_snapshot.h"

namespace sselab::sse::sophos {
namespace {

using Oracle = std::map<std::string, std::vector<index::DocId>>;
using Snapshot = sselab::testing::StoreSnapshot;
Snapshot Snap(storage::Store& store) { return sselab::testing::Snapshot(store); }

// Fails the calls whose 0-based number is in `fail` with kIoError, before the server sees them.
class FlakyChannel : public index::Channel {
 public:
  explicit FlakyChannel(index::Channel& inner) : inner_(inner) {}
  Result<Bytes> Call(ByteView request) override {
    if (fail_next_) {
      fail_next_ = false;
      return IoError("network down");
    }
    return inner_.Call(request);
  }
  bool fail_next_ = false;

 private:
  index::Channel& inner_;
};

class SophosTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto params = index::Params::Parse("sophos", entry_.info.params, {"rsa_bits=1024"});
    ASSERT_TRUE(params.ok()) << params.error().ToString();
    params_ = *params;
    auto server = entry_.new_server({params_, *store_});
    ASSERT_TRUE(server.ok());
    server_ = std::move(server).value();
    local_ = std::make_unique<index::LocalChannel>(*server_);
    flaky_ = std::make_unique<FlakyChannel>(*local_);
    recording_ = std::make_unique<index::RecordingChannel>(*flaky_);
    client_ = NewClient();
  }

  std::unique_ptr<index::Client> NewClient() {
    auto client = entry_.new_client({params_, &key_, *recording_, state_.get()});
    EXPECT_TRUE(client.ok()) << client.error().ToString();
    return client.ok() ? std::move(client).value() : nullptr;
  }

  void BuildWithLengths(const std::vector<size_t>& lengths) {
    index::VectorDocumentSource source(sse::testing::CorpusWithLengths(lengths, oracle_));
    auto stats = client_->Build(source, {});
    ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  }

  void ExpectOracle(index::Client& client) {
    for (const auto& [w, ids] : oracle_) {
      auto got = client.Search(w);
      ASSERT_TRUE(got.ok()) << w << ": " << got.error().ToString();
      std::vector<index::DocId> want = ids;
      std::sort(want.begin(), want.end());
      want.erase(std::unique(want.begin(), want.end()), want.end());
      EXPECT_EQ(*got, want) << w;
    }
  }

  // The search request the client sends for `keyword`.
  Bytes SearchRequest(std::string_view keyword) {
    recording_->TakeMessages();
    EXPECT_TRUE(client_->Search(keyword).ok());
    auto messages = recording_->TakeMessages();
    EXPECT_EQ(messages.size(), 1u);
    return messages.empty() ? Bytes{} : messages[0].request;
  }

  index::SchemeEntry entry_ = SophosScheme();
  index::Params params_;
  crypto::SecretKey key_ = crypto::SecretKey::Generate(32);
  std::unique_ptr<storage::Store> store_ = storage::NewMemoryStore();
  std::unique_ptr<storage::Store> state_ = storage::NewMemoryStore();
  std::unique_ptr<index::Server> server_;
  std::unique_ptr<index::LocalChannel> local_;
  std::unique_ptr<FlakyChannel> flaky_;
  std::unique_ptr<index::RecordingChannel> recording_;
  std::unique_ptr<index::Client> client_;
  Oracle oracle_;
};

TEST_F(SophosTest, SearchAfterBuild) {
  BuildWithLengths({1, 2, 3, 17, 40});
  ExpectOracle(*client_);
  auto absent = client_->Search("len0");
  ASSERT_TRUE(absent.ok());
  EXPECT_TRUE(absent->empty());
  // One 16 + 8 byte entry per pair, and the public key.
  size_t pairs = 0;
  for (const auto& [w, ids] : oracle_) pairs += ids.size();
  const Snapshot snap = Snap(*store_);
  ASSERT_EQ(snap.at(std::string(kTable)).size(), pairs);
  for (const auto& [k, v] : snap.at(std::string(kTable))) {
    EXPECT_EQ(k.size(), kTokenSize);
    EXPECT_EQ(v.size(), kValueSize);
  }
  EXPECT_EQ(snap.at(std::string(kPkTable)).size(), 1u);
}

TEST_F(SophosTest, UpdatesAreOneMessagePerBatchAndSearchable) {
  BuildWithLengths({1, 5});
  std::vector<index::Document> batch = {
      {.id = 100, .keywords = {"len1", "fresh"}},
      {.id = 101, .keywords = {"len5", "fresh"}},
      {.id = 102, .keywords = {"fresh"}},
  };
  recording_->TakeMessages();
  ASSERT_TRUE(client_->Update(index::UpdateKind::kAdd, batch).ok());
  auto messages = recording_->TakeMessages();
  ASSERT_EQ(messages.size(), 1u);
  // header (2) | varint 5 | 5 pairs, and no id in the clear.
  EXPECT_EQ(messages[0].request.size(), 2 + 1 + 5 * kPairSize);
  for (const auto& d : batch) {
    uint8_t be[8];
    StoreBe64(d.id, be);
    const Bytes& req = messages[0].request;
    EXPECT_EQ(std::search(req.begin(), req.end(), be, be + 8), req.end());
  }
  for (const auto& d : batch) {
    for (const auto& w : d.keywords) oracle_[w].push_back(d.id);
  }
  ExpectOracle(*client_);

  // Single inserts, a duplicate pair (deduplicated in results), a second batch.
  ASSERT_TRUE(client_->Insert("fresh", 103).ok());
  ASSERT_TRUE(client_->Insert("fresh", 100).ok());
  oracle_["fresh"].push_back(103);
  std::vector<index::Document> second = {{.id = 7, .keywords = {"fresh", "other"}}};
  ASSERT_TRUE(client_->Update(index::UpdateKind::kAdd, second).ok());
  oracle_["fresh"].push_back(7);
  oracle_["other"].push_back(7);
  ExpectOracle(*client_);
  auto fresh = client_->Search("fresh");
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(*fresh, (std::vector<index::DocId>{7, 100, 101, 102, 103}));

  // A client reopened on the same state derives the same keys.
  auto reopened = NewClient();
  ASSERT_NE(reopened, nullptr);
  ExpectOracle(*reopened);

  // Client state: one small record per keyword.
  size_t records = 0;
  ASSERT_TRUE(state_
                  ->Scan(KeywordCounters::kTable, {},
                         [&records](ByteView k, ByteView v) {
                           EXPECT_LE(k.size() + v.size(), 32u);
                           ++records;
                           return true;
                         })
                  .ok());
  EXPECT_EQ(records, oracle_.size());
}

TEST_F(SophosTest, EmptyBatchSendsNothing) {
  BuildWithLengths({2});
  recording_->TakeMessages();
  ASSERT_TRUE(client_->Update(index::UpdateKind::kAdd, {}).ok());
  EXPECT_TRUE(recording_->TakeMessages().empty());
}

TEST_F(SophosTest, AnUpdateCutShortIsCompletedByRecover) {
  BuildWithLengths({3});
  flaky_->fail_next_ = true;
  ASSERT_FALSE(client_->Insert("len3", 555).ok());
  // The counter was committed with the message: a new client (the index reopened) resends.
  auto reopened = NewClient();
  ASSERT_NE(reopened, nullptr);
  ASSERT_TRUE(reopened->Recover().ok());
  oracle_["len3"].push_back(555);
  ExpectOracle(*reopened);
  // And a search on the old client, whose journal still says pending, resends harmlessly.
  ExpectOracle(*client_);
  ASSERT_TRUE(client_->Insert("len3", 556).ok());
  oracle_["len3"].push_back(556);
  // One client per client state (EncryptedIndex holds the state store's lock): a client
  // caches its counters, so what another client added is seen after a reopen.
  auto third = NewClient();
  ASSERT_NE(third, nullptr);
  ExpectOracle(*third);
}

TEST_F(SophosTest, RemoveIsUnsupportedAndChangesNothing) {
  BuildWithLengths({2, 4});
  const Snapshot server_before = Snap(*store_);
  const Snapshot state_before = Snap(*state_);
  recording_->TakeMessages();
  Status s = client_->Remove("len2", oracle_["len2"][0]);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kUnsupported);
  EXPECT_NE(s.error().message().find("backward-private"), std::string::npos);
  std::vector<index::Document> batch = {{.id = oracle_["len4"][0], .keywords = {"len4"}}};
  Status b = client_->Update(index::UpdateKind::kRemove, batch);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().code(), ErrorCode::kUnsupported);
  EXPECT_TRUE(recording_->TakeMessages().empty());
  EXPECT_EQ(Snap(*store_), server_before);
  EXPECT_EQ(Snap(*state_), state_before);
  ExpectOracle(*client_);
}

TEST_F(SophosTest, DamagedSearchRequestsAreCorruption) {
  BuildWithLengths({6});
  const Bytes request = SearchRequest("len6");
  ASSERT_FALSE(request.empty());
  ASSERT_TRUE(server_->Handle(request).ok());
  const Snapshot before = Snap(*store_);
  for (size_t len = 0; len < request.size(); ++len) {
    auto r = server_->Handle(ByteView(request).first(len));
    ASSERT_FALSE(r.ok()) << "cut to " << len;
    EXPECT_EQ(r.error().code(), ErrorCode::kCorruption) << len;
  }
  Bytes longer = request;
  longer.push_back(0);
  EXPECT_EQ(server_->Handle(longer).error().code(), ErrorCode::kCorruption);
  // A flipped bit in K_w or in ST_c: no entry found, so corruption (never a partial list).
  for (size_t pos : {size_t{2}, size_t{10}, request.size() - 1, request.size() - 60}) {
    Bytes bad = request;
    bad[pos] ^= 0x01;
    auto r = server_->Handle(bad);
    ASSERT_FALSE(r.ok()) << pos;
    EXPECT_EQ(r.error().code(), ErrorCode::kCorruption) << pos;
  }
  // Counts: more than stored, zero, and beyond 2^32.
  auto with_count = [&](uint64_t n, ByteView st) {
    ByteWriter w = index::BeginRequest(kSearch);
    w.Raw(ByteView(request).subspan(2, 16));
    w.Varint(n);
    w.Raw(st);
    return w.Take();
  };
  const ByteView st = ByteView(request).last(1024 / 8);
  EXPECT_TRUE(server_->Handle(with_count(6, st)).ok());
  EXPECT_TRUE(server_->Handle(with_count(3, st)).ok());  // a shorter walk is the caller's loss
  for (uint64_t n : {uint64_t{7}, uint64_t{0}, kMaxEntries + 1, ~uint64_t{0}}) {
    auto r = server_->Handle(with_count(n, st));
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.error().code(), ErrorCode::kCorruption) << n;
  }
  const Bytes not_below_n(1024 / 8, 0xFF);
  EXPECT_EQ(server_->Handle(with_count(6, not_below_n)).error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(Snap(*store_), before);
}

TEST_F(SophosTest, DamagedUpdateRequestsAreCorruptionAndChangeNothing) {
  BuildWithLengths({2});
  recording_->TakeMessages();
  ASSERT_TRUE(client_->Insert("len2", 9).ok());
  const Bytes request = recording_->TakeMessages().at(0).request;
  const Snapshot before = Snap(*store_);
  for (size_t len = 0; len < request.size(); ++len) {
    auto r = server_->Handle(ByteView(request).first(len));
    ASSERT_FALSE(r.ok()) << len;
    EXPECT_EQ(r.error().code(), ErrorCode::kCorruption) << len;
  }
  Bytes longer = request;
  longer.push_back(1);
  EXPECT_EQ(server_->Handle(longer).error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(Snap(*store_), before);
  // Replaying the exact update is idempotent.
  ASSERT_TRUE(server_->Handle(request).ok());
  EXPECT_EQ(Snap(*store_), before);
}

TEST_F(SophosTest, DamagedRepliesAreCorruption) {
  BuildWithLengths({4});
  class Cutting : public index::Channel {
   public:
    explicit Cutting(index::Channel& inner) : inner_(inner) {}
    Result<Bytes> Call(ByteView request) override {
      SSELAB_ASSIGN_OR_RETURN(Bytes reply, inner_.Call(request));
      reply.resize(reply.size() - 1);
      return reply;
    }
    index::Channel& inner_;
  } cutting(*local_);
  auto client = entry_.new_client({params_, &key_, cutting, state_.get()});
  ASSERT_TRUE(client.ok());
  auto r = (*client)->Search("len4");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kCorruption);
}

TEST(SophosSchemeTest, Declarations) {
  const index::SchemeEntry e = SophosScheme();
  EXPECT_EQ(e.info.name, "sophos");
  EXPECT_EQ(e.info.paper, "bost16");
  EXPECT_TRUE(e.info.capabilities.dynamic);
  EXPECT_FALSE(e.info.capabilities.deletions);
  EXPECT_TRUE(e.info.client_state);
  EXPECT_TRUE(e.info.leakage.forward_private);
  auto params = index::Params::Parse("sophos", e.info.params, {});
  ASSERT_TRUE(params.ok());
  EXPECT_EQ(params->Get("rsa_bits"), "2048");
  EXPECT_FALSE(index::Params::Parse("sophos", e.info.params, {"rsa_bits=512"}).ok());
  // Without a client-state store the client refuses to start.
  auto store = storage::NewMemoryStore();
  auto server = e.new_server({*params, *store});
  ASSERT_TRUE(server.ok());
  index::LocalChannel channel(**server);
  crypto::SecretKey key = crypto::SecretKey::Generate(32);
  EXPECT_FALSE(e.new_client({*params, &key, channel}).ok());
}

}  // namespace
}  // namespace sselab::sse::sophos
