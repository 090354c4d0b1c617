// Every registered scheme, in each of its modes, against a plaintext oracle; and a
// representative subset with the server's store on the Redis Cluster scripts/test.sh starts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <random>

#include "index/encrypted_index.h"
#include "schemes/builtin.h"
#include "schemes/variants.h"
#include "storage/redis/test_cluster.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/variant_name.h"

namespace sselab {
namespace {

using index::DocId;
using testing::CorpusShape;
using testing::MakeRandomCorpus;
using testing::OracleCorpus;

using schemes::Variant;

}  // namespace
}  // namespace sselab

namespace sselab::schemes {
void PrintTo(const Variant& v, std::ostream* os) { *os << v.Label(); }
}  // namespace sselab::schemes

namespace sselab {
namespace {

// One variant per scheme and per value of each choice parameter, so every mode is run,
// plus the blind index at a length where most keywords share a bucket.
std::vector<Variant> AllVariants() {
  std::vector<Variant> out = schemes::AllVariants(schemes::BuiltinRegistry());
  out.push_back({"blind", {"bits=2"}});
  out.push_back({"blind", {"bits=3", "pad=bucket:5"}});
  return out;
}

const std::vector<CorpusShape>& Shapes() {
  static const std::vector<CorpusShape> shapes = {
      {"single_document", 1, 5, 4},
      {"small", 40, 30, 8},
      {"skewed", 400, 200, 20},
  };
  return shapes;
}

// Schemes whose search costs a pairing per stored entry (capabilities.linear_search) run
// each shape scaled down, so the suite stays fast; the shape's character is kept.
CorpusShape ForLinearSearch(const CorpusShape& s) {
  return {s.name, std::min<size_t>(s.docs, s.docs > 100 ? 10 : 6),
          std::min<size_t>(s.vocabulary, s.docs > 100 ? 6 : 4),
          std::min<size_t>(s.max_keywords_per_doc, s.docs > 100 ? 4 : 2)};
}

// Schemes whose every operation is a schedule of ORAM path reads (capabilities.oblivious)
// run the larger shapes at a quarter of their documents and vocabulary, and at an eighth
// on the cluster, where each path read is a round trip per bucket.
CorpusShape ForOblivious(const CorpusShape& s, bool on_cluster) {
  const size_t by = on_cluster ? 8 : 4;
  return {s.name, s.docs > 100 ? s.docs / by : s.docs,
          s.vocabulary > 100 ? s.vocabulary / by : s.vocabulary, s.max_keywords_per_doc};
}

bool IsLinear(const std::string& scheme) {
  auto e = schemes::BuiltinRegistry().Find(scheme);
  return e.ok() && (*e)->info.capabilities.linear_search;
}

bool IsOblivious(const std::string& scheme) {
  auto e = schemes::BuiltinRegistry().Find(scheme);
  return e.ok() && (*e)->info.capabilities.oblivious;
}

// Where a test's index keeps its server store.
enum class StoreKind { kRocks, kRedisCluster };

// One scheme of each family, on the Redis Cluster: the static schemes' point lookups and
// bulk loads, the blind index's prefix scans, the dynamic schemes' update batches, ORAM's
// path rewrites and OXT's two tables.
std::vector<Variant> ClusterVariants() {
  return {{"pibas", {}}, {"pipack", {}},    {"twolev", {}}, {"blind", {"bits=3"}},  {"sophos", {}},
          {"mitra", {}}, {"diana-del", {}}, {"orion", {}},  {"oxt", {"xset=table"}}};
}

class ConformanceTest
    : public ::testing::TestWithParam<std::tuple<Variant, CorpusShape, StoreKind>> {
 protected:
  void SetUp() override {
    if (on_cluster() && !storage::redis::TestClusterDir().has_value()) {
      GTEST_SKIP() << storage::redis::kNoTestCluster;
    }
  }
  void TearDown() override {
    // The index's namespace on the cluster goes with the test.
    if (!on_cluster() || !storage::redis::TestClusterDir().has_value()) return;
    auto config = index::ReadServerStoreConfig(dir_ / "db");
    if (config.ok() && config->has_value()) {
      const Status dropped = storage::DropRedisClusterStore(**config);
      EXPECT_TRUE(dropped.ok()) << dropped.error().ToString();
    }
  }

  bool on_cluster() const { return std::get<2>(GetParam()) == StoreKind::kRedisCluster; }
  const Variant& variant() const { return std::get<0>(GetParam()); }
  CorpusShape shape() const {
    const CorpusShape& s = std::get<1>(GetParam());
    if (IsLinear(variant().scheme)) return ForLinearSearch(s);
    return IsOblivious(variant().scheme) ? ForOblivious(s, on_cluster()) : s;
  }

  std::unique_ptr<index::EncryptedIndex> Build(const OracleCorpus& corpus) {
    index::VectorDocumentSource source(corpus.docs);
    index::ServerStoreConfig store;
    if (on_cluster()) {
      store = {.uri = storage::redis::TestClusterUri(),
               .tls = storage::redis::TestClusterTls(),
               .buckets = 8};
    }
    auto idx = index::EncryptedIndex::Create(schemes::BuiltinRegistry(),
                                             {.scheme = variant().scheme,
                                              .params = variant().params,
                                              .dir = dir_ / "db",
                                              .store = store},
                                             source);
    EXPECT_TRUE(idx.ok()) << idx.error().ToString();
    return idx.ok() ? std::move(idx).value() : nullptr;
  }

  std::unique_ptr<index::EncryptedIndex> Reopen() {
    auto idx = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = dir_ / "db"});
    EXPECT_TRUE(idx.ok()) << idx.error().ToString();
    return idx.ok() ? std::move(idx).value() : nullptr;
  }

