// A Redis Cluster master killed (SIGKILL) in the middle of a stream of updates and searches
// of a dynamic index whose server store is on the cluster. The cluster fails over (its
// replica is promoted), the killed node comes back as a replica, and throughout:
// - every call either succeeds or fails with kUnavailable (retryable), and is retried;
// - every search answer is exact for the updates acknowledged before it;
// - at the end every acknowledged update is present, in this object and in a fresh one.
// The test starts a cluster of its own (scripts/redis-cluster.sh), so that killing a node
// disturbs no other test; it runs where scripts/test.sh runs the Redis tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "index/encrypted_index.h"
#include "schemes/builtin.h"
#include "storage/redis/test_cluster.h"
#include "tests/testing/temp_dir.h"

namespace sselab {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string ClusterScript() { return std::string(SSELAB_SOURCE_DIR) + "/scripts/redis-cluster.sh"; }

int BasePort() {
  const char* env = std::getenv("SSELAB_TEST_REDIS_PORT");
  return (env != nullptr ? std::atoi(env) : 26001) + 100;
}

// Runs the script; its output, or nullopt if it failed.
std::optional<std::string> Script(const std::string& args) {
  const std::string command = "SSELAB_BIN='" + std::string(SSELAB_BIN_DIR) + "/sselab' '" +
                              ClusterScript() + "' " + args + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  char buf[512];
  while (size_t n = std::fread(buf, 1, sizeof(buf), pipe)) out.append(buf, n);
  if (::pclose(pipe) != 0) {
    ADD_FAILURE() << "redis-cluster.sh " << args << ":\n" << out;
    return std::nullopt;
  }
  return out;
}

// Starts a cluster in `dir` and stops it when it goes out of scope.
class OwnCluster {
 public:
  explicit OwnCluster(fs::path dir) : dir_(std::move(dir)) {
    started_ =
        Script("start '" + dir_.string() + "' --port " + std::to_string(BasePort())).has_value();
  }
  ~OwnCluster() {
    if (started_) (void)Script("stop '" + dir_.string() + "'");
  }
  OwnCluster(const OwnCluster&) = delete;
  OwnCluster& operator=(const OwnCluster&) = delete;
  bool started() const { return started_; }
  // What `redis-cli ROLE` says of node n ("master" or "slave").
  std::string Role(int n) const {
    const fs::path tls = dir_ / "tls";
    const std::string command = "redis-cli --tls --cacert '" + (tls / "ca" / "ca.crt").string() +
                                "' --cert '" + (tls / "client.crt").string() + "' --key '" +
                                (tls / "client.key").string() + "' -p " +
                                std::to_string(BasePort() + n) + " role 2>/dev/null | head -1";
    FILE* pipe = ::popen(command.c_str(), "r");
    char buf[64] = {};
    const size_t n_read = pipe != nullptr ? std::fread(buf, 1, sizeof(buf) - 1, pipe) : 0;
    if (pipe != nullptr) ::pclose(pipe);
    std::string role(buf, n_read);
    while (!role.empty() && (role.back() == '\n' || role.back() == '\r')) role.pop_back();
    return role;
  }

