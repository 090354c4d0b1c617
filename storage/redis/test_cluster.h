// For tests: the Redis Cluster that scripts/test.sh starts (scripts/redis-cluster.sh) and
// names in SSELAB_TEST_REDIS_CLUSTER (its directory). Without it, tests that need a cluster
// skip, saying so; with it, they must pass.
#ifndef SSELAB_STORAGE_REDIS_TEST_CLUSTER_H_
#define SSELAB_STORAGE_REDIS_TEST_CLUSTER_H_

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "storage/redis/cluster.h"
#include "storage/redis_cluster_store.h"

namespace sselab::storage::redis {

inline constexpr const char* kTestClusterEnv = "SSELAB_TEST_REDIS_CLUSTER";
inline constexpr const char* kNoTestCluster =
    "no Redis Cluster: SSELAB_TEST_REDIS_CLUSTER is not set (scripts/test.sh starts one "
    "with scripts/redis-cluster.sh and sets it)";

// The cluster's directory, or nullopt without one. A directory named but holding no
// running cluster's seeds is a broken test set-up, not a reason to skip: it aborts, saying
// so, rather than let every test fail for the same reason.
inline std::optional<std::filesystem::path> TestClusterDir() {
  const char* dir = std::getenv(kTestClusterEnv);
  if (dir == nullptr || *dir == '\0') return std::nullopt;
  const std::filesystem::path path(dir);
  std::error_code ec;
  if (!path.is_absolute() || !std::filesystem::exists(path / "seeds", ec)) {
    std::fprintf(stderr,
                 "%s=%s: not the absolute path of a cluster started by "
                 "scripts/redis-cluster.sh (no seeds file there)\n",
                 kTestClusterEnv, dir);
    std::abort();
  }
  return path;
}

inline std::string TestClusterUri() {
  std::ifstream in(*TestClusterDir() / "seeds");
  std::string seeds;
  std::getline(in, seeds);
  return std::string(kRedisClusterScheme) + seeds;
}

inline TlsFiles TestClusterTls() {
  const std::filesystem::path tls = *TestClusterDir() / "tls";
  return {.cert = tls / "client.crt", .key = tls / "client.key", .ca = tls / "ca" / "ca.crt"};
}

inline ClusterOptions TestClusterOptions() {
  ClusterOptions options;
  options.seeds = ParseRedisClusterUri(TestClusterUri()).value();
  options.tls = TestClusterTls();
  return options;
}

// A namespace no other test (or test process) uses.
inline std::string FreshTestNamespace(std::string_view what) {
  static std::atomic<int> counter{0};
  return "test-" + std::string(what) + "-" + std::to_string(::getpid()) + "-" +
         std::to_string(counter++);
}

}  // namespace sselab::storage::redis

#endif  // SSELAB_STORAGE_REDIS_TEST_CLUSTER_H_
