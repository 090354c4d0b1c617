// Backups and restores of whole indexes (index/backup.h): the round trip gives the same
// answers, from and to either store; a server-only backup restores into the client's
// directory; a tampered, truncated or incomplete backup is refused and writes nothing; a
// running writer's index is not backed up under it.
#include "index/backup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "index/encrypted_index.h"
#include "schemes/builtin.h"
#include "storage/redis/test_cluster.h"
#include "tests/integration/cli_runner.h"
#include "tests/testing/flip_byte.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"

namespace sselab {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// An index at DIR/db, updated after its build when the scheme can.
class IndexFixture : public ::testing::Test {
 protected:
  void Build(const std::string& scheme) {
    corpus_ = testing::MakeRandomCorpus({"b", 80, 25, 5}, 8);
    index::VectorDocumentSource docs(corpus_.docs);
    auto built = index::EncryptedIndex::Create(schemes::BuiltinRegistry(),
                                               {.scheme = scheme, .dir = dir_ / "db"}, docs);
    ASSERT_TRUE(built.ok()) << built.error().ToString();
    if ((*built)->info().capabilities.dynamic) {
      // Updates after the build, so that the client state has moved on.
      ASSERT_TRUE((*built)->Insert("kw1", 424242).ok());
      corpus_.postings["kw1"].insert(424242);
    }
  }
  void TearDown() override {
    for (const fs::path& db : cluster_dbs_) {
      auto config = index::ReadServerStoreConfig(db);
      if (config.ok() && config->has_value()) (void)storage::DropRedisClusterStore(**config);
    }
  }

  void ExpectAnswers(const fs::path& db, const fs::path& key = {}) {
    auto idx =
        index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = db, .key_path = key});
    ASSERT_TRUE(idx.ok()) << idx.error().ToString();
    for (const std::string& k : corpus_.vocabulary) {
      auto ids = (*idx)->Search(k);
      ASSERT_TRUE(ids.ok()) << ids.error().ToString();
      EXPECT_EQ(*ids, corpus_.Expected(k)) << k.substr(0, 20);
    }
  }

  testing::OracleCorpus corpus_;
  testing::TempDir dir_;
  std::vector<fs::path> cluster_dbs_;
};

class BackupTest : public IndexFixture, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override { Build(GetParam()); }
};

TEST_P(BackupTest, RoundTripGivesTheSameAnswers) {
  auto backup = index::BackupIndex(
      schemes::BuiltinRegistry(),
      {.db = dir_ / "db", .to = dir_ / "b", .with_client = true, .with_key = true});
  ASSERT_TRUE(backup.ok()) << backup.error().ToString();
  EXPECT_TRUE(fs::exists(dir_ / "b" / "client" / "key"));
  EXPECT_EQ(fs::status(dir_ / "b").permissions() & fs::perms::all, fs::perms::owner_all);
  auto restored =
      index::RestoreIndex(schemes::BuiltinRegistry(), {.from = dir_ / "b", .db = dir_ / "copy"});
  ASSERT_TRUE(restored.ok()) << restored.error().ToString();
  EXPECT_TRUE(restored->created_db);
  EXPECT_EQ(restored->server.entries, backup->server.entries);
  ExpectAnswers(dir_ / "copy");
  // A second restore into the same place is refused.
  auto again =
      index::RestoreIndex(schemes::BuiltinRegistry(), {.from = dir_ / "b", .db = dir_ / "copy"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);
}

TEST_P(BackupTest, FromAndToARedisCluster) {
  if (!storage::redis::TestClusterDir().has_value()) GTEST_SKIP() << storage::redis::kNoTestCluster;
  const index::ServerStoreConfig cluster{.uri = storage::redis::TestClusterUri(),
                                         .tls = storage::redis::TestClusterTls(),
                                         .buckets = 8};
  ASSERT_TRUE(index::BackupIndex(schemes::BuiltinRegistry(),
                                 {.db = dir_ / "db", .to = dir_ / "b1", .with_client = true})
                  .ok());
  // Embedded -> cluster: the index's namespace is its id.
  auto onto = index::RestoreIndex(schemes::BuiltinRegistry(),
                                  {.from = dir_ / "b1", .db = dir_ / "c", .store = cluster});
  ASSERT_TRUE(onto.ok()) << onto.error().ToString();
  cluster_dbs_.push_back(dir_ / "c");
  ExpectAnswers(dir_ / "c", dir_ / "db" / "client" / "key");
  // The namespace is taken now: a second restore onto the cluster is refused, writing nothing.
  auto twice = index::RestoreIndex(schemes::BuiltinRegistry(),
                                   {.from = dir_ / "b1", .db = dir_ / "c2", .store = cluster});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code(), ErrorCode::kAlreadyExists);
  EXPECT_FALSE(fs::exists(dir_ / "c2"));
  // Cluster -> embedded.
  ASSERT_TRUE(index::BackupIndex(schemes::BuiltinRegistry(),
                                 {.db = dir_ / "c", .to = dir_ / "b2", .with_client = true})
                  .ok());
  auto back =
      index::RestoreIndex(schemes::BuiltinRegistry(), {.from = dir_ / "b2", .db = dir_ / "e"});
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  ExpectAnswers(dir_ / "e", dir_ / "db" / "client" / "key");
}

