// Orion's client and server directly: the fixed access schedule and counts, the capacity
// bound, a lost write-back resent, damaged requests and replies refused.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <set>

#include "index/encrypted_index.h"
#include "index/message.h"
#include "sse/oram/avl_node.h"
#include "sse/orion/orion_client.h"
#include "sse/orion/orion_messages.h"
#include "sse/orion/orion_scheme.h"
#include "sse/orion/orion_server.h"
#include "sse/orion/orion_testing.h"
#include "storage/failing_store.h"
#include "storage/memory_store.h"
#include "tests/testing/damaging_channel.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"

namespace sselab::sse::orion {
namespace {

namespace fs = std::filesystem;
using index::DocId;
using index::Document;
using index::UpdateKind;
using testing::kCapacity;
using testing::OrionRegistry;
using testing::TestKey;

TEST(OrionSchemeTest, CapacityParameter) {
  EXPECT_EQ(ParseCapacity("2^10").value(), 1024u);
  EXPECT_EQ(ParseCapacity("4096").value(), 4096u);
  EXPECT_EQ(ParseCapacity("2^32").value(), uint64_t{1} << 32);
  EXPECT_EQ(ParseCapacity("auto").value(), OrionClient::kAutoCapacity);
  for (const char* bad : {"", "15", "2^3", "2^33", "x", "2^", "10a", "99999999999"}) {
    EXPECT_FALSE(ParseCapacity(bad).ok()) << bad;
  }
  const index::SchemeEntry e = OrionScheme();
  ASSERT_EQ(e.info.params.size(), 1u);
  EXPECT_TRUE(e.info.params[0].check("2^16").ok());
  EXPECT_FALSE(e.info.params[0].check("0").ok());
}

TEST(OrionSchemeTest, AutoCapacityLeavesRoomForAsManyPairsAgain) {
  EXPECT_EQ(OrionClient::AutoCapacity(0), 1024u);
  EXPECT_EQ(OrionClient::AutoCapacity(512), 1024u);
  EXPECT_EQ(OrionClient::AutoCapacity(513), 2048u);
  EXPECT_EQ(OrionClient::AutoCapacity(3000), 8192u);
}

// capacity=auto: the build picks the capacity from the corpus and the client state keeps
// it; a client opened on that state (auto or the same number) finds the same maps, one
// opened with another number is refused.
TEST(OrionSchemeTest, AutoCapacityIsPickedByTheBuildAndKept) {
  auto server_store = storage::NewMemoryStore();
  auto state = storage::NewMemoryStore();
  OrionServer server(*server_store);
  index::LocalChannel channel(server);
  std::vector<Document> docs;
  for (DocId id = 1; id <= 700; ++id) docs.push_back({id, {"k" + std::to_string(id % 7)}});
  {
    auto c = OrionClient::Create(TestKey(), OrionClient::kAutoCapacity, *state, channel);
    ASSERT_TRUE(c.ok()) << c.error().ToString();
    index::VectorDocumentSource source(docs);
    ASSERT_TRUE((*c)->Build(source, {}).ok());
    EXPECT_EQ((*c)->capacity(), 2048u);  // 700 pairs + 7 keywords, twice, rounded up
  }
  for (uint64_t reopened : {OrionClient::kAutoCapacity, uint64_t{2048}}) {
    auto c = OrionClient::Create(TestKey(), reopened, *state, channel);
    ASSERT_TRUE(c.ok()) << c.error().ToString();
    EXPECT_EQ((*c)->capacity(), 2048u);
    auto ids = (*c)->Search("k3");
    ASSERT_TRUE(ids.ok()) << ids.error().ToString();
    EXPECT_EQ(ids->size(), 100u);
  }
  auto other = OrionClient::Create(TestKey(), 4096, *state, channel);
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.error().message().find("built with capacity 2048"), std::string::npos)
      << other.error().ToString();
}

// The server's view, by request type: how many ReadPath and WriteBuckets messages.
struct Counts {
  uint64_t reads = 0;
  uint64_t writes = 0;
  std::set<size_t> read_sizes;
  std::string maps;  // the map of each ReadPath, in order ('u' or 's')
};
Counts CountRequests(const std::vector<index::RecordedMessage>& messages) {
  Counts c;
  for (const auto& m : messages) {
    if (m.request.size() < 2) continue;
    if (m.request[1] == kReadPath) {
      ++c.reads;
      c.read_sizes.insert(m.request.size());
      c.maps.push_back(m.request[2] == kMapUpd ? 'u' : 's');
    }
    if (m.request[1] == kWriteBuckets) ++c.writes;
  }
  return c;
}

class OrionDirectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<Document> docs = {{1, {"a", "b"}}, {2, {"a"}}, {3, {"a", "c"}}};
    index::VectorDocumentSource source(docs);
    auto c = OrionClient::Create(TestKey(), kCapacity, *state_, recording_);
    ASSERT_TRUE(c.ok()) << c.error().ToString();
    client_ = std::move(*c);
    auto stats = client_->Build(source, {});
    ASSERT_TRUE(stats.ok()) << stats.error().ToString();
    EXPECT_EQ(stats->pairs, 5u);
    recording_.TakeMessages();
  }

  Counts Run(UpdateKind kind, std::string keyword, DocId id) {
    const Document d{id, {std::move(keyword)}};
    Status s = client_->Update(kind, std::span<const Document>(&d, 1));
    EXPECT_TRUE(s.ok()) << s.error().ToString();
    return CountRequests(recording_.TakeMessages());
  }

  std::unique_ptr<storage::Store> server_store_ = storage::NewMemoryStore();
  std::unique_ptr<storage::Store> state_ = storage::NewMemoryStore();
  OrionServer server_{*server_store_};
  index::LocalChannel local_{server_};
  index::RecordingChannel recording_{local_};
  std::unique_ptr<OrionClient> client_;
};

