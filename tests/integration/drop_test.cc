// EncryptedIndex::Drop (`sselab index drop`): the directory goes, and with it the index's
// namespace on a Redis Cluster; an index in use is refused. And what a killed build left on
// the cluster goes with its staging directory.
#include <gtest/gtest.h>

#include <filesystem>

#include "index/encrypted_index.h"
#include "schemes/builtin.h"
#include "storage/redis/test_cluster.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"

namespace sselab {
namespace {

namespace fs = std::filesystem;

Status Build(const fs::path& db, const index::ServerStoreConfig& store = {}) {
  const auto corpus = testing::MakeRandomCorpus({"d", 20, 8, 3}, 5);
  index::VectorDocumentSource docs(corpus.docs);
  auto built = index::EncryptedIndex::Create(schemes::BuiltinRegistry(),
                                             {.scheme = "mitra", .dir = db, .store = store}, docs);
  return built.ok() ? OkStatus() : Status(built.error());
}

TEST(DropTest, RemovesTheDirectoryUnlessInUse) {
  testing::TempDir dir;
  ASSERT_TRUE(Build(dir / "db").ok());
  {
    auto open = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = dir / "db"});
    ASSERT_TRUE(open.ok());
    const Status busy = index::EncryptedIndex::Drop(schemes::BuiltinRegistry(), dir / "db");
    ASSERT_FALSE(busy.ok());
    EXPECT_EQ(busy.error().code(), ErrorCode::kIoError) << busy.error().ToString();
    EXPECT_TRUE(fs::exists(dir / "db" / "server"));
  }
  ASSERT_TRUE(index::EncryptedIndex::Drop(schemes::BuiltinRegistry(), dir / "db").ok());
  EXPECT_FALSE(fs::exists(dir / "db"));
  const Status none = index::EncryptedIndex::Drop(schemes::BuiltinRegistry(), dir / "db");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code(), ErrorCode::kNotFound);
}

TEST(DropTest, RemovesTheNamespaceOnTheCluster) {
  if (!storage::redis::TestClusterDir().has_value()) {
    GTEST_SKIP() << storage::redis::kNoTestCluster;
  }
  testing::TempDir dir;
  ASSERT_TRUE(Build(dir / "db", {.uri = storage::redis::TestClusterUri(),
                                 .tls = storage::redis::TestClusterTls(),
                                 .buckets = 4})
                  .ok());
  auto config = index::ReadServerStoreConfig(dir / "db");
  ASSERT_TRUE(config.ok() && config->has_value());
  ASSERT_TRUE(index::EncryptedIndex::Drop(schemes::BuiltinRegistry(), dir / "db").ok());
  EXPECT_FALSE(fs::exists(dir / "db"));
  auto gone = storage::OpenRedisClusterStore(**config);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code(), ErrorCode::kNotFound);
}

// A build onto the cluster that was killed left its staging directory, which names the
// namespace it was filling: the next build of the same index removes both.
TEST(DropTest, AKilledBuildsNamespaceGoesWithItsStagingDirectory) {
  if (!storage::redis::TestClusterDir().has_value()) {
    GTEST_SKIP() << storage::redis::kNoTestCluster;
  }
  testing::TempDir dir;
  const fs::path staging = dir / ".db.building-0123456789ab";
  fs::create_directories(staging / "client");
  auto cluster = index::ClusterStoreOptions({.uri = storage::redis::TestClusterUri(),
                                             .tls = storage::redis::TestClusterTls(),
                                             .buckets = 2},
                                            storage::redis::FreshTestNamespace("killed"));
  ASSERT_TRUE(cluster.ok());
  ASSERT_TRUE(index::WriteServerStoreConfig(staging, *cluster).ok());
  {
    storage::RedisClusterStoreOptions create = *cluster;
    create.create_if_missing = true;
    auto store = storage::OpenRedisClusterStore(create);
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    ASSERT_TRUE((*store)->CreateTable("t", {}).ok());
    ASSERT_TRUE((*store)->Put("t", AsBytes("k"), AsBytes("v")).ok());
  }
  // The next build of DIR/db starts by clearing what the dead one left.
  ASSERT_TRUE(Build(dir / "db").ok());
  EXPECT_FALSE(fs::exists(staging));
  auto gone = storage::OpenRedisClusterStore(*cluster);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace sselab
