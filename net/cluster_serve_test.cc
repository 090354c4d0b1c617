// `sselab serve` with its indexes' stores on the Redis Cluster scripts/test.sh starts: an
// index built over the network lands in a namespace of its own, answers exactly, survives a
// restart of the server, and its drop removes the namespace.
#include <gtest/gtest.h>

#include <filesystem>

#include "index/encrypted_index.h"
#include "index/server_store.h"
#include "net/remote.h"
#include "net/testing/test_server.h"
#include "storage/redis/test_cluster.h"
#include "tests/testing/random_corpus.h"

namespace sselab::net {
namespace {

namespace fs = std::filesystem;

TEST(ClusterServeTest, HostedIndexLivesInItsOwnNamespaceUntilDropped) {
  if (!storage::redis::TestClusterDir().has_value()) {
    GTEST_SKIP() << storage::redis::kNoTestCluster;
  }
  sselab::testing::TempDir dir;
  testing::TestServer server(dir, {},
                             {.uri = storage::redis::TestClusterUri(),
                              .tls = storage::redis::TestClusterTls(),
                              .buckets = 8});
  const auto corpus = sselab::testing::MakeRandomCorpus({"c", 60, 20, 5}, 4);
  {
    auto remote = ConnectRemote(server.Remote("admin", "onredis"));
    ASSERT_TRUE(remote.ok()) << remote.error().ToString();
    index::VectorDocumentSource docs(corpus.docs);
    auto built = index::EncryptedIndex::Create(
        schemes::BuiltinRegistry(),
        {.scheme = "diana", .dir = dir.path() / "db", .remote = *remote}, docs);
    ASSERT_TRUE(built.ok()) << built.error().ToString();
  }
  // The hosted index's directory names the namespace and holds nothing else.
  const fs::path hosted = dir.path() / "data" / "indexes" / "onredis";
  auto cluster = index::ReadClusterStoreFile(hosted / "store.json");
  ASSERT_TRUE(cluster.ok()) << cluster.error().ToString();
  ASSERT_TRUE(cluster->has_value());
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(hosted)) {
    EXPECT_EQ(entry.path().filename(), "store.json");
    ++files;
  }
  EXPECT_EQ(files, 1u);

  server.Restart();
  auto remote = ConnectRemote(server.Remote("admin", "onredis"));
  ASSERT_TRUE(remote.ok()) << remote.error().ToString();
  auto idx = index::EncryptedIndex::Open(schemes::BuiltinRegistry(),
                                         {.dir = dir.path() / "db", .remote = *remote});
  ASSERT_TRUE(idx.ok()) << idx.error().ToString();
  for (const std::string& k : corpus.vocabulary) {
    auto ids = (*idx)->Search(k);
    ASSERT_TRUE(ids.ok()) << ids.error().ToString();
    EXPECT_EQ(*ids, corpus.Expected(k)) << k.substr(0, 20);
  }
  auto info = ListRemoteIndexes(server.Remote("admin", "onredis"));
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  ASSERT_EQ(info->size(), 1u);
  EXPECT_GT(info->front().server_bytes, 0u);  // measured on the cluster

  ASSERT_TRUE((*remote)->DropIndex().ok());
  storage::RedisClusterStoreOptions gone = **cluster;
  gone.create_if_missing = false;
  auto reopened = storage::OpenRedisClusterStore(gone);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace sselab::net
