// EncryptedIndex::Drop (`sselab index drop`): the directory goes, and with it the index's
// namespace on a Redis Cluster; an index in use or served remotely is refused.
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

}  // namespace
}  // namespace sselab
