// The crash rule of the schemes with client state, and the bad input of updates.
//
// A failure at every write of the client-state store and of the server's store during an
// update batch, then a clean reopen (which completes the interrupted batch) and a retry:
// every acknowledged pair is found, no answer is wrong, and no update token is ever put
// twice with different values (a counter that rolled back would do that).
#include <gtest/gtest.h>

#include <random>

#include "index/encrypted_index.h"
#include "schemes/builtin.h"
#include "storage/failing_store.h"
#include "storage/rocks_store.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"

namespace sselab {
namespace {

namespace fs = std::filesystem;
using index::Document;
using index::UpdateKind;

// A FailingStore that also records every put of a key already present with another value.
class OverwriteCheckingStore : public storage::FailingStore {
 public:
  OverwriteCheckingStore(storage::Store& inner, uint64_t fail_at, unsigned ops,
                         std::vector<std::string>& overwrites)
      : FailingStore(inner, fail_at, ops), inner_(inner), overwrites_(overwrites) {}

  Status Put(std::string_view table, ByteView key, ByteView value) override {
    Check(table, key, value);
    return FailingStore::Put(table, key, value);
  }
  Status Write(const storage::WriteBatch& batch) override {
    for (const auto& op : batch.ops()) {
      if (op.kind == storage::WriteBatch::Kind::kPut) Check(op.table, op.key, op.value);
    }
    return FailingStore::Write(batch);
  }

 private:
  void Check(std::string_view table, ByteView key, ByteView value) {
    if (table == "meta") return;
    auto old = inner_.Get(table, key);
    if (old.ok() && old->has_value() && **old != ToBytes(value)) {
      overwrites_.push_back(std::string(table) + " key " + HexEncode(key));
    }
  }

  storage::Store& inner_;
  std::vector<std::string>& overwrites_;
};

std::vector<std::string> StatefulSchemes() {
  std::vector<std::string> out;
  for (const auto* e : schemes::BuiltinRegistry().All()) {
    // Updates only: a static scheme with client state (OXT) has none to fault.
    if (e->info.client_state && e->info.capabilities.dynamic) out.push_back(e->info.name);
  }
  return out;
}

// Small, fast parameters: the fault loops reopen the index hundreds of times.
std::vector<std::string> FastParams(const std::string& scheme) {
  if (scheme == "sophos") return {"rsa_bits=1024"};
  return {};
}

// An oblivious scheme's server store is ORAM trees (Orion's two): every access rewrites
// the buckets of the paths it read, so a put over a stored key is the design, not a
// reused token. Its crash check is the oracle's (the maps stay consistent across faults
// and reopens).
bool RewritesByDesign(const std::string& scheme) {
  auto e = schemes::BuiltinRegistry().Find(scheme);
  return e.ok() && (*e)->info.capabilities.oblivious;
}

// The client-state table holding each scheme's per-keyword records.
std::string StateTable(const std::string& scheme) {
  return scheme == "orion" ? "orion" : "counters";
}

class UpdateFaultTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    corpus_ = testing::MakeRandomCorpus({"u", 20, 12, 4}, 3);
    index::VectorDocumentSource source(corpus_.docs);
    auto idx = index::EncryptedIndex::Create(
        schemes::BuiltinRegistry(),
        {.scheme = GetParam(), .params = FastParams(GetParam()), .dir = db_}, source);
    ASSERT_TRUE(idx.ok()) << idx.error().ToString();
  }

  // A batch of new documents over the corpus's vocabulary and two new keywords.
  std::vector<Document> NewBatch() {
    std::vector<Document> batch(3);
    for (Document& d : batch) {
      d.id = rng_();
      std::set<std::string> kws = {"fresh" + std::to_string(rng_() % 2)};
      for (int k = 0; k < 3; ++k)
        kws.insert(corpus_.vocabulary[rng_() % corpus_.vocabulary.size()]);
      d.keywords.assign(kws.begin(), kws.end());
    }
    return batch;
  }
  // Three pairs the index holds: one document each, with one keyword.
  std::vector<Document> NewRemoval() {
    std::vector<Document> batch;
    while (batch.size() < 3) {
      const std::string& k = corpus_.vocabulary[rng_() % corpus_.vocabulary.size()];
      const std::set<index::DocId>& ids = corpus_.postings[k];
      if (ids.empty()) continue;
      batch.push_back({*std::next(ids.begin(), static_cast<long>(rng_() % ids.size())), {k}});
    }
    return batch;
  }
  void Acknowledge(const std::vector<Document>& batch, UpdateKind kind = UpdateKind::kAdd) {
    for (const Document& d : batch) {
      for (const auto& k : d.keywords) {
        if (kind == UpdateKind::kAdd) {
          corpus_.postings[k].insert(d.id);
        } else {
          corpus_.postings[k].erase(d.id);
        }
      }
    }
  }

