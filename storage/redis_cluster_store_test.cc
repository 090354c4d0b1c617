// RedisClusterStore beyond the conformance suite: the slot function against the cluster's
// own, the URI, namespaces, reopening, scans over many pages and buckets, and the TLS hop's
// refusals. Needs the cluster scripts/test.sh starts (redis/test_cluster.h).
#include "storage/redis_cluster_store.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>

#include "net/pki.h"
#include "storage/internal/temp_dir.h"
#include "storage/internal/test_util.h"
#include "storage/redis/cluster.h"
#include "storage/redis/key_slot.h"
#include "storage/redis/test_cluster.h"

namespace sselab::storage {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// The specification's check value and hash-tag examples (Redis Cluster specification,
// "Keys hash tags").
TEST(KeySlotTest, Crc16CheckValueAndHashTags) {
  EXPECT_EQ(redis::Crc16Xmodem("123456789"), 0x31C3);
  EXPECT_EQ(redis::KeySlot("{user1000}.following"), redis::KeySlot("{user1000}.followers"));
  EXPECT_EQ(redis::KeySlot("{user1000}.following"), redis::KeySlot("user1000"));
  // An empty tag is no tag: the whole key is hashed.
  EXPECT_EQ(redis::KeySlot("foo{}{bar}"), redis::Crc16Xmodem("foo{}{bar}") % 16384);
  // The tag runs to the first '}' after the first '{'.
  EXPECT_EQ(redis::KeySlot("foo{{bar}}zap"), redis::KeySlot("{bar"));
  EXPECT_EQ(redis::KeySlot("foo{bar}{zap}"), redis::KeySlot("bar"));
  // No closing brace: the whole key.
  EXPECT_EQ(redis::KeySlot("foo{bar"), redis::Crc16Xmodem("foo{bar") % 16384);
}

TEST(RedisClusterUriTest, ParsesSeedsAndNamesWhatIsWrong) {
  auto seeds =
      ParseRedisClusterUri("redis-cluster://127.0.0.1:7001,db.example.org:7002,[::1]:7003");
  ASSERT_TRUE(seeds.ok()) << seeds.error().ToString();
  ASSERT_EQ(seeds->size(), 3u);
  EXPECT_EQ((*seeds)[0], (redis::Endpoint{"127.0.0.1", 7001}));
  EXPECT_EQ((*seeds)[1], (redis::Endpoint{"db.example.org", 7002}));
  EXPECT_EQ((*seeds)[2], (redis::Endpoint{"::1", 7003}));
  for (const char* bad :
       {"redis://127.0.0.1:7001", "redis-cluster://", "redis-cluster://host",
        "redis-cluster://host:0", "redis-cluster://host:70000", "redis-cluster://host:12x",
        "redis-cluster://a:1,,b:2", "redis-cluster://:7001"}) {
    auto parsed = ParseRedisClusterUri(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument) << bad;
  }
}

class RedisClusterStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!redis::TestClusterDir().has_value()) GTEST_SKIP() << redis::kNoTestCluster;
    options_.cluster = redis::TestClusterOptions();
    options_.ns = redis::FreshTestNamespace("store");
    options_.create_if_missing = true;
  }
  void TearDown() override {
    if (!options_.ns.empty() && redis::TestClusterDir().has_value()) {
      const Status s = DropRedisClusterStore(options_);
      EXPECT_TRUE(s.ok()) << s.error().ToString();
    }
  }

  RedisClusterStoreOptions options_;
};

// Our slot function against the cluster's own (CLUSTER KEYSLOT), on random binary keys of
// the kinds the store writes: an independent implementation of the same function.
TEST_F(RedisClusterStoreTest, KeySlotAgreesWithTheCluster) {
  auto cluster = redis::Cluster::Connect(options_.cluster);
  ASSERT_TRUE(cluster.ok()) << cluster.error().ToString();
  std::mt19937_64 rng(7);
  std::vector<redis::Request> requests;
  std::vector<std::string> keys;
  for (int i = 0; i < 300; ++i) {
    std::string key(1 + rng() % 40, '\0');
    for (char& c : key) c = static_cast<char>(rng());
    if (i % 3 == 0) key = "sselab:{ns:table:" + std::to_string(i) + "}:h";
    keys.push_back(key);
    // Any node answers CLUSTER KEYSLOT; slot 0 routes it to one.
    requests.push_back({0, {"CLUSTER", "KEYSLOT", key}});
  }
  auto replies = (*cluster)->Run(requests, false);
  ASSERT_TRUE(replies.ok()) << replies.error().ToString();
  for (size_t i = 0; i < keys.size(); ++i) {
    ASSERT_EQ((*replies)[i].type, redis::Reply::Type::kInteger);
    EXPECT_EQ((*replies)[i].integer, redis::KeySlot(keys[i])) << "key " << i;
  }
}

