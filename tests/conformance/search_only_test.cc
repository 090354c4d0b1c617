// Several processes on one index: EncryptedIndex opened for searching only
// (OpenOptions::search_only) takes no lock, so any number of such objects search while
// one writable object updates; each sees the updates completed before it opened, and
// refuses updates itself. RocksDB's lock is per process as much as per file, so objects
// in one process stand for the processes here; tests/integration checks `sselab search`
// beside another process. Orion's searches write: it opens as usual, one at a time.
#include <gtest/gtest.h>

#include "index/encrypted_index.h"
#include "schemes/builtin.h"
#include "schemes/variants.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/variant_name.h"

namespace sselab {
namespace {

using index::EncryptedIndex;
using schemes::Variant;

class SearchOnlyTest : public ::testing::TestWithParam<Variant> {
 protected:
  Result<std::unique_ptr<EncryptedIndex>> OpenForSearch() {
    return EncryptedIndex::Open(schemes::BuiltinRegistry(),
                                {.dir = dir_ / "db", .search_only = true});
  }
  static void ExpectAnswers(EncryptedIndex& idx, const testing::OracleCorpus& oracle,
                            const std::string& who) {
    for (const std::string& k : oracle.vocabulary) {
      auto ids = idx.Search(k);
      ASSERT_TRUE(ids.ok()) << who << ": " << ids.error().ToString();
      EXPECT_EQ(*ids, oracle.Expected(k)) << who << ", keyword " << k;
    }
  }
  testing::TempDir dir_;
};

TEST_P(SearchOnlyTest, ReadersSearchBesideOneWriter) {
  const Variant& v = GetParam();
  const auto& entry = **schemes::BuiltinRegistry().Find(v.scheme);
  // A search linear in the index (PEKS: a pairing per ciphertext) gets a tiny corpus.
  const bool linear = entry.info.capabilities.linear_search;
  testing::OracleCorpus oracle = testing::MakeRandomCorpus(
      linear ? testing::CorpusShape{"d", 3, 4, 2} : testing::CorpusShape{"d", 8, 10, 3}, 5);
  index::VectorDocumentSource source(oracle.docs);
  auto writer =
      EncryptedIndex::Create(schemes::BuiltinRegistry(),
                             {.scheme = v.scheme, .params = v.params, .dir = dir_ / "db"}, source);
  ASSERT_TRUE(writer.ok()) << writer.error().ToString();

  if (entry.info.search_writes) {
    // Not read-only: it needs the lock the writer holds, and says so.
    auto reader = OpenForSearch();
    ASSERT_FALSE(reader.ok());
    EXPECT_NE(reader.error().message().find("locked"), std::string::npos)
        << reader.error().ToString();
    writer->reset();
    reader = OpenForSearch();
    ASSERT_TRUE(reader.ok()) << reader.error().ToString();
    EXPECT_FALSE((*reader)->read_only());
    ExpectAnswers(**reader, oracle, "the only object");
    return;
  }
  auto first = OpenForSearch();
  auto second = OpenForSearch();
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  ASSERT_TRUE(second.ok()) << second.error().ToString();
  EXPECT_TRUE((*first)->read_only());
  ExpectAnswers(**first, oracle, "first reader");
  ExpectAnswers(**second, oracle, "second reader");
  if (!entry.info.capabilities.dynamic) return;

  // The writer adds; the readers refuse to; a reader opened after the add sees it.
  testing::OracleCorpus more = testing::MakeRandomCorpus(
      linear ? testing::CorpusShape{"u", 2, 4, 2} : testing::CorpusShape{"u", 4, 10, 3}, 6);
  std::vector<index::Document> added;
  for (auto doc : more.docs) {
    doc.id += 1000;
    for (const auto& k : doc.keywords) oracle.postings[k].insert(doc.id);
    added.push_back(doc);
  }
  ASSERT_TRUE((*writer)->UpdateBatch(index::UpdateKind::kAdd, added).ok());
  Status refused = (*first)->UpdateBatch(index::UpdateKind::kAdd, added);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().message().find("searching only"), std::string::npos);
  if (entry.info.capabilities.deletions) {
    EXPECT_FALSE((*second)->Remove(oracle.vocabulary[0], oracle.docs[0].id).ok());
  }
  auto later = OpenForSearch();
  ASSERT_TRUE(later.ok()) << later.error().ToString();
  oracle.vocabulary.insert(oracle.vocabulary.end(), more.vocabulary.begin(), more.vocabulary.end());
  ExpectAnswers(**later, oracle, "a reader opened after the add");
}

INSTANTIATE_TEST_SUITE_P(AllSchemes, SearchOnlyTest,
                         ::testing::ValuesIn(schemes::AllVariants(schemes::BuiltinRegistry())),
                         [](const auto& param_info) {
                           return testing::VariantTestName(param_info.param);
                         });

}  // namespace
}  // namespace sselab