  index::OpenOptions Options(uint64_t fail_at, bool fail_state) {
    index::StoreDecorator checked = [this, fail_at, fail_state](storage::Store& inner) {
      return std::make_unique<OverwriteCheckingStore>(
          inner, fail_state ? UINT64_MAX : fail_at, storage::FailingStore::kMutations, overwrites_);
    };
    index::OpenOptions o{.dir = db_, .decorate_store = checked};
    if (fail_state) {
      o.decorate_state = [fail_at](storage::Store& inner) {
        return std::make_unique<storage::FailingStore>(inner, fail_at);
      };
    }
    return o;
  }

  void ExpectOracle(index::EncryptedIndex& idx, uint64_t n) {
    for (const std::string& k : {std::string("fresh0"), std::string("fresh1")}) {
      corpus_.vocabulary.push_back(k);
    }
    for (const std::string& k : corpus_.vocabulary) {
      auto ids = idx.Search(k);
      ASSERT_TRUE(ids.ok()) << ids.error().ToString();
      EXPECT_EQ(*ids, corpus_.Expected(k)) << k << " after fault " << n;
    }
    corpus_.vocabulary.resize(corpus_.vocabulary.size() - 2);
  }

  void RunFaults(bool fail_state, UpdateKind kind = UpdateKind::kAdd) {
    uint64_t n = 1;
    uint64_t failures = 0;
    for (;; ++n) {
      ASSERT_LT(n, 1000u) << "an update that never completes";
      const std::vector<Document> batch = kind == UpdateKind::kAdd ? NewBatch() : NewRemoval();
      bool applied = false;
      {
        auto idx = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), Options(n, fail_state));
        if (idx.ok()) {
          Status s = (*idx)->UpdateBatch(kind, batch);
          applied = s.ok();
          if (!s.ok()) {
            EXPECT_EQ(s.error().code(), ErrorCode::kIoError) << s.error().ToString();
          }
        }
      }
      if (applied) {
        Acknowledge(batch, kind);
        // A fault past the last write: the batch went through untouched.
        auto idx =
            index::EncryptedIndex::Open(schemes::BuiltinRegistry(), Options(UINT64_MAX, false));
        ASSERT_TRUE(idx.ok()) << idx.error().ToString();
        ExpectOracle(**idx, n);
        if (n > 6) break;
        continue;
      }
      ++failures;
      // Reopen cleanly (the interrupted batch is completed or was never committed). Another
      // batch first: had the counters rolled back behind what the server holds, its tokens
      // would be those of the interrupted batch, with other ids. Then retry the batch.
      auto idx =
          index::EncryptedIndex::Open(schemes::BuiltinRegistry(), Options(UINT64_MAX, false));
      ASSERT_TRUE(idx.ok()) << "reopen after fault " << n << ": " << idx.error().ToString();
      const std::vector<Document> other = NewBatch();
      ASSERT_TRUE((*idx)->UpdateBatch(UpdateKind::kAdd, other).ok());
      Acknowledge(other);
      Status retried = (*idx)->UpdateBatch(kind, batch);
      ASSERT_TRUE(retried.ok()) << retried.error().ToString();
      Acknowledge(batch, kind);
      ExpectOracle(**idx, n);
    }
    EXPECT_GT(failures, 0u);
    if (RewritesByDesign(GetParam())) return;
    EXPECT_TRUE(overwrites_.empty())
        << overwrites_.size() << " update tokens reused, first " << overwrites_.front();
  }

  testing::TempDir dir_;
  fs::path db_ = dir_ / "db";
  testing::OracleCorpus corpus_;
  std::mt19937_64 rng_{11};
  std::vector<std::string> overwrites_;
};

TEST_P(UpdateFaultTest, FailureAtEveryClientStateWrite) { RunFaults(/*fail_state=*/true); }
TEST_P(UpdateFaultTest, FailureAtEveryServerWrite) { RunFaults(/*fail_state=*/false); }
TEST_P(UpdateFaultTest, FailureAtEveryWriteOfARemoval) {
  auto idx = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = db_});
  ASSERT_TRUE(idx.ok()) << idx.error().ToString();
  if (!(*idx)->info().capabilities.deletions) GTEST_SKIP() << "the scheme only adds";
  idx->reset();
  RunFaults(/*fail_state=*/true, UpdateKind::kRemove);
  RunFaults(/*fail_state=*/false, UpdateKind::kRemove);
}