TEST_F(RedisClusterStoreTest, NamespacesAreCheckedAndKeptApart) {
  RedisClusterStoreOptions missing = options_;
  missing.create_if_missing = false;
  auto none = OpenRedisClusterStore(missing);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code(), ErrorCode::kNotFound);
  EXPECT_THAT(none.error().message(), HasSubstr("no store at redis-cluster://"));
  EXPECT_THAT(none.error().message(), HasSubstr(options_.ns));

  RedisClusterStoreOptions bad = options_;
  for (const char* ns : {"", "a{b}", "a:b", "with space"}) {
    bad.ns = ns;
    auto refused = OpenRedisClusterStore(bad);
    ASSERT_FALSE(refused.ok()) << ns;
    EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidArgument) << ns;
  }

  auto a = OpenRedisClusterStore(options_);
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  RedisClusterStoreOptions other = options_;
  other.ns = redis::FreshTestNamespace("other");
  auto b = OpenRedisClusterStore(other);
  ASSERT_TRUE(b.ok()) << b.error().ToString();
  ASSERT_TRUE((*a)->CreateTable("t", {}).ok());
  ASSERT_TRUE((*b)->CreateTable("t", {}).ok());
  ASSERT_TRUE((*a)->Put("t", AsBytes("k"), AsBytes("in a")).ok());
  auto in_b = (*b)->Get("t", AsBytes("k"));
  ASSERT_TRUE(in_b.ok());
  EXPECT_FALSE(in_b->has_value());
  EXPECT_TRUE(DropRedisClusterStore(other).ok());
}

TEST_F(RedisClusterStoreTest, ReopenKeepsTablesOptionsAndEntries) {
  {
    auto store = OpenRedisClusterStore(options_);
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    ASSERT_TRUE((*store)->CreateTable("point", {.point_lookup_key_bytes = 4}).ok());
    ASSERT_TRUE((*store)->CreateTable("plain", {.compress = true}).ok());
    ASSERT_TRUE((*store)->Put("point", AsBytes("abcd"), AsBytes("1")).ok());
  }
  options_.create_if_missing = false;
  options_.buckets = 3;  // applies to new tables only
  auto store = OpenRedisClusterStore(options_);
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  EXPECT_EQ((*store)->Tables(), (std::vector<std::string>{"plain", "point"}));
  auto got = (*store)->Get("point", AsBytes("abcd"));
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, std::optional<Bytes>(ToBytes("1")));
  // The point table kept its key length.
  const Status wrong = (*store)->Put("point", AsBytes("abc"), AsBytes("2"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code(), ErrorCode::kInvalidArgument);
}

// Many entries over few buckets: every bucket answers several pages, and the merge must
// still give one ascending sequence, for the whole table and for a prefix.
TEST_F(RedisClusterStoreTest, ScansMergeManyPagesFromEveryBucket) {
  options_.buckets = 5;
  auto store = OpenRedisClusterStore(options_);
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  ASSERT_TRUE((*store)->CreateTable("t", {}).ok());
  const auto entries = internal::CounterEntries(6000, 24);
  ASSERT_TRUE(BulkLoadSorted(**store, "t", entries).ok());
  std::vector<Bytes> seen;
  ASSERT_TRUE((*store)
                  ->Scan("t", {},
                         [&](ByteView key, ByteView) {
                           seen.push_back(ToBytes(key));
                           return true;
                         })
                  .ok());
  ASSERT_EQ(seen.size(), entries.size());
  for (size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i], entries[i].key) << i;
  // Keys 0x..0000 to 0x..0fff share their first 6 bytes (all zero) and byte 6 < 0x10.
  const Bytes prefix(7, 0);
  size_t under = 0;
  ASSERT_TRUE((*store)
                  ->Scan("t", prefix,
                         [&](ByteView key, ByteView) {
                           EXPECT_TRUE(std::equal(prefix.begin(), prefix.end(), key.begin()));
                           ++under;
                           return true;
                         })
                  .ok());
  EXPECT_EQ(under, 256u);
}

