// A build that fails at any store operation leaves nothing that opens as an index, and
// a key file it created is removed again.
#include <gtest/gtest.h>

#include "index/encrypted_index.h"
#include "schemes/builtin.h"
#include "storage/failing_store.h"
#include "storage/recording_store.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"

namespace sselab {
namespace {

namespace fs = std::filesystem;

class BuildFaultTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BuildFaultTest, FailureAtEveryMutationLeavesNoIndex) {
  testing::TempDir dir;
  auto corpus = testing::MakeRandomCorpus({"f", 30, 20, 5}, 5);
  auto entry = schemes::BuiltinRegistry().Find(GetParam());
  ASSERT_TRUE(entry.ok());
  // Fail the 1st, 2nd, ... mutation until the build gets through without reaching it.
  uint64_t n = 1;
  for (;; ++n) {
    ASSERT_LT(n, 10000u) << "a build that never completes";
    fs::path db = dir / ("db" + std::to_string(n));
    fs::path key = dir / ("key" + std::to_string(n));
    index::VectorDocumentSource src(corpus.docs);
    auto failed = index::EncryptedIndex::Create(
        schemes::BuiltinRegistry(),
        {.scheme = GetParam(),
         .dir = db,
         .key_path = (*entry)->info.needs_key ? key : fs::path(),
         .decorate_store =
             [n](storage::Store& inner) {
               return std::make_unique<storage::FailingStore>(inner, n);
             }},
        src);
    if (failed.ok()) break;
    EXPECT_EQ(failed.error().code(), ErrorCode::kIoError);
    EXPECT_FALSE(fs::exists(db)) << "mutation " << n;
    EXPECT_FALSE(fs::exists(key)) << "mutation " << n;
    EXPECT_FALSE(index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = db}).ok());
  }
  EXPECT_GT(n, 2u);  // the build did fail at some mutations
  // Nothing but the one successful index is left: no staging directories, no keys.
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, (*entry)->info.needs_key ? 2u : 1u);
}

TEST(RecordingDecoratorTest, SearchAccessesAreVisible) {
  testing::TempDir dir;
  auto corpus = testing::MakeRandomCorpus({"r", 20, 10, 4}, 8);
  index::VectorDocumentSource src(corpus.docs);
  ASSERT_TRUE(index::EncryptedIndex::Create(schemes::BuiltinRegistry(),
                                            {.scheme = "pibas", .dir = dir / "db"}, src)
                  .ok());
  storage::RecordingStore* rec = nullptr;
  auto idx = index::EncryptedIndex::Open(
      schemes::BuiltinRegistry(),
      {.dir = dir / "db", .decorate_store = [&rec](storage::Store& inner) {
         auto s = std::make_unique<storage::RecordingStore>(inner);
         rec = s.get();
         return s;
       }});
  ASSERT_TRUE(idx.ok()) << idx.error().ToString();
  rec->TakeAccesses();
  auto ids = (*idx)->Search("everywhere");
  ASSERT_TRUE(ids.ok());
  size_t found = 0;
  for (const auto& a : rec->Accesses()) {
    const bool read =
        a.op == storage::StoreAccess::Op::kGet || a.op == storage::StoreAccess::Op::kMultiGet;
    if (read && a.table == "pibas" && a.found) ++found;
  }
  EXPECT_EQ(found, corpus.docs.size());  // one stored entry read per result
}

INSTANTIATE_TEST_SUITE_P(AllSchemes, BuildFaultTest,
                         ::testing::ValuesIn(schemes::BuiltinRegistry().Names()));

}  // namespace
}  // namespace sselab