TEST_P(UpdateFaultTest, RemoveIsRefusedAndChangesNothing) {
  auto idx = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = db_});
  ASSERT_TRUE(idx.ok());
  if ((*idx)->info().capabilities.deletions) GTEST_SKIP() << "the scheme removes";
  index::VectorDocumentSource docs({corpus_.docs[0]});
  auto r = (*idx)->Update(UpdateKind::kRemove, docs);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kUnsupported);
  EXPECT_EQ((*idx)->meta().updates.batches, 0u);
  ExpectOracle(**idx, 0);
}

TEST_P(UpdateFaultTest, ClientStateOfAnotherIndexIsRefused) {
  const fs::path other = dir_ / "other";
  index::VectorDocumentSource source(corpus_.docs);
  ASSERT_TRUE(index::EncryptedIndex::Create(schemes::BuiltinRegistry(),
                                            {.scheme = GetParam(),
                                             .params = FastParams(GetParam()),
                                             .dir = other,
                                             .key_path = db_ / "client" / "key"},
                                            source)
                  .ok());
  // Same key, same corpus: only the owner record tells the two states apart.
  fs::remove_all(db_ / "client" / "state");
  fs::copy(other / "client" / "state", db_ / "client" / "state", fs::copy_options::recursive);
  auto idx = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = db_});
  ASSERT_FALSE(idx.ok());
  EXPECT_EQ(idx.error().code(), ErrorCode::kCorruption);
  EXPECT_NE(idx.error().message().find("belongs to another index"), std::string::npos)
      << idx.error().message();
}

TEST_P(UpdateFaultTest, CorruptOrMissingClientStateIsAClearError) {
  {
    // A counter (or an ORAM state) that does not decode.
    auto state = storage::OpenRocksStore(db_ / "client" / "state");
    ASSERT_TRUE(state.ok());
    std::vector<std::pair<Bytes, Bytes>> keys;
    const std::string table = StateTable(GetParam());
    ASSERT_TRUE((*state)
                    ->Scan(table, {},
                           [&](ByteView k, ByteView) {
                             keys.emplace_back(ToBytes(k), Bytes(12, 0xff));
                             return true;
                           })
                    .ok());
    ASSERT_FALSE(keys.empty());
    for (const auto& [k, v] : keys) ASSERT_TRUE((*state)->Put(table, k, v).ok());
  }
  {
    // Refused when the index opens (a scheme loading its whole state) or at the search.
    auto idx = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = db_});
    if (idx.ok()) {
      auto r = (*idx)->Search(corpus_.vocabulary[0]);
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code(), ErrorCode::kCorruption);
    } else {
      EXPECT_EQ(idx.error().code(), ErrorCode::kCorruption) << idx.error().ToString();
    }
  }
  // Damaged files: every file of the state store overwritten with garbage.
  for (const auto& e : fs::directory_iterator(db_ / "client" / "state")) {
    if (!e.is_regular_file() || e.path().filename() == "LOCK") continue;
    std::FILE* f = std::fopen(e.path().c_str(), "r+b");
    ASSERT_NE(f, nullptr);
    std::fputs("garbage garbage garbage garbage", f);
    std::fclose(f);
  }
  auto idx = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = db_});
  ASSERT_FALSE(idx.ok());
  EXPECT_EQ(idx.error().code(), ErrorCode::kCorruption) << idx.error().ToString();
  EXPECT_NE(idx.error().message().find("state"), std::string::npos) << idx.error().message();
  // Missing altogether.
  fs::remove_all(db_ / "client" / "state");
  auto missing = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = db_});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::kCorruption);
}

INSTANTIATE_TEST_SUITE_P(StatefulSchemes, UpdateFaultTest, ::testing::ValuesIn(StatefulSchemes()));

TEST(UpdateInputTest, AddingToAStaticIndexIsRefusedAndChangesNothing) {
  testing::TempDir dir;
  auto corpus = testing::MakeRandomCorpus({"s", 10, 8, 3}, 1);
  index::VectorDocumentSource source(corpus.docs);
  auto idx = index::EncryptedIndex::Create(schemes::BuiltinRegistry(),
                                           {.scheme = "pibas", .dir = dir / "db"}, source);
  ASSERT_TRUE(idx.ok());
  index::VectorDocumentSource more(corpus.docs);
  auto r = (*idx)->Update(UpdateKind::kAdd, more);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kUnsupported);
  EXPECT_NE(r.error().message().find("static"), std::string::npos);
  for (const auto& k : corpus.vocabulary) EXPECT_EQ(*(*idx)->Search(k), corpus.Expected(k));
}

}  // namespace
}  // namespace sselab