// One node's answer to `command`, on a connection of its own (for what the cluster client
// never sends: administration).
redis::Reply OnNode(const redis::Endpoint& node, const redis::ClusterOptions& options,
                    const redis::Command& command) {
  auto tls = redis::TlsContext::Load(options.tls);
  EXPECT_TRUE(tls.ok());
  auto c = redis::NodeConnection::Connect(node, *tls, std::chrono::milliseconds(5000));
  EXPECT_TRUE(c.ok()) << c.error().ToString();
  std::string bytes;
  redis::AppendCommand(bytes, command);
  auto replies = (*c)->Pipeline(bytes, 1);
  EXPECT_TRUE(replies.ok()) << replies.error().ToString();
  return replies.ok() ? replies->front() : redis::Reply{};
}

struct NodeInfo {
  std::string id;
  redis::Endpoint endpoint;
  bool serves_slot = false;
};

// The masters, from CLUSTER NODES, and which of them serves `slot`.
std::vector<NodeInfo> MastersOf(const redis::ClusterOptions& options, uint16_t slot) {
  const redis::Reply nodes = OnNode(options.seeds.front(), options, {"CLUSTER", "NODES"});
  std::vector<NodeInfo> out;
  std::istringstream lines(nodes.str);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string id, addr, flags, master, ping, pong, epoch, link;
    fields >> id >> addr >> flags >> master >> ping >> pong >> epoch >> link;
    if (flags.find("master") == std::string::npos || flags.find("fail") != std::string::npos) {
      continue;
    }
    NodeInfo n;
    n.id = id;
    const std::string hostport = addr.substr(0, addr.find('@'));
    n.endpoint = {hostport.substr(0, hostport.rfind(':')),
                  std::stoi(hostport.substr(hostport.rfind(':') + 1))};
    std::string range;
    while (fields >> range) {
      if (range.front() == '[') continue;  // a slot being migrated
      const size_t dash = range.find('-');
      const int first = std::stoi(range.substr(0, dash));
      const int last = dash == std::string::npos ? first : std::stoi(range.substr(dash + 1));
      if (slot >= first && slot <= last) n.serves_slot = true;
    }
    out.push_back(n);
  }
  return out;
}

// A slot moved from one master to another while a client reads it, as `redis-cli
// --cluster reshard` moves it: first the keys one by one (the client must follow ASK for
// those already moved), then the slot itself (the client must follow MOVED).
TEST_F(RedisClusterStoreTest, FollowsAskAndMovedThroughASlotMigration) {
  auto cluster = redis::Cluster::Connect(options_.cluster);
  ASSERT_TRUE(cluster.ok()) << cluster.error().ToString();
  const std::string tag = "{" + options_.ns + "}";
  const uint16_t slot = redis::KeySlot(tag);
  std::vector<redis::Request> writes, reads;
  for (int i = 0; i < 20; ++i) {
    const std::string key = tag + ":k" + std::to_string(i);
    writes.push_back({slot, {"SET", key, "v" + std::to_string(i)}});
    reads.push_back({slot, {"GET", key}});
  }
  ASSERT_TRUE((*cluster)->Run(writes, true).ok());
  auto expect_values = [&](const char* phase) {
    auto got = (*cluster)->Run(reads, false);
    ASSERT_TRUE(got.ok()) << phase << ": " << got.error().ToString();
    for (size_t i = 0; i < got->size(); ++i) {
      EXPECT_EQ((*got)[i].str, "v" + std::to_string(i)) << phase << " key " << i;
    }
  };
  const auto masters = MastersOf(options_.cluster, slot);
  ASSERT_GE(masters.size(), 2u);
  const auto source =
      std::find_if(masters.begin(), masters.end(), [](const NodeInfo& n) { return n.serves_slot; });
  ASSERT_NE(source, masters.end());
  const NodeInfo& target = source == masters.begin() ? masters[1] : masters[0];
  const std::string s = std::to_string(slot);
  ASSERT_EQ(
      OnNode(target.endpoint, options_.cluster, {"CLUSTER", "SETSLOT", s, "IMPORTING", source->id})
          .str,
      "OK");
  ASSERT_EQ(
      OnNode(source->endpoint, options_.cluster, {"CLUSTER", "SETSLOT", s, "MIGRATING", target.id})
          .str,
      "OK");
  // Half the keys move: the client finds them through ASK.
  redis::Command migrate = {
      "MIGRATE", target.endpoint.host, std::to_string(target.endpoint.port), "", "0", "5000",
      "KEYS"};
  for (int i = 0; i < 10; ++i) migrate.push_back(tag + ":k" + std::to_string(i));
  const redis::Reply moved_half = OnNode(source->endpoint, options_.cluster, migrate);
  ASSERT_EQ(moved_half.str, "OK") << moved_half.str;
  const uint64_t before = (*cluster)->stats().redirects;
  expect_values("half migrated");
  EXPECT_GE((*cluster)->stats().redirects, before + 10);  // an ASK per moved key
  // The rest, then the slot: the client learns the new owner from MOVED.
  migrate.resize(7);
  for (int i = 10; i < 20; ++i) migrate.push_back(tag + ":k" + std::to_string(i));
  ASSERT_EQ(OnNode(source->endpoint, options_.cluster, migrate).str, "OK");
  for (const NodeInfo& m : masters) {
    ASSERT_EQ(
        OnNode(m.endpoint, options_.cluster, {"CLUSTER", "SETSLOT", s, "NODE", target.id}).str,
        "OK");
  }
  const uint64_t before_moved = (*cluster)->stats().redirects;
  expect_values("slot moved");
  EXPECT_GT((*cluster)->stats().redirects, before_moved);
  // The map is up to date now: no more redirections.
  const uint64_t settled = (*cluster)->stats().redirects;
  expect_values("settled");
  EXPECT_EQ((*cluster)->stats().redirects, settled);
  // Writes follow too.
  ASSERT_TRUE((*cluster)->Run(writes, true).ok());
  std::vector<redis::Request> cleanup;
  for (const auto& w : writes) cleanup.push_back({slot, {"DEL", w.command[1]}});
  EXPECT_TRUE((*cluster)->Run(cleanup, true).ok());
}

