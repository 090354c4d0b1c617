// Orion end to end: the fixed access counts, random interleavings against an oracle across
// reopens, faults at every write of either party, the capacity bound; and (DISABLED_) the
// timings of papers/orion.md.
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
#include "storage/failing_store.h"
#include "storage/memory_store.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"

namespace sselab::sse::orion {
namespace {

namespace fs = std::filesystem;
using index::DocId;
using index::Document;
using index::UpdateKind;

constexpr uint64_t kCapacity = 1024;

crypto::SecretKey TestKey() {
  Bytes k(32, 0x5a);
  return crypto::SecretKey::FromBytes(k).value();
}

const index::Registry& OrionRegistry() {
  static const index::Registry registry = [] {
    index::Registry r;
    EXPECT_TRUE(r.Register(OrionScheme()).ok());
    return r;
  }();
  return registry;
}

TEST(OrionSchemeTest, CapacityParameter) {
  EXPECT_EQ(ParseCapacity("2^10").value(), 1024u);
  EXPECT_EQ(ParseCapacity("4096").value(), 4096u);
  EXPECT_EQ(ParseCapacity("2^32").value(), uint64_t{1} << 32);
  for (const char* bad : {"", "15", "2^3", "2^33", "x", "2^", "10a", "99999999999"}) {
    EXPECT_FALSE(ParseCapacity(bad).ok()) << bad;
  }
  const index::SchemeEntry e = OrionScheme();
  ASSERT_EQ(e.info.params.size(), 1u);
  EXPECT_TRUE(e.info.params[0].check("2^16").ok());
  EXPECT_FALSE(e.info.params[0].check("0").ok());
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
  class Damaging : public index::Channel {
   public:
    Damaging(index::Channel& inner, size_t cut, size_t flip)
        : inner_(inner), cut_(cut), flip_(flip) {}
    Result<Bytes> Call(ByteView request) override {
      SSELAB_ASSIGN_OR_RETURN(Bytes reply, inner_.Call(request));
      if (flip_ < reply.size()) reply[flip_] ^= 0x41;
      reply.resize(reply.size() > cut_ ? reply.size() - cut_ : 0);
      return reply;
    }

   private:
    index::Channel& inner_;
    size_t cut_, flip_;
  };
  for (size_t cut : {1, 5, 11}) {
    for (size_t flip : {SIZE_MAX, size_t{0}, size_t{3}}) {
      Damaging damaged(local_, flip == SIZE_MAX ? cut : 0, flip);
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
class OrionIndexTest : public ::testing::Test {
 protected:
  void Create(std::vector<Document> docs, uint64_t capacity = kCapacity) {
    index::VectorDocumentSource source(docs);
    auto idx = index::EncryptedIndex::Create(
        OrionRegistry(),
        {.scheme = "orion", .params = {"capacity=" + std::to_string(capacity)}, .dir = db_},
        source);
    ASSERT_TRUE(idx.ok()) << idx.error().ToString();
    for (const Document& d : docs) {
      for (const std::string& k : d.keywords) oracle_[k].insert(d.id);
    }
  }
  std::unique_ptr<index::EncryptedIndex> Open(index::OpenOptions o = {}) {
    o.dir = db_;
    auto idx = index::EncryptedIndex::Open(OrionRegistry(), o);
    return idx.ok() ? std::move(idx).value() : nullptr;
  }
  void Apply(UpdateKind kind, const std::vector<Document>& batch) {
    for (const Document& d : batch) {
      for (const std::string& k : d.keywords) {
        if (kind == UpdateKind::kAdd) {
          oracle_[k].insert(d.id);
        } else {
          oracle_[k].erase(d.id);
        }
      }
    }
  }
  void ExpectOracle(index::EncryptedIndex& idx, const std::vector<std::string>& keywords,
                    const std::string& when) {
    for (const std::string& k : keywords) {
      auto ids = idx.Search(k);
      ASSERT_TRUE(ids.ok()) << when << ": " << ids.error().ToString();
      const std::set<DocId>& want = oracle_[k];
      EXPECT_EQ(*ids, std::vector<DocId>(want.begin(), want.end())) << k << " " << when;
    }
  }

  ::sselab::testing::TempDir dir_;
  fs::path db_ = dir_ / "db";
  std::map<std::string, std::set<DocId>> oracle_;
  std::mt19937_64 rng_{1808};
};

TEST_F(OrionIndexTest, RandomInterleavingsMatchTheOracleAcrossReopens) {
  auto corpus = ::sselab::testing::MakeRandomCorpus({"o", 25, 8, 3}, 5);
  ASSERT_NO_FATAL_FAILURE(Create(corpus.docs));
  std::vector<std::string> vocabulary = corpus.vocabulary;
  vocabulary.push_back("late");
  // Ids from a small pool, so that additions hit present pairs and removals hit removed
  // and absent ones, and removed pairs come back.
  std::vector<DocId> pool;
  for (const Document& d : corpus.docs) pool.push_back(d.id);
  for (DocId i = 1; i <= 6; ++i) pool.push_back(i);
  auto idx = Open();
  ASSERT_NE(idx, nullptr);
  for (int step = 0; step < 40; ++step) {
    const uint64_t r = rng_() % 10;
    if (r < 6) {
      const UpdateKind kind = r < 3 ? UpdateKind::kAdd : UpdateKind::kRemove;
      std::vector<Document> batch(1 + rng_() % 2);
      for (Document& d : batch) {
        d.id = pool[rng_() % pool.size()];
        std::set<std::string> kws;
        for (uint64_t k = 1 + rng_() % 2; k > 0; --k) {
          kws.insert(vocabulary[rng_() % vocabulary.size()]);
        }
        d.keywords.assign(kws.begin(), kws.end());
      }
      Status s = idx->UpdateBatch(kind, batch);
      ASSERT_TRUE(s.ok()) << "step " << step << ": " << s.error().ToString();
      Apply(kind, batch);
    } else if (r < 9) {
      ASSERT_NO_FATAL_FAILURE(ExpectOracle(*idx, {vocabulary[rng_() % vocabulary.size()]},
                                           "step " + std::to_string(step)));
    } else {
      idx.reset();
      idx = Open();
      ASSERT_NE(idx, nullptr);
    }
  }
  idx.reset();
  idx = Open();
  ASSERT_NE(idx, nullptr);
  ASSERT_NO_FATAL_FAILURE(ExpectOracle(*idx, vocabulary, "at the end"));
}

// Every client-state write, then every server write, failing (and every later one of the
// same open): after a clean reopen nothing acknowledged is lost, the interrupted batch is
// either applied or not at all, and the trees still open (no kCorruption).
TEST_F(OrionIndexTest, FailureAtEveryWriteOfEitherParty) {
  ASSERT_NO_FATAL_FAILURE(Create({{1, {"a", "b"}}, {2, {"a"}}}));
  const std::vector<std::string> keywords = {"a", "b", "c"};
  for (bool fail_state : {true, false}) {
    uint64_t failures = 0;
    for (uint64_t n = 1;; ++n) {
      ASSERT_LT(n, 100u) << "an update that never completes";
      // Alternate additions and removals of pairs that are present.
      const bool add = n % 2 == 1;
      const DocId id = 100 + n / 2;
      const std::vector<Document> batch = {{id, {"a", "c"}}};
      index::OpenOptions o;
      index::StoreDecorator failing = [n](storage::Store& inner) {
        return std::make_unique<storage::FailingStore>(inner, n);
      };
      (fail_state ? o.decorate_state : o.decorate_store) = failing;
      bool applied = false;
      {
        auto idx = Open(o);
        if (idx != nullptr) {
          Status s = idx->UpdateBatch(add ? UpdateKind::kAdd : UpdateKind::kRemove, batch);
          applied = s.ok();
          if (!s.ok()) {
            EXPECT_EQ(s.error().code(), ErrorCode::kIoError) << s.error().ToString();
          }
        }
      }
      auto idx = Open();
      ASSERT_NE(idx, nullptr) << "reopen after fault " << n;
      if (!applied) {
        ++failures;
        // Completed by the reopen or never committed: either way a retry gives the result.
        Status s = idx->UpdateBatch(add ? UpdateKind::kAdd : UpdateKind::kRemove, batch);
        ASSERT_TRUE(s.ok()) << s.error().ToString();
      }
      Apply(add ? UpdateKind::kAdd : UpdateKind::kRemove, batch);
      ASSERT_NO_FATAL_FAILURE(ExpectOracle(*idx, keywords, "after fault " + std::to_string(n)));
      if (applied && n > 4) break;
    }
    EXPECT_GT(failures, 0u);
  }
}

// A single failure (not sticky) at each write of either party, and the same index goes
// on in the same process: the failed batch is retried, searches and further updates run
// on the client's in-memory maps, which must have been brought back to the durable state.
TEST_F(OrionIndexTest, ASingleFailureAndTheSameClientGoesOn) {
  ASSERT_NO_FATAL_FAILURE(Create({{1, {"a", "b"}}, {2, {"a"}}}));
  const std::vector<std::string> keywords = {"a", "b", "c"};
  for (bool fail_state : {true, false}) {
    uint64_t failures = 0;
    for (uint64_t n = 1; n <= 6; ++n) {
      index::OpenOptions o;
      index::StoreDecorator failing = [n](storage::Store& inner) {
        return std::make_unique<storage::FailingStore>(inner, n, storage::FailingStore::kMutations,
                                                       /*sticky=*/false);
      };
      (fail_state ? o.decorate_state : o.decorate_store) = failing;
      auto idx = Open(o);
      if (idx == nullptr) continue;  // the fault hit the open's own recovery
      for (int round = 0; round < 2; ++round) {
        const bool add = (n + static_cast<uint64_t>(round)) % 3 != 0;
        const std::vector<Document> batch = {{200 + n % 4, {"a", "c"}}, {1, {"b"}}};
        const UpdateKind kind = add ? UpdateKind::kAdd : UpdateKind::kRemove;
        Status s = idx->UpdateBatch(kind, batch);
        if (!s.ok()) {
          ++failures;
          EXPECT_EQ(s.error().code(), ErrorCode::kIoError) << s.error().ToString();
          s = idx->UpdateBatch(kind, batch);  // the same client, at once
          ASSERT_TRUE(s.ok()) << "retry after fault " << n << ": " << s.error().ToString();
        }
        Apply(kind, batch);
        for (const std::string& k : keywords) {
          auto ids = idx->Search(k);  // a search commits too: the fault may hit it
          if (!ids.ok()) {
            ++failures;
            EXPECT_EQ(ids.error().code(), ErrorCode::kIoError) << ids.error().ToString();
            ids = idx->Search(k);
          }
          ASSERT_TRUE(ids.ok()) << "fault " << n << ": " << ids.error().ToString();
          const std::set<DocId>& want = oracle_[k];
          EXPECT_EQ(*ids, std::vector<DocId>(want.begin(), want.end())) << k << " fault " << n;
        }
      }
      idx.reset();
      auto reopened = Open();
      ASSERT_NE(reopened, nullptr);
      ASSERT_NO_FATAL_FAILURE(
          ExpectOracle(*reopened, keywords, "reopened, fault " + std::to_string(n)));
    }
    EXPECT_GT(failures, 0u);
  }
}

// The measurements of papers/orion.md:
//   build-h/tests/orion_test --gtest_also_run_disabled_tests --gtest_filter='*Timings*'
TEST_F(OrionIndexTest, DISABLED_Timings) {
  constexpr uint64_t kBenchCapacity = uint64_t{1} << 16;
  // Two keywords with 10 and 100 documents, and filler to 4000 pairs.
  std::vector<Document> docs;
  for (DocId id = 1; id <= 4000; ++id) {
    Document d{id, {"filler" + std::to_string(id % 97)}};
    if (id <= 10) d.keywords.push_back("ten");
    if (id <= 100) d.keywords.push_back("hundred");
    docs.push_back(std::move(d));
  }
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  ASSERT_NO_FATAL_FAILURE(Create(docs, kBenchCapacity));
  const double build_s = std::chrono::duration<double>(Clock::now() - t0).count();
  auto idx = Open();
  ASSERT_NE(idx, nullptr);
  auto micros = [](Clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
  };
  constexpr int kUpdates = 50;
  auto t = Clock::now();
  for (int i = 0; i < kUpdates; ++i) {
    ASSERT_TRUE(idx->Insert("bench", 10000 + static_cast<DocId>(i)).ok());
  }
  const double add_us = micros(Clock::now() - t) / kUpdates;
  t = Clock::now();
  for (int i = 0; i < kUpdates; ++i) {
    ASSERT_TRUE(idx->Remove("bench", 10000 + static_cast<DocId>(i)).ok());
  }
  const double remove_us = micros(Clock::now() - t) / kUpdates;
  std::vector<Document> batch;
  for (DocId i = 0; i < 100; ++i) batch.push_back({20000 + i, {"batch"}});
  t = Clock::now();
  ASSERT_TRUE(idx->UpdateBatch(UpdateKind::kAdd, batch).ok());
  const double batch_us = micros(Clock::now() - t) / 100;
  double search_us[2];
  const char* words[2] = {"ten", "hundred"};
  for (int w = 0; w < 2; ++w) {
    constexpr int kSearches = 10;
    t = Clock::now();
    for (int i = 0; i < kSearches; ++i) {
      auto ids = idx->Search(words[w]);
      ASSERT_TRUE(ids.ok());
      ASSERT_EQ(ids->size(), w == 0 ? 10u : 100u);
    }
    search_us[w] = micros(Clock::now() - t) / kSearches;
  }
  std::printf(
      "orion capacity=2^16 (A = %d, %llu path reads per pair), RocksDB, %zu pairs built in "
      "%.2f s\n  add %.0f us/pair, remove %.0f us/pair (one pair per batch), "
      "%.0f us/pair in a batch of 100\n  search r=10: %.0f us, r=100: %.0f us\n",
      oram::MaxAvlHeight(kBenchCapacity),
      static_cast<unsigned long long>(OrionClient::AccessesPerUpdate(kBenchCapacity)),
      docs.size() + 110, build_s, add_us, remove_us, batch_us, search_us[0], search_us[1]);
}

// The same client and server over MemoryStores, to separate the scheme's cost from
// RocksDB's (papers/orion.md).
TEST(OrionMemoryTest, DISABLED_TimingsOnMemoryStores) {
  constexpr uint64_t kBenchCapacity = uint64_t{1} << 16;
  auto server_store = storage::NewMemoryStore();
  auto state = storage::NewMemoryStore();
  OrionServer server(*server_store);
  index::LocalChannel channel(server);
  auto client = OrionClient::Create(TestKey(), kBenchCapacity, *state, channel).value();
  std::vector<Document> docs;
  for (DocId id = 1; id <= 100; ++id) {
    docs.push_back({id, id <= 10 ? std::vector<std::string>{"ten", "hundred"}
                                 : std::vector<std::string>{"hundred"}});
  }
  index::VectorDocumentSource source(docs);
  ASSERT_TRUE(client->Build(source, {}).ok());
  using Clock = std::chrono::steady_clock;
  auto micros = [](Clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
  };
  auto t = Clock::now();
  for (DocId i = 0; i < 50; ++i) ASSERT_TRUE(client->Insert("bench", 1000 + i).ok());
  const double add_us = micros(Clock::now() - t) / 50;
  t = Clock::now();
  for (int i = 0; i < 10; ++i) ASSERT_EQ(client->Search("ten").value().size(), 10u);
  const double ten_us = micros(Clock::now() - t) / 10;
  t = Clock::now();
  for (int i = 0; i < 10; ++i) ASSERT_EQ(client->Search("hundred").value().size(), 100u);
  const double hundred_us = micros(Clock::now() - t) / 10;
  std::printf(
      "orion capacity=2^16 on MemoryStores: add %.0f us/pair, search r=10: %.0f us, "
      "r=100: %.0f us\n",
      add_us, ten_us, hundred_us);
}

}  // namespace
}  // namespace sselab::sse::orion
