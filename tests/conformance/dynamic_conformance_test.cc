// Every dynamic scheme, in each of its modes, under random interleavings of update
// batches (adds, and removes where the scheme has them), searches and reopenings from
// disk, against a plaintext oracle.
#include <gtest/gtest.h>

#include <random>

#include "index/encrypted_index.h"
#include "schemes/builtin.h"
#include "schemes/variants.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/variant_name.h"

namespace sselab {
namespace {

using index::DocId;
using index::Document;
using index::UpdateKind;
using schemes::Variant;

std::vector<Variant> DynamicVariants() {
  std::vector<Variant> out;
  for (const Variant& v : schemes::AllVariants(schemes::BuiltinRegistry())) {
    auto e = schemes::BuiltinRegistry().Find(v.scheme);
    if (e.ok() && (*e)->info.capabilities.dynamic) out.push_back(v);
  }
  return out;
}

}  // namespace
}  // namespace sselab

namespace sselab::schemes {
void PrintTo(const Variant& v, std::ostream* os);  // conformance_test.cc
}  // namespace sselab::schemes

namespace sselab {
namespace {

class DynamicConformanceTest : public ::testing::TestWithParam<Variant> {
 protected:
  const index::SchemeEntry& entry() const {
    return **schemes::BuiltinRegistry().Find(GetParam().scheme);
  }
  bool linear() const { return entry().info.capabilities.linear_search; }

  std::unique_ptr<index::EncryptedIndex> Open() {
    auto idx = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = dir_ / "db"});
    EXPECT_TRUE(idx.ok()) << idx.error().ToString();
    return idx.ok() ? std::move(idx).value() : nullptr;
  }

  void Check(index::EncryptedIndex& idx, const std::string& keyword, int step) {
    auto ids = idx.Search(keyword);
    ASSERT_TRUE(ids.ok()) << ids.error().ToString();
    EXPECT_EQ(*ids, corpus_.Expected(keyword)) << "keyword " << keyword << " at step " << step;
  }

  testing::TempDir dir_;
  testing::OracleCorpus corpus_;
};

TEST_P(DynamicConformanceTest, RandomInterleavingsMatchTheOracle) {
  corpus_ = testing::MakeRandomCorpus(
      linear() ? testing::CorpusShape{"d", 6, 5, 3} : testing::CorpusShape{"d", 60, 40, 8}, 99);
  // Keywords that appear only in updates, never in the build.
  for (int i = 0; i < 5; ++i) corpus_.vocabulary.push_back("late" + std::to_string(i));
  {
    index::VectorDocumentSource source(corpus_.docs);
    auto built = index::EncryptedIndex::Create(
        schemes::BuiltinRegistry(),
        {.scheme = GetParam().scheme, .params = GetParam().params, .dir = dir_ / "db"}, source);
    ASSERT_TRUE(built.ok()) << built.error().ToString();
  }
  const bool deletions = entry().info.capabilities.deletions;
  std::mt19937_64 rng(17);
  auto idx = Open();
  ASSERT_NE(idx, nullptr);
  // The client state's live records: what the scheme keeps (none without client state).
  if (entry().info.client_state) {
    EXPECT_GT(idx->Sizes().state_live_bytes, 0u);
  } else {
    EXPECT_EQ(idx->Sizes().state_live_bytes, 0u);
  }
  const int steps = linear() ? 12 : 60;
  for (int step = 0; step < steps; ++step) {
    const uint64_t r = rng() % 10;
    if (r < 5) {  // a batch of documents: new ids, or ids already indexed (present pairs)
      std::vector<Document> batch(1 + rng() % (linear() ? 2 : 6));
      for (Document& d : batch) {
        d.id = rng() % 2 ? rng() : corpus_.docs[rng() % corpus_.docs.size()].id;
        std::set<std::string> kws;
        for (size_t k = 1 + rng() % (linear() ? 2 : 6); k > 0; --k) {
          kws.insert(corpus_.vocabulary[rng() % corpus_.vocabulary.size()]);
        }
        d.keywords.assign(kws.begin(), kws.end());
      }
      ASSERT_TRUE(idx->UpdateBatch(UpdateKind::kAdd, batch).ok()) << "step " << step;
      for (const Document& d : batch) {
        for (const auto& k : d.keywords) corpus_.postings[k].insert(d.id);
      }
    } else if (r < 7 && deletions) {  // remove present and absent pairs
      std::vector<Document> batch(1 + rng() % 3);
      for (Document& d : batch) {
        const std::string& k = corpus_.vocabulary[rng() % corpus_.vocabulary.size()];
        const auto& present = corpus_.postings[k];
        d.id = present.empty() || rng() % 3 == 0
                   ? rng()
                   : *std::next(present.begin(), static_cast<long>(rng() % present.size()));
        d.keywords = {k};
      }
      ASSERT_TRUE(idx->UpdateBatch(UpdateKind::kRemove, batch).ok()) << "step " << step;
      for (const Document& d : batch) corpus_.postings[d.keywords[0]].erase(d.id);
    } else if (r < 9) {
      Check(*idx, corpus_.vocabulary[rng() % corpus_.vocabulary.size()], step);
    } else {
      idx.reset();
      idx = Open();
      ASSERT_NE(idx, nullptr);
    }
  }
  for (const std::string& k : corpus_.vocabulary) Check(*idx, k, steps);
  idx.reset();
  idx = Open();
  ASSERT_NE(idx, nullptr);
  for (const std::string& k : corpus_.vocabulary) Check(*idx, k, steps + 1);
}