TEST_P(BackupTest, AServerOnlyBackupRestoresIntoTheClientDirectory) {
  auto backup =
      index::BackupIndex(schemes::BuiltinRegistry(), {.db = dir_ / "db", .to = dir_ / "b"});
  ASSERT_TRUE(backup.ok()) << backup.error().ToString();
  // Nothing of the client: no meta, no state, no key.
  EXPECT_FALSE(fs::exists(dir_ / "b" / "client"));
  EXPECT_FALSE(backup->manifest.client);
  // The server's disk is lost; the client's directory survives.
  fs::remove_all(dir_ / "db" / "server");
  auto restored =
      index::RestoreIndex(schemes::BuiltinRegistry(), {.from = dir_ / "b", .db = dir_ / "db"});
  ASSERT_TRUE(restored.ok()) << restored.error().ToString();
  EXPECT_FALSE(restored->created_db);
  ExpectAnswers(dir_ / "db");
  // Now the index has a server store again: a second restore is refused.
  auto again =
      index::RestoreIndex(schemes::BuiltinRegistry(), {.from = dir_ / "b", .db = dir_ / "db"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::kFailedPrecondition);
}

INSTANTIATE_TEST_SUITE_P(Schemes, BackupTest, ::testing::Values("pibas", "mitra", "diana-del"),
                         [](const auto& p) {
                           std::string name = p.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

class BackupRefusalTest : public IndexFixture {
 protected:
  void SetUp() override { Build("mitra"); }
};

TEST_F(BackupRefusalTest, TamperedTruncatedOrIncompleteBackupsAreRefusedWritingNothing) {
  ASSERT_TRUE(index::BackupIndex(schemes::BuiltinRegistry(),
                                 {.db = dir_ / "db", .to = dir_ / "b", .with_client = true})
                  .ok());
  auto refused = [&](const std::string& what, ErrorCode code, const std::string& says) {
    const fs::path target = dir_ / ("r-" + what);
    auto r = index::RestoreIndex(schemes::BuiltinRegistry(), {.from = dir_ / "t", .db = target});
    ASSERT_FALSE(r.ok()) << what;
    EXPECT_EQ(r.error().code(), code) << what << ": " << r.error().ToString();
    EXPECT_THAT(r.error().message(), HasSubstr(says)) << what;
    EXPECT_FALSE(fs::exists(target)) << what;
  };
  auto fresh_copy = [&] {
    fs::remove_all(dir_ / "t");
    fs::copy(dir_ / "b", dir_ / "t", fs::copy_options::recursive);
  };
  // One byte of the server dump changed.
  fresh_copy();
  sselab::testing::FlipByte(dir_ / "t" / "server.dump", 100);
  refused("flipped", ErrorCode::kCorruption, "SHA-256");
  // The client state cut short.
  fresh_copy();
  fs::resize_file(dir_ / "t" / "client" / "state.dump",
                  fs::file_size(dir_ / "t" / "client" / "state.dump") - 3);
  refused("truncated", ErrorCode::kCorruption, "truncated");
  // A file the manifest lists is gone.
  fresh_copy();
  fs::remove(dir_ / "t" / "client" / "meta.json");
  refused("missing", ErrorCode::kCorruption, "missing");
  // No manifest: the backup never finished.
  fresh_copy();
  fs::remove(dir_ / "t" / "manifest.json");
  refused("incomplete", ErrorCode::kNotFound, "incomplete");
  // A manifest that points outside the backup.
  fresh_copy();
  {
    std::ifstream in(dir_ / "t" / "manifest.json");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    text.replace(text.find("client/meta.json"), 16, "../../etc/passwd");
    std::ofstream(dir_ / "t" / "manifest.json", std::ios::trunc) << text;
  }
  refused("escaping", ErrorCode::kCorruption, "unknown file");
}

TEST_F(BackupRefusalTest, AnIndexInUseIsNotBackedUpUnderItsWriter) {
  auto open = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = dir_ / "db"});
  ASSERT_TRUE(open.ok());
  auto backup =
      index::BackupIndex(schemes::BuiltinRegistry(), {.db = dir_ / "db", .to = dir_ / "b"});
  ASSERT_FALSE(backup.ok());
  EXPECT_EQ(backup.error().code(), ErrorCode::kIoError) << backup.error().ToString();
  EXPECT_THAT(backup.error().message(), HasSubstr("locked"));
  EXPECT_FALSE(fs::exists(dir_ / "b"));
  auto key_only = index::BackupIndex(schemes::BuiltinRegistry(),
                                     {.db = dir_ / "db", .to = dir_ / "b", .with_key = true});
  ASSERT_FALSE(key_only.ok());
  EXPECT_EQ(key_only.error().code(), ErrorCode::kInvalidArgument);
}

// `index backup`, `index restore` and `index drop` from the shell: the copy answers as the
// original; a damaged backup exits non-zero, saying which file, and restores nothing.
TEST_F(BackupRefusalTest, TheCommandsInSeparateProcesses) {
  const std::string db = (dir_ / "db").string(), backup = (dir_ / "backup").string();
  const std::string copy = (dir_ / "copy").string();
  auto run = [&](const std::vector<std::string>& args) {
    return testing::RunSselab(args, dir_.path());
  };
  auto b = run({"index", "backup", "--db", db, "--to", backup, "--with-client", "--with-key"});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_NE(b.err.find("the client directory and the key"), std::string::npos) << b.err;
  auto r = run({"index", "restore", "--from", backup, "--db", copy});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const std::string k : {"kw1", "everywhere"}) {
    auto original = run({"search", "--db", db, k});
    auto restored = run({"search", "--db", copy, k});
    ASSERT_EQ(restored.exit_code, 0) << restored.err;
    EXPECT_EQ(restored.out, original.out) << k;
    EXPECT_FALSE(restored.out.empty()) << k;
  }
  sselab::testing::FlipByte(dir_ / "backup" / "server.dump", 40);
  auto bad = run({"index", "restore", "--from", backup, "--db", (dir_ / "copy2").string()});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_THAT(bad.err, HasSubstr("server.dump does not match its SHA-256"));
  EXPECT_FALSE(fs::exists(dir_ / "copy2"));
  auto again = run({"index", "backup", "--db", db, "--to", backup});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_THAT(again.err, HasSubstr("already exists"));
  // `index drop` wants --yes, then removes the copy.
  auto unsure = run({"index", "drop", "--db", copy});
  EXPECT_NE(unsure.exit_code, 0);
  EXPECT_THAT(unsure.err, HasSubstr("add --yes"));
  EXPECT_TRUE(fs::exists(dir_ / "copy"));
  auto dropped = run({"index", "drop", "--db", copy, "--yes"});
  EXPECT_EQ(dropped.exit_code, 0) << dropped.err;
  EXPECT_FALSE(fs::exists(dir_ / "copy"));
}

}  // namespace
}  // namespace sselab