TEST_F(OrionDirectTest, EveryUpdateAndSearchReadsAFixedNumberOfPaths) {
  const uint64_t a = static_cast<uint64_t>(oram::MaxAvlHeight(kCapacity));
  ASSERT_EQ(a, 14u);
  ASSERT_EQ(OrionClient::AccessesPerUpdate(kCapacity), 8 * a);
  // Every kind of pair: new, present, removed, absent, removed twice, re-added.
  const std::vector<std::tuple<UpdateKind, std::string, DocId>> steps = {
      {UpdateKind::kAdd, "a", 4},      {UpdateKind::kAdd, "a", 4},
      {UpdateKind::kAdd, "new", 9},    {UpdateKind::kRemove, "a", 2},
      {UpdateKind::kRemove, "a", 2},   {UpdateKind::kRemove, "zz", 1},
      {UpdateKind::kRemove, "new", 9}, {UpdateKind::kAdd, "a", 2},
      {UpdateKind::kRemove, "a", 2},
  };
  std::set<size_t> sizes;
  std::set<std::string> schedules;  // which map each access reads: the same for all
  for (const auto& [kind, keyword, id] : steps) {
    const Counts c = Run(kind, keyword, id);
    schedules.insert(c.maps);
    EXPECT_EQ(c.reads, OrionClient::AccessesPerUpdate(kCapacity)) << keyword << " " << id;
    EXPECT_EQ(c.writes, 1u);
    sizes.insert(c.read_sizes.begin(), c.read_sizes.end());
  }
  EXPECT_EQ(sizes.size(), 1u);  // every ReadPath request: one full path
  ASSERT_EQ(schedules.size(), 1u);
  const std::string u(a, 'u'), s(a, 's');
  EXPECT_EQ(*schedules.begin(), u + u + s + s + u + u + u + s);
  // a: {1, 3, 4} (2 removed, re-added, removed); b: {1}; new: {}; zz: {}.
  const std::map<std::string, std::vector<DocId>> want = {
      {"a", {1, 3, 4}}, {"b", {1}}, {"c", {3}}, {"new", {}}, {"zz", {}}};
  for (const auto& [keyword, ids] : want) {
    auto got = client_->Search(keyword);
    ASSERT_TRUE(got.ok()) << got.error().ToString();
    EXPECT_EQ(*got, ids) << keyword;
    const Counts c = CountRequests(recording_.TakeMessages());
    EXPECT_EQ(c.reads, OrionClient::AccessesPerSearch(kCapacity, ids.size())) << keyword;
    EXPECT_EQ(c.writes, 1u);  // a search's write-back is committed as an update's
  }
}