  // The ids in every one of `terms`, by the oracle.
  static std::vector<DocId> ExpectedAll(const OracleCorpus& corpus,
                                        const std::vector<std::string>& terms) {
    std::vector<DocId> out = corpus.Expected(terms[0]);
    for (size_t i = 1; i < terms.size(); ++i) {
      std::vector<DocId> ids = corpus.Expected(terms[i]), both;
      std::set_intersection(out.begin(), out.end(), ids.begin(), ids.end(),
                            std::back_inserter(both));
      out = std::move(both);
    }
    return out;
  }

  static void ExpectMatchesOracle(index::EncryptedIndex& idx, const OracleCorpus& corpus) {
    for (const std::string& k : corpus.vocabulary) {
      auto ids = idx.Search(k);
      ASSERT_TRUE(ids.ok()) << ids.error().ToString();
      EXPECT_EQ(*ids, corpus.Expected(k)) << "keyword " << k.substr(0, 40);
    }
    for (const char* absent : {"absent", "kw", "everywhere ", "EVERYWHERE"}) {
      auto ids = idx.Search(absent);
      ASSERT_TRUE(ids.ok()) << ids.error().ToString();
      EXPECT_EQ(*ids, corpus.Expected(absent)) << "keyword " << absent;
    }
    const std::vector<std::string>& v = corpus.vocabulary;
    for (const std::vector<std::string>& terms : std::vector<std::vector<std::string>>{
             {v[0], v[1 % v.size()]}, {v[2 % v.size()], "everywhere", v[0]}}) {
      auto ids = idx.Search(index::Query::Of(terms).value());
      ASSERT_TRUE(ids.ok()) << ids.error().ToString();
      EXPECT_EQ(*ids, ExpectedAll(corpus, terms)) << "conjunction of " << terms.size();
    }
  }

  testing::TempDir dir_;
};

TEST_P(ConformanceTest, SearchMatchesOracle) {
  OracleCorpus corpus = MakeRandomCorpus(shape(), 42);
  auto idx = Build(corpus);
  ASSERT_NE(idx, nullptr);
  EXPECT_EQ(idx->meta().stats.documents, corpus.docs.size());
  ExpectMatchesOracle(*idx, corpus);
}

TEST_P(ConformanceTest, ReopenFromDiskInAFreshObject) {
  OracleCorpus corpus = MakeRandomCorpus(shape(), 7);
  ASSERT_NE(Build(corpus), nullptr);  // built, then closed
  auto idx = Reopen();
  ASSERT_NE(idx, nullptr);
  ExpectMatchesOracle(*idx, corpus);
}

