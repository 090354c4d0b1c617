// Orion end to end through EncryptedIndex: random interleavings against an oracle across
// reopens, faults at every write of either party. (Its costs: bench/backward_cost_bench.cc.)
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace sselab::sse::orion
