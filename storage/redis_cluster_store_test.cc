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
  auto seeds = ParseRedisClusterUri("redis-cluster://127.0.0.1:7001,db.example.org:7002,[::1]:7003");
  ASSERT_TRUE(seeds.ok()) << seeds.error().ToString();
  ASSERT_EQ(seeds->size(), 3u);
  EXPECT_EQ((*seeds)[0], (redis::Endpoint{"127.0.0.1", 7001}));
  EXPECT_EQ((*seeds)[1], (redis::Endpoint{"db.example.org", 7002}));
  EXPECT_EQ((*seeds)[2], (redis::Endpoint{"::1", 7003}));
  for (const char* bad : {"redis://127.0.0.1:7001", "redis-cluster://", "redis-cluster://host",
                          "redis-cluster://host:0", "redis-cluster://host:70000",
                          "redis-cluster://host:12x", "redis-cluster://a:1,,b:2",
                          "redis-cluster://:7001"}) {
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

// The TLS hop, as in network mode: no plaintext, no untrusted certificate either way, and
// no private key readable by others.
class RedisClusterTlsTest : public RedisClusterStoreTest {
 protected:
  void SetUp() override {
    RedisClusterStoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(net::InitCa(dir_.path() / "ca", "another CA", net::ValidFor(1)).ok());
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