// Conjunctions of 1 to 4 terms: random ones, with an absent term, with a term in every
// document, with a repeated term; through the text form too.
TEST_P(ConformanceTest, ConjunctionsMatchOracle) {
  OracleCorpus corpus = MakeRandomCorpus(shape(), 23);
  auto idx = Build(corpus);
  ASSERT_NE(idx, nullptr);
  const std::vector<std::string>& vocab = corpus.vocabulary;
  std::vector<std::vector<std::string>> queries = {
      {vocab[0], "everywhere"},
      {"everywhere", vocab[0], vocab[1 % vocab.size()]},
      {vocab[0], "absent"},
      {"absent", "everywhere", vocab[0], vocab[1 % vocab.size()]},
      {vocab[0], vocab[0], "everywhere"},
      {"naïve café", std::string(1, '\x01')},
  };
  std::mt19937_64 rng(9);
  const int random_queries = IsLinear(variant().scheme) ? 2 : 10;
  for (int i = 0; i < random_queries; ++i) {
    std::vector<std::string> terms;
    const size_t n = 1 + rng() % 4;
    // Skewed towards frequent keywords, so that some conjunctions match something.
    for (size_t t = 0; t < n; ++t) terms.push_back(vocab[std::min(rng(), rng()) % vocab.size()]);
    queries.push_back(std::move(terms));
  }
  for (const std::vector<std::string>& terms : queries) {
    auto query = index::Query::Of(terms);
    ASSERT_TRUE(query.ok()) << query.error().ToString();
    auto ids = idx->Search(*query);
    ASSERT_TRUE(ids.ok()) << query->ToString() << ": " << ids.error().ToString();
    EXPECT_EQ(*ids, ExpectedAll(corpus, terms)) << query->ToString().substr(0, 80);
    auto parsed = index::Query::Parse(query->ToString());
    ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
    EXPECT_EQ(idx->Search(*parsed).value(), *ids);
  }
  // A hand-built query is checked as Query::Of checks it.
  EXPECT_EQ(idx->Search(index::Query{}).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(idx->Search(index::Query{{vocab[0], ""}}).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(idx->Search(index::Query{{vocab[0], vocab[0]}}).value(), corpus.Expected(vocab[0]));
}

TEST_P(ConformanceTest, EmptyAndOverlongKeywordsAreRejected) {
  OracleCorpus corpus = MakeRandomCorpus(shape(), 3);
  auto idx = Build(corpus);
  ASSERT_NE(idx, nullptr);
  EXPECT_EQ(idx->Search("").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(idx->Search(std::string(index::kMaxKeywordBytes + 1, 'x')).error().code(),
            ErrorCode::kInvalidArgument);
}

TEST_P(ConformanceTest, UpdatesMatchOracleOrAreUnsupported) {
  OracleCorpus corpus = MakeRandomCorpus(shape(), 11);
  auto idx = Build(corpus);
  ASSERT_NE(idx, nullptr);
  const index::Capabilities& caps = idx->info().capabilities;
  if (!caps.dynamic) {
    EXPECT_EQ(idx->Insert("kw0", 1).error().code(), ErrorCode::kUnsupported);
    return;
  }
  std::mt19937_64 rng(5);
  const int updates = IsLinear(variant().scheme) ? 12 : IsOblivious(variant().scheme) ? 50 : 200;
  for (int i = 0; i < updates; ++i) {
    const std::string& k = corpus.vocabulary[rng() % corpus.vocabulary.size()];
    DocId id = corpus.docs[rng() % corpus.docs.size()].id ^ (rng() % 2);
    if (caps.deletions && rng() % 3 == 0) {
      ASSERT_TRUE(idx->Remove(k, id).ok());
      corpus.postings[k].erase(id);
    } else {
      ASSERT_TRUE(idx->Insert(k, id).ok());
      corpus.postings[k].insert(id);
    }
  }
  ExpectMatchesOracle(*idx, corpus);
  idx.reset();
  auto reopened = Reopen();
  ASSERT_NE(reopened, nullptr);
  ExpectMatchesOracle(*reopened, corpus);
}

INSTANTIATE_TEST_SUITE_P(AllSchemes, ConformanceTest,
                         ::testing::Combine(::testing::ValuesIn(AllVariants()),
                                            ::testing::ValuesIn(Shapes()),
                                            ::testing::Values(StoreKind::kRocks)),
                         [](const auto& test) {
                           return testing::VariantTestName(std::get<0>(test.param)) + "_" +
                                  std::get<1>(test.param).name;
                         });

INSTANTIATE_TEST_SUITE_P(OnRedisCluster, ConformanceTest,
                         ::testing::Combine(::testing::ValuesIn(ClusterVariants()),
                                            ::testing::Values(Shapes()[2]),
                                            ::testing::Values(StoreKind::kRedisCluster)),
                         [](const auto& test) {
                           return testing::VariantTestName(std::get<0>(test.param)) + "_" +
                                  std::get<1>(test.param).name;
                         });

}  // namespace
}  // namespace sselab