 private:
  fs::path dir_;
  bool started_ = false;
};

TEST(ClusterFailoverTest, AMasterKilledMidStreamLosesNoAcknowledgedUpdate) {
  if (!storage::redis::TestClusterDir().has_value()) {
    GTEST_SKIP() << storage::redis::kNoTestCluster;
  }
  testing::TempDir tmp;
  const fs::path cluster_dir = tmp.path() / "cluster";
  OwnCluster cluster(cluster_dir);
  ASSERT_TRUE(cluster.started());
  ASSERT_EQ(cluster.Role(0), "master");

  std::string uri = "redis-cluster://";
  for (int n = 0; n < 6; ++n)
    uri += (n ? ",127.0.0.1:" : "127.0.0.1:") + std::to_string(BasePort() + n);
  const index::ServerStoreConfig store{.uri = uri,
                                       .tls = {.cert = cluster_dir / "tls" / "client.crt",
                                               .key = cluster_dir / "tls" / "client.key",
                                               .ca = cluster_dir / "tls" / "ca" / "ca.crt"},
                                       .buckets = 16};

  // A small corpus, then a stream of single-pair updates and searches.
  std::map<std::string, std::set<index::DocId>> oracle;
  std::vector<index::Document> docs;
  for (index::DocId id = 1; id <= 50; ++id) {
    index::Document d{id, {"k" + std::to_string(id % 7), "k" + std::to_string(id % 11)}};
    for (const auto& k : d.keywords) oracle[k].insert(id);
    docs.push_back(std::move(d));
  }
  index::VectorDocumentSource source(docs);
  auto built = index::EncryptedIndex::Create(
      schemes::BuiltinRegistry(), {.scheme = "mitra", .dir = tmp.path() / "db", .store = store},
      source);
  ASSERT_TRUE(built.ok()) << built.error().ToString();
  index::EncryptedIndex& idx = **built;

  std::mt19937_64 rng(17);
  int retried = 0;
  int ops_after_kill = 0;
  bool killed = false;
  std::atomic<bool> restarted{false};
  // The operator who brings the killed node back 4 s later, whatever the stream is doing
  // then (a write to the orphaned shard waits for exactly that).
  std::jthread operator_thread;
  // Runs `op` until it succeeds; any failure must be kUnavailable.
  double longest_ms = 0;
  auto until_ok = [&](const std::function<Status()>& op, const std::string& what) {
    for (int attempt = 0; attempt < 8; ++attempt) {
      const auto start = Clock::now();
      const Status s = op();
      longest_ms = std::max(
          longest_ms, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      if (s.ok()) return true;
      EXPECT_EQ(s.error().code(), ErrorCode::kUnavailable) << what << ": " << s.error().ToString();
      if (s.error().code() != ErrorCode::kUnavailable) return false;
      ++retried;
    }
    ADD_FAILURE() << what << " never succeeded";
    return false;
  };

  const int kOps = 400;
  for (int i = 0; i < kOps; ++i) {
    if (i == kOps / 4) {
      ASSERT_TRUE(Script("kill '" + cluster_dir.string() + "' 0").has_value());
      killed = true;
      operator_thread = std::jthread([&] {
        std::this_thread::sleep_for(std::chrono::seconds(4));
        restarted = Script("restart '" + cluster_dir.string() + "' 0").has_value();
      });
    }
    if (killed) ++ops_after_kill;
    const std::string k = "k" + std::to_string(rng() % 13);
    const index::DocId id = 1 + rng() % 80;
    const uint64_t dice = rng() % 10;
    if (dice < 6) {
      ASSERT_TRUE(until_ok([&] { return idx.Insert(k, id); }, "insert"));
      oracle[k].insert(id);
    } else if (dice < 7) {
      ASSERT_TRUE(until_ok([&] { return idx.Remove(k, id); }, "remove"));
      oracle[k].erase(id);
    } else {
      Result<std::vector<index::DocId>> found = std::vector<index::DocId>{};
      ASSERT_TRUE(until_ok(
          [&] {
            found = idx.Search(k);
            return found.ok() ? OkStatus() : Status(found.error());
          },
          "search"));
      EXPECT_EQ(*found, std::vector<index::DocId>(oracle[k].begin(), oracle[k].end()))
          << "search of " << k << " at operation " << i;
    }
  }
  operator_thread.join();
  ASSERT_TRUE(restarted);
  EXPECT_GT(ops_after_kill, 0);
  // The killed master was failed over: it came back as a replica.
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (cluster.Role(0) != "slave" && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(cluster.Role(0), "slave");

  auto check_all = [&](index::EncryptedIndex& index, const char* which) {
    for (int w = 0; w < 13; ++w) {
      const std::string k = "k" + std::to_string(w);
      auto found = index.Search(k);
      ASSERT_TRUE(found.ok()) << which << ": " << found.error().ToString();
      EXPECT_EQ(*found, std::vector<index::DocId>(oracle[k].begin(), oracle[k].end()))
          << which << ": " << k;
    }
  };
  check_all(idx, "the streaming client");
  built->reset();
  auto reopened =
      index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = tmp.path() / "db"});
  ASSERT_TRUE(reopened.ok()) << reopened.error().ToString();
  check_all(**reopened, "a fresh client");
  std::printf("failover: %d operations after the kill, %d retried calls, longest call %.0f ms\n",
              ops_after_kill, retried, longest_ms);
}

}  // namespace
}  // namespace sselab