// The TLS hop, as in network mode: no plaintext, no untrusted certificate either way, and
// no private key readable by others.
class RedisClusterTlsTest : public RedisClusterStoreTest {
 protected:
  void SetUp() override {
    RedisClusterStoreTest::SetUp();
    if (IsSkipped()) return;
    // The CA outlives the certificate: issued with the same validity a second later, the
    // certificate would end after the CA and be refused.
    ASSERT_TRUE(net::InitCa(dir_.path() / "ca", "another CA", net::ValidFor(2)).ok());
    net::IssueOptions client{.kind = net::CertKind::kClient,
                             .names = {"stranger"},
                             .validity = net::ValidFor(1),
                             .cert_out = dir_.path() / "stranger.crt",
                             .key_out = dir_.path() / "stranger.key"};
    ASSERT_TRUE(net::IssueCertificate(dir_.path() / "ca", client).ok());
  }
  internal::TempDir dir_;
};

TEST_F(RedisClusterTlsTest, ANodeWithACertificateFromAnotherCaIsRefused) {
  RedisClusterStoreOptions o = options_;
  o.cluster.tls.ca = dir_.path() / "ca" / "ca.crt";
  auto store = OpenRedisClusterStore(o);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_THAT(store.error().message(), HasSubstr("certificate is not trusted"));
  options_.ns.clear();  // nothing was created
}

TEST_F(RedisClusterTlsTest, AClientCertificateFromAnotherCaIsRefusedByTheNodes) {
  RedisClusterStoreOptions o = options_;
  o.cluster.tls.cert = dir_.path() / "stranger.crt";
  o.cluster.tls.key = dir_.path() / "stranger.key";
  auto store = OpenRedisClusterStore(o);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_THAT(store.error().message(), HasSubstr("refused"));
  options_.ns.clear();
}

TEST_F(RedisClusterTlsTest, AKeyReadableByOthersIsRefusedBeforeAnyConnection) {
  const fs::path key = dir_.path() / "loose.key";
  fs::copy_file(options_.cluster.tls.key, key);
  fs::permissions(key, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                           fs::perms::others_read);
  RedisClusterStoreOptions o = options_;
  o.cluster.tls.key = key;
  auto store = OpenRedisClusterStore(o);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(store.error().message(), HasSubstr("chmod 600"));
  options_.ns.clear();
}

TEST_F(RedisClusterTlsTest, APlaintextClientGetsNoAnswer) {
  const redis::Endpoint node = options_.cluster.seeds.front();
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(node.port));
  ASSERT_EQ(inet_pton(AF_INET, node.host.c_str(), &addr.sin_addr), 1);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  timeval tv{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  const std::string ping = "*1\r\n$4\r\nPING\r\n";
  (void)send(fd, ping.data(), ping.size(), MSG_NOSIGNAL);
  char buf[64] = {};
  const ssize_t n = recv(fd, buf, sizeof(buf) - 1, 0);
  close(fd);
  // The TLS port closes on (or ignores) bytes that are not a TLS handshake: never a PONG.
  EXPECT_EQ(std::string(buf, n > 0 ? static_cast<size_t>(n) : 0).find("PONG"), std::string::npos);
  options_.ns.clear();
}

}  // namespace
}  // namespace sselab::storage
