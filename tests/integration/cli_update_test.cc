// `sselab index add` and `sselab index remove` end to end, across processes, and their
// bad input: a static scheme, a scheme that only adds, a malformed corpus line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "index/encrypted_index.h"
#include "schemes/builtin.h"
#include "tests/integration/cli_runner.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"

namespace sselab {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::RunSselab;

void WriteDocs(const std::vector<index::Document>& docs, const fs::path& path) {
  std::ofstream out(path);
  for (const auto& d : docs) {
    out << nlohmann::json{{"id", d.id}, {"keywords", d.keywords}}.dump() << "\n";
  }
}

std::string IdsText(const std::set<index::DocId>& ids) {
  std::string s;
  for (auto id : ids) s += std::to_string(id) + "\n";
  return s;
}

class CliUpdateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = testing::MakeRandomCorpus({"upd", 60, 20, 5}, 4);
    const size_t half = corpus_.docs.size() / 2;
    first_.assign(corpus_.docs.begin(), corpus_.docs.begin() + static_cast<long>(half));
    second_.assign(corpus_.docs.begin() + static_cast<long>(half), corpus_.docs.end());
    WriteDocs(first_, dir_ / "first.jsonl");
    WriteDocs(second_, dir_ / "second.jsonl");
  }
  testing::CliResult Run(const std::vector<std::string>& args) {
    return RunSselab(args, dir_.path());
  }
  testing::CliResult Build(const std::string& scheme) {
    return Run({"index", "build", "--scheme", scheme, "--corpus", (dir_ / "first.jsonl").string(),
                "--db", db_.string()});
  }
  // Every keyword searched in a new process, against `postings`.
  void ExpectSearches(const std::map<std::string, std::set<index::DocId>>& postings) {
    for (const std::string& k :
         {std::string("kw0"), std::string("kw3"), std::string("everywhere")}) {
      auto r = Run({"search", "--db", db_.string(), k});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      auto it = postings.find(k);
      EXPECT_EQ(r.out, it == postings.end() ? "" : IdsText(it->second)) << k;
    }
  }
  static std::map<std::string, std::set<index::DocId>> Postings(
      const std::vector<index::Document>& docs) {
    std::map<std::string, std::set<index::DocId>> p;
    for (const auto& d : docs) {
      for (const auto& k : d.keywords) p[k].insert(d.id);
    }
    return p;
  }

  testing::TempDir dir_;
  fs::path db_ = dir_ / "db";
  testing::OracleCorpus corpus_;
  std::vector<index::Document> first_, second_;
};

TEST_F(CliUpdateTest, AddThenSearchInAnotherProcess) {
  ASSERT_EQ(Build("diana").exit_code, 0);
  auto add = Run({"index", "add", "--db", db_.string(), "--corpus",
                  (dir_ / "second.jsonl").string(), "--batch-pairs", "10"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_THAT(add.err, HasSubstr("added"));
  ExpectSearches(Postings(corpus_.docs));
  auto info = Run({"info", "--db", db_.string(), "--format", "json"});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  auto j = nlohmann::json::parse(info.out);
  EXPECT_GT(j["update_batches"].get<uint64_t>(), 1u);
  uint64_t pairs = 0;
  for (const auto& d : second_) pairs += d.keywords.size();
  EXPECT_EQ(j["added_pairs"].get<uint64_t>(), pairs);
  EXPECT_GT(j["client_state_bytes"].get<uint64_t>(), 0u);
}

// `sselab search` opens the index read-only: it runs while another process holds the
// index open for updates (here, this test's process), where it used to meet RocksDB's
// LOCK. Orion, whose searches write, still takes the index alone, and says so.
TEST_F(CliUpdateTest, SearchRunsBesideAProcessThatHoldsTheIndex) {
  ASSERT_EQ(Build("diana").exit_code, 0);
  {
    auto holder = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = db_});
    ASSERT_TRUE(holder.ok()) << holder.error().ToString();
    ExpectSearches(Postings(first_));
  }
  fs::remove_all(db_);
  ASSERT_EQ(Build("orion").exit_code, 0);
  auto holder = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = db_});
  ASSERT_TRUE(holder.ok()) << holder.error().ToString();
  auto r = Run({"search", "--db", db_.string(), "kw0"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("locked by another process"));
}

TEST_F(CliUpdateTest, RemoveOnAPlaintextIndex) {
  ASSERT_EQ(Build("plaintext").exit_code, 0);
  // Remove every pair of the first three documents.
  std::vector<index::Document> gone(first_.begin(), first_.begin() + 3);
  WriteDocs(gone, dir_ / "gone.jsonl");
  auto r =
      Run({"index", "remove", "--db", db_.string(), "--corpus", (dir_ / "gone.jsonl").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectSearches(Postings(std::vector<index::Document>(first_.begin() + 3, first_.end())));
}

TEST_F(CliUpdateTest, AddToAStaticIndexIsRefusedAndChangesNothing) {
  ASSERT_EQ(Build("pibas").exit_code, 0);
  auto r =
      Run({"index", "add", "--db", db_.string(), "--corpus", (dir_ / "second.jsonl").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("static"));
  ExpectSearches(Postings(first_));
}

TEST_F(CliUpdateTest, RemoveFromDianaIsRefusedAndChangesNothing) {
  ASSERT_EQ(Build("diana").exit_code, 0);
  auto r =
      Run({"index", "remove", "--db", db_.string(), "--corpus", (dir_ / "first.jsonl").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("only adds"));
  ExpectSearches(Postings(first_));
}

TEST_F(CliUpdateTest, AMalformedLineIsNamedAndTheBatchesBeforeItStay) {
  ASSERT_EQ(Build("diana").exit_code, 0);
  {
    std::ofstream out(dir_ / "second.jsonl", std::ios::app);
    out << "{\"id\": \"not a number\"}\n";
  }
  auto r = Run({"index", "add", "--db", db_.string(), "--corpus", (dir_ / "second.jsonl").string(),
                "--batch-pairs", "1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("line " + std::to_string(second_.size() + 1)));
  // Every document before the bad line was added, one batch each.
  ExpectSearches(Postings(corpus_.docs));
}

}  // namespace
}  // namespace sselab
