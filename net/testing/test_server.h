// A private CA, certificates and a running NetServer on a loopback port, for net's tests.
//
// Identities: "admin" (admin, search and update on every index), "reader" (search on
// "shared" only), "stranger" (a valid certificate, no grant).
#ifndef SSELAB_NET_TESTING_TEST_SERVER_H_
#define SSELAB_NET_TESTING_TEST_SERVER_H_

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/files.h"
#include "net/pki.h"
#include "net/remote.h"
#include "net/server.h"
#include "schemes/builtin.h"
#include "tests/testing/temp_dir.h"

namespace sselab::net::testing {

inline constexpr char kGrants[] = R"(
[[grant]]
identity = "admin"
indexes = ["*"]
allow = ["admin", "search", "update"]

[[grant]]
identity = "reader"
indexes = ["shared"]
allow = ["search"]
)";

class TestPki {
 public:
  explicit TestPki(const std::filesystem::path& dir) : dir_(dir) {
    Expect(InitCa(ca_dir(), "sselab test CA", ValidFor(365)));
    Expect(IssueCertificate(ca_dir(), {.kind = CertKind::kServer,
                                       .names = {"localhost", "127.0.0.1"},
                                       .validity = ValidFor(30),
                                       .cert_out = dir_ / "server.crt",
                                       .key_out = dir_ / "server.key"}));
    for (const char* id : {"admin", "reader", "stranger"}) Client(id, ValidFor(30));
  }
  // Issues a client certificate for `identity` under `name` (default: the identity).
  TlsFiles Client(const std::string& identity, const Validity& validity, std::string name = "") {
    if (name.empty()) name = identity;
    Expect(IssueCertificate(ca_dir(), {.kind = CertKind::kClient,
                                       .names = {identity},
                                       .validity = validity,
                                       .cert_out = dir_ / (name + ".crt"),
                                       .key_out = dir_ / (name + ".key")}));
    return ClientFiles(name);
  }
  TlsFiles ClientFiles(const std::string& name) const {
    return {
        .cert = dir_ / (name + ".crt"), .key = dir_ / (name + ".key"), .ca = ca_dir() / "ca.crt"};
  }
  TlsFiles ServerFiles() const {
    return {.cert = dir_ / "server.crt", .key = dir_ / "server.key", .ca = ca_dir() / "ca.crt"};
  }
  std::filesystem::path ca_dir() const { return dir_ / "ca"; }

 private:
  static void Expect(const Status& s) { ASSERT_TRUE(s.ok()) << s.error().ToString(); }
  std::filesystem::path dir_;
};

// A server with the grants above, its log kept for assertions.
class TestServer {
 public:
  // Above a build's 4 MiB setup chunks, small enough to send one more in a test.
  static constexpr size_t kMaxMessageBytes = 8 << 20;
  // `record_dir`: where the server records each index's view (net/index_host.h); empty:
  // no recording.
  // `store`: where new indexes keep their stores (default: RocksDB in the data directory).
  explicit TestServer(const sselab::testing::TempDir& dir, std::filesystem::path record_dir = {},
                      index::ServerStoreConfig store = {})
      : dir_(dir), pki_(dir / "pki"), record_dir_(std::move(record_dir)), store_(std::move(store)) {
    EXPECT_TRUE(WriteFileAtomically(dir / "grants.toml", kGrants).ok());
    Start();
  }
  // Stops the server and starts another on the same data and port.
  void Restart() {
    const int port = server_->port();
    server_.reset();
    Start(port);
  }
  void Start(int port = 0) {
    const sselab::testing::TempDir& dir = dir_;
    TlsFiles tls = pki_.ServerFiles();
    tls.refresh_seconds = 1;  // the reload tests wait for it
    auto server = NetServer::Start(schemes::BuiltinRegistry(),
                                   {.listen = "127.0.0.1:" + std::to_string(port),
                                    .data_dir = dir / "data",
                                    .tls = tls,
                                    .grants_file = dir / "grants.toml",
                                    .max_message_bytes = kMaxMessageBytes,
                                    .store_options = {.block_cache_bytes = 8 << 20,
                                                      .write_buffer_bytes = 4 << 20,
                                                      .background_threads = 1},
                                    .store = store_,
                                    .record_dir = record_dir_,
                                    .log = [this](const std::string& line) {
                                      std::lock_guard lock(mu_);
                                      log_.push_back(line);
                                    }});
    EXPECT_TRUE(server.ok()) << server.error().ToString();
    if (server.ok()) server_ = std::move(server).value();
  }
  TestPki& pki() { return pki_; }
  NetServer& server() { return *server_; }
  std::string address() const { return "localhost:" + std::to_string(server_->port()); }
  RemoteOptions Remote(const std::string& identity, const std::string& index) {
    return {.server = address(),
            .index = index,
            .tls = pki_.ClientFiles(identity),
            .deadline_ms = 20000,
            .attempts = 2};
  }
  // Every log line so far, joined.
  std::string Log() {
    std::lock_guard lock(mu_);
    std::string out;
    for (const auto& l : log_) out += l + "\n";
    return out;
  }

 private:
  const sselab::testing::TempDir& dir_;
  TestPki pki_;
  std::filesystem::path record_dir_;
  index::ServerStoreConfig store_;
  std::mutex mu_;
  std::vector<std::string> log_;
  std::unique_ptr<NetServer> server_;
};

// One server for a whole parametrised suite (starting one per scheme would test TLS set-up,
// not the schemes); `kRecord`: the server records into DIR/record.
template <typename Param, bool kRecord = false>
class SharedServerTest : public ::testing::TestWithParam<Param> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new sselab::testing::TempDir();
    server_ = new TestServer(*dir_, kRecord ? *dir_ / "record" : std::filesystem::path());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
    server_ = nullptr;
    dir_ = nullptr;
  }
  static inline sselab::testing::TempDir* dir_ = nullptr;
  static inline TestServer* server_ = nullptr;
};

}  // namespace sselab::net::testing

#endif  // SSELAB_NET_TESTING_TEST_SERVER_H_