TEST_F(OrionDirectTest, AFullMapRefusesAdditionsBeforeAnyAccess) {
  std::vector<Document> batch;
  for (DocId id = 100; id < 100 + kCapacity; ++id) batch.push_back({id, {"a"}});
  Status s = client_->Update(UpdateKind::kAdd, batch);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(recording_.TakeMessages().empty());
  EXPECT_EQ(client_->Search("a").value(), (std::vector<DocId>{1, 2, 3}));
}

TEST_F(OrionDirectTest, ALostWriteBackIsResentBeforeTheNextOperation) {
  // A client whose channel fails on WriteBuckets: the batch is committed (journal) but its
  // buckets never reach the server; the next operation must resend them first.
  class DropWrites : public index::Channel {
   public:
    explicit DropWrites(index::Channel& inner) : inner_(inner) {}
    Result<Bytes> Call(ByteView request) override {
      if (drop && request.size() > 1 && request[1] == kWriteBuckets) {
        return IoError("dropped");
      }
      return inner_.Call(request);
    }
    bool drop = true;

   private:
    index::Channel& inner_;
  };
  DropWrites flaky(local_);
  auto c = OrionClient::Create(TestKey(), kCapacity, *state_, flaky);
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  EXPECT_FALSE((*c)->Insert("a", 7).ok());
  flaky.drop = false;
  EXPECT_EQ((*c)->Search("a").value(), (std::vector<DocId>{1, 2, 3, 7}));
}

// An operation interrupted after some of its path reads (a failure, or a process killed)
// leaves leaves the server has seen in the client state; the next operation must not be
// a different one that starts from them (pending_operation.h). The same client after the
// failure, and a fresh client on the same state (a killed process), each first run the
// interrupted insertion again (from the exposed root leaf) and complete it; only then
// does the search go, from a fresh leaf. Without the re-run the search would start at
// the exposed leaf, and the insertion would be lost. (Padding accesses read fresh random
// leaves, so the re-run repeats only the first request byte for byte.) Capacity 2^16:
// two reads of one root leaf by chance have probability 2^-16.
TEST(OrionRecoveryTest, AnInterruptedOperationIsRunAgainBeforeAnyOther) {
  class FailingAt : public index::Channel {
   public:
    explicit FailingAt(index::Channel& inner) : inner_(inner) {}
    Result<Bytes> Call(ByteView request) override {
      if (++calls_ == fail_at) return IoError("connection lost");
      return inner_.Call(request);
    }
    uint64_t fail_at = 0;

   private:
    index::Channel& inner_;
    uint64_t calls_ = 0;
  };
  constexpr uint64_t kBig = uint64_t{1} << 16;
  auto server_store = storage::NewMemoryStore();
  auto state = storage::NewMemoryStore();
  OrionServer server(*server_store);
  index::LocalChannel local(server);
  index::RecordingChannel recording(local);
  {
    std::vector<Document> docs = {{1, {"a", "b"}}, {2, {"a"}}};
    index::VectorDocumentSource source(docs);
    auto c = OrionClient::Create(TestKey(), kBig, *state, recording);
    ASSERT_TRUE(c.ok()) << c.error().ToString();
    ASSERT_TRUE((*c)->Build(source, {}).ok());
    recording.TakeMessages();
  }
  const size_t update = OrionClient::AccessesPerUpdate(kBig);
  for (const bool fresh_client : {false, true}) {
    SCOPED_TRACE(fresh_client ? "a fresh client (killed process)" : "the same client");
    FailingAt flaky(recording);
    flaky.fail_at = 10;
    auto c = OrionClient::Create(TestKey(), kBig, *state, flaky);
    ASSERT_TRUE(c.ok()) << c.error().ToString();
    ASSERT_FALSE((*c)->Insert("a", fresh_client ? 43 : 42).ok());
    const std::vector<index::RecordedMessage> exposed = recording.TakeMessages();
    ASSERT_EQ(exposed.size(), 9u);  // the server saw nine path reads
    if (fresh_client) {
      auto fresh = OrionClient::Create(TestKey(), kBig, *state, recording);
      ASSERT_TRUE(fresh.ok()) << fresh.error().ToString();
      ASSERT_TRUE((*fresh)->Search("b").ok());
    } else {
      ASSERT_TRUE((*c)->Search("b").ok());  // the channel works again
    }
    const std::vector<index::RecordedMessage> after = recording.TakeMessages();
    // The insertion's whole schedule from the exposed root leaf, its write-back, then the
    // search: (1 + 1) x A reads and its write-back.
    ASSERT_EQ(after.size(), update + 1 + OrionClient::AccessesPerSearch(kBig, 1) + 1);
    EXPECT_EQ(after[0].request, exposed[0].request);
    EXPECT_EQ(after[update].request[1], kWriteBuckets);
    EXPECT_EQ(CountRequests({after.begin(), after.begin() + update}).reads, update);
    for (const auto& m : exposed) EXPECT_NE(after[update + 1].request, m.request);
  }
  auto c = OrionClient::Create(TestKey(), kBig, *state, local);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ((*c)->Search("a").value(), (std::vector<DocId>{1, 2, 42, 43}));
}