TEST_P(DynamicConformanceTest, UpdateStreamsACorpusInBatchesAndCountsThem) {
  corpus_ = testing::MakeRandomCorpus(
      linear() ? testing::CorpusShape{"d", 4, 4, 2} : testing::CorpusShape{"d", 30, 20, 6}, 5);
  const size_t half = corpus_.docs.size() / 2;
  std::vector<Document> first(corpus_.docs.begin(), corpus_.docs.begin() + half);
  std::vector<Document> second(corpus_.docs.begin() + half, corpus_.docs.end());
  index::VectorDocumentSource source(first);
  auto idx = index::EncryptedIndex::Create(
      schemes::BuiltinRegistry(),
      {.scheme = GetParam().scheme, .params = GetParam().params, .dir = dir_ / "db"}, source);
  ASSERT_TRUE(idx.ok()) << idx.error().ToString();
  uint64_t pairs = 0;
  for (const Document& d : second) pairs += d.keywords.size();
  index::VectorDocumentSource rest(second);
  std::vector<uint64_t> progress;
  auto stats = (*idx)->Update(
      UpdateKind::kAdd, rest,
      {.batch_pairs = 2, .progress = [&](std::string_view, uint64_t n) { progress.push_back(n); }});
  ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  EXPECT_EQ(stats->documents, second.size());
  EXPECT_EQ(stats->pairs, pairs);
  EXPECT_GT(stats->batches, 1u);
  EXPECT_EQ(progress.size(), stats->batches);
  EXPECT_EQ((*idx)->meta().updates.added_pairs, pairs);
  idx->reset();
  auto reopened = Open();
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->meta().updates.batches, stats->batches);
  for (const std::string& k : corpus_.vocabulary) Check(*reopened, k, 0);
}

// The deletion cases a random interleaving may miss: removing a pair twice, removing an
// absent pair, adding a removed pair back and removing it again, each across a reopen.
TEST_P(DynamicConformanceTest, RemovedPairsStayRemovedAndComeBackWhenReAdded) {
  if (!entry().info.capabilities.deletions) GTEST_SKIP() << "the scheme only adds";
  corpus_ = testing::MakeRandomCorpus({"r", 8, 6, 3}, 7);
  {
    index::VectorDocumentSource source(corpus_.docs);
    auto built = index::EncryptedIndex::Create(
        schemes::BuiltinRegistry(),
        {.scheme = GetParam().scheme, .params = GetParam().params, .dir = dir_ / "db"}, source);
    ASSERT_TRUE(built.ok()) << built.error().ToString();
  }
  std::string k;
  for (const std::string& w : corpus_.vocabulary) {
    if (corpus_.postings[w].size() >= 2) k = w;
  }
  ASSERT_FALSE(k.empty());
  const DocId x = *corpus_.postings[k].begin();
  const DocId absent = 0xabcdef12345ULL;
  auto idx = Open();
  ASSERT_NE(idx, nullptr);
  auto apply = [&](UpdateKind kind, DocId id, int step) {
    const std::vector<Document> batch = {{id, {k}}};
    ASSERT_TRUE(idx->UpdateBatch(kind, batch).ok()) << "step " << step;
    if (kind == UpdateKind::kAdd) {
      corpus_.postings[k].insert(id);
    } else {
      corpus_.postings[k].erase(id);
    }
    Check(*idx, k, step);
    idx.reset();
    idx = Open();
    ASSERT_NE(idx, nullptr);
    Check(*idx, k, step);
  };
  apply(UpdateKind::kRemove, x, 1);
  apply(UpdateKind::kRemove, x, 2);       // twice
  apply(UpdateKind::kRemove, absent, 3);  // never there
  apply(UpdateKind::kAdd, x, 4);          // back
  apply(UpdateKind::kAdd, x, 5);          // present already
  apply(UpdateKind::kRemove, x, 6);       // one removal cancels both additions
  apply(UpdateKind::kAdd, absent, 7);
  for (const std::string& w : corpus_.vocabulary) Check(*idx, w, 8);
}

INSTANTIATE_TEST_SUITE_P(DynamicSchemes, DynamicConformanceTest,
                         ::testing::ValuesIn(DynamicVariants()),
                         [](const auto& test) { return testing::VariantTestName(test.param); });

}  // namespace
}  // namespace sselab