// As tests/conformance/malformed_message_test.cc does for every registered scheme (with
// truncations sampled: a WriteBuckets message is large): a damaged request is refused or
// answered, never a crash, and leaves the store unchanged; a damaged reply is an error.
TEST_F(OrionDirectTest, DamagedRequestsAndRepliesAreRefused) {
  ASSERT_TRUE(client_->Search("a").ok());
  ASSERT_TRUE(client_->Insert("b", 5).ok());
  auto messages = recording_.TakeMessages();
  auto snapshot = [&] {
    std::map<std::string, std::map<Bytes, Bytes>> out;
    for (const std::string& table : server_store_->Tables()) {
      EXPECT_TRUE(server_store_
                      ->Scan(table, {},
                             [&](ByteView k, ByteView v) {
                               out[table][ToBytes(k)] = ToBytes(v);
                               return true;
                             })
                      .ok());
    }
    return out;
  };
  const auto before = snapshot();
  std::mt19937_64 rng(3);
  size_t write_requests = 0;
  for (const auto& m : messages) {
    if (m.request[1] == kWriteBuckets) ++write_requests;
    const size_t step = std::max<size_t>(1, m.request.size() / 200);
    for (size_t len = 0; len < m.request.size(); len += 1 + rng() % step) {
      Bytes cut(m.request.begin(), m.request.begin() + static_cast<long>(len));
      EXPECT_FALSE(server_.Handle(cut).ok()) << "a request cut to " << len << " bytes";
    }
    for (int i = 0; i < 30; ++i) {
      Bytes bad = m.request;
      bad[2 + rng() % (bad.size() - 2)] ^= static_cast<uint8_t>(1 + rng() % 255);
      if (i % 3 == 0) bad.push_back(static_cast<uint8_t>(rng()));
      auto reply = server_.Handle(bad);
      if (m.request[1] == kWriteBuckets) {
        EXPECT_FALSE(reply.ok());  // the digest catches every damage
      }
    }
  }
  EXPECT_EQ(write_requests, 2u);
  EXPECT_TRUE(snapshot() == before);
  // Replies cut short or with a flipped byte: the client reports kCorruption.
  for (size_t cut : {1, 5, 11}) {
    for (size_t flip : {SIZE_MAX, size_t{0}, size_t{3}}) {
      ::sselab::testing::DamagingChannel damaged(local_, flip == SIZE_MAX ? cut : 0, flip);
      auto c = OrionClient::Create(TestKey(), kCapacity, *state_, damaged);
      ASSERT_TRUE(c.ok());
      auto r = (*c)->Search("a");
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code(), ErrorCode::kCorruption) << r.error().ToString();
    }
  }
  // The index is intact after all of it.
  auto c = OrionClient::Create(TestKey(), kCapacity, *state_, local_);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ((*c)->Search("b").value(), (std::vector<DocId>{1, 5}));
}

// Through EncryptedIndex, on RocksDB, with reopens.

}  // namespace
}  // namespace sselab::sse::orion
