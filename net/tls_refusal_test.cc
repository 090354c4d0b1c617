// What the server refuses before any scheme code runs, each with a clear error for the
// client and, where the server can know who it was, a log line: a plaintext connection,
// certificates from an unknown CA, a wrong host name, expired and not-yet-valid
// certificates, a client without a certificate, and a TLS 1.2 handshake from a real
// TLS client (openssl s_client).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "base/files.h"
#include "net/proto/index_service.grpc.pb.h"
#include "net/remote.h"
#include "net/testing/test_server.h"

namespace sselab::net {
namespace {

using sselab::testing::TempDir;
using std::chrono::hours;
using std::chrono::system_clock;

class TlsRefusalTest : public ::testing::Test {
 protected:
  TlsRefusalTest() : server_(dir_) {}

  // Lists indexes as `options` would; the error if refused.
  static Status Try(const RemoteOptions& options) {
    auto listed = ListRemoteIndexes(options);
    return listed.ok() ? OkStatus() : Status(listed.error());
  }
  // Lists indexes through gRPC with `creds`, not through sselab's client.
  grpc::Status ListWith(const std::shared_ptr<grpc::ChannelCredentials>& creds) {
    auto stub = proto::IndexService::NewStub(grpc::CreateChannel(server_.address(), creds));
    grpc::ClientContext context;
    context.set_deadline(system_clock::now() + std::chrono::seconds(5));
    proto::Empty request;
    proto::IndexList reply;
    return stub->ListIndexes(&context, request, &reply);
  }
  static void ExpectRefused(const Status& s, ErrorCode code) {
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code(), code) << s.error().ToString();
  }

  TempDir dir_;
  testing::TestServer server_;
};

TEST_F(TlsRefusalTest, AGrantedClientGetsIn) {
  EXPECT_TRUE(Try(server_.Remote("admin", "x")).ok());
}

TEST_F(TlsRefusalTest, PlaintextConnectionIsRefused) {
  grpc::Status status = ListWith(grpc::InsecureChannelCredentials());
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(TlsRefusalTest, ServerCertificateFromAnUnknownCaIsRefused) {
  testing::TestPki other(dir_ / "other-pki");
  RemoteOptions options = server_.Remote("admin", "x");
  options.tls.ca = other.ca_dir() / "ca.crt";  // the client trusts another CA
  ExpectRefused(Try(options), ErrorCode::kUnavailable);
}

TEST_F(TlsRefusalTest, ClientCertificateFromAnUnknownCaIsRefused) {
  testing::TestPki other(dir_ / "other-pki");
  RemoteOptions options = server_.Remote("admin", "x");
  TlsFiles foreign = other.ClientFiles("admin");  // same identity, another CA
  options.tls.cert = foreign.cert;
  options.tls.key = foreign.key;
  ExpectRefused(Try(options), ErrorCode::kUnavailable);
}

TEST_F(TlsRefusalTest, WrongHostNameIsRefused) {
  // The server's certificate names localhost and 127.0.0.1, not ::1's other spelling.
  RemoteOptions options = server_.Remote("admin", "x");
  options.server = "127.0.0.2:" + std::to_string(server_.server().port());
  Status s = Try(options);
  ExpectRefused(s, ErrorCode::kUnavailable);
}

TEST_F(TlsRefusalTest, ExpiredClientCertificateIsRefused) {
  const auto now = system_clock::now();
  server_.pki().Client("admin", {now - hours(48), now - hours(24)}, "expired");
  RemoteOptions options = server_.Remote("expired", "x");
  ExpectRefused(Try(options), ErrorCode::kUnavailable);
}

TEST_F(TlsRefusalTest, NotYetValidClientCertificateIsRefused) {
  const auto now = system_clock::now();
  server_.pki().Client("admin", {now + hours(24), now + hours(48)}, "future");
  RemoteOptions options = server_.Remote("future", "x");
  ExpectRefused(Try(options), ErrorCode::kUnavailable);
}

TEST_F(TlsRefusalTest, ClientWithoutCertificateIsRefused) {
  auto ca = ReadFileToString(server_.pki().ca_dir() / "ca.crt");
  ASSERT_TRUE(ca.ok());
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = *ca;  // verifies the server, presents nothing
  grpc::Status status = ListWith(grpc::SslCredentials(ssl));
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(TlsRefusalTest, KeyFileReadableByOthersIsRefused) {
  RemoteOptions options = server_.Remote("admin", "x");
  std::filesystem::permissions(options.tls.key, std::filesystem::perms(0644));
  Status s = Try(options);
  ExpectRefused(s, ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message().find("chmod 600"), std::string::npos);
}

// What `openssl s_client` offering only `version` to the server prints, with the
// admin's client certificate (so only the version can make the handshake fail). Its exit
// status says nothing about the handshake: after one, the server (HTTP/2, waiting for a
// preface that never comes) may close the connection, and s_client then exits 1.
std::string SClient(const testing::TestServer& server, const TlsFiles& client, const char* version,
                    const std::filesystem::path& log) {
  const std::string cmd = "echo | openssl s_client -connect 127.0.0.1:" +
                          std::to_string(const_cast<testing::TestServer&>(server).server().port()) +
                          " " + version + " -cert " + client.cert.string() + " -key " +
                          client.key.string() + " -CAfile " + client.ca.string() +
                          " -verify_return_error >" + log.string() + " 2>&1";
  (void)std::system(cmd.c_str());
  auto text = ReadFileToString(log);
  return text.ok() ? *text : std::string("(no output)");
}

TEST_F(TlsRefusalTest, Tls12HandshakeIsRefusedTls13Accepted) {
  if (std::system("command -v openssl >/dev/null 2>&1") != 0) {
    GTEST_FAIL() << "the openssl command is needed (Debian package openssl)";
  }
  const TlsFiles admin = server_.pki().ClientFiles("admin");
  const std::string tls12 = SClient(server_, admin, "-tls1_2", dir_ / "tls12.log");
  // Connected, and the handshake refused.
  EXPECT_NE(tls12.find("CONNECTED"), std::string::npos) << tls12;
  EXPECT_EQ(tls12.find("New, TLSv1.2"), std::string::npos) << "a TLS 1.2 handshake succeeded:\n"
                                                           << tls12;
  const std::string tls13 = SClient(server_, admin, "-tls1_3", dir_ / "tls13.log");
  EXPECT_NE(tls13.find("New, TLSv1.3, Cipher is TLS_"), std::string::npos)
      << "a TLS 1.3 handshake failed:\n"
      << tls13;
  EXPECT_NE(tls13.find("Verify return code: 0 (ok)"), std::string::npos) << tls13;
}

// Retries `attempt` for up to 10 s (the server re-reads its files every second).
bool Eventually(const std::function<bool()>& attempt) {
  for (int i = 0; i < 50; ++i) {
    if (attempt()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return false;
}

TEST_F(TlsRefusalTest, TrustedCasReloadWithoutRestart) {
  testing::TestPki other(dir_ / "other-pki");
  RemoteOptions options = server_.Remote("admin", "x");
  const TlsFiles foreign = other.ClientFiles("admin");
  options.tls.cert = foreign.cert;
  options.tls.key = foreign.key;
  ExpectRefused(Try(options), ErrorCode::kUnavailable);
  // The server now trusts both CAs: the same client gets in, with no restart.
  auto ours = ReadFileToString(server_.pki().ca_dir() / "ca.crt");
  auto theirs = ReadFileToString(other.ca_dir() / "ca.crt");
  ASSERT_TRUE(ours.ok() && theirs.ok());
  ASSERT_TRUE(WriteFileAtomically(server_.pki().ca_dir() / "ca.crt", *ours + *theirs).ok());
  EXPECT_TRUE(Eventually([&] { return Try(options).ok(); }));
}

TEST_F(TlsRefusalTest, GrantsReloadWithoutRestart) {
  RemoteOptions stranger = server_.Remote("stranger", "x");
  auto listed = ListRemoteIndexes(stranger);
  ASSERT_TRUE(listed.ok());  // listing is allowed to all, and shows nothing
  auto remote = ConnectRemote(stranger);
  ASSERT_TRUE(remote.ok());
  ExpectRefused((*remote)->CreateIndex("pibas", {}), ErrorCode::kPermissionDenied);
  ASSERT_TRUE(WriteFileAtomically(dir_ / "grants.toml",
                                  std::string(testing::kGrants) +
                                      "[[grant]]\nidentity = \"stranger\"\nindexes = [\"x\"]\n"
                                      "allow = [\"admin\"]\n")
                  .ok());
  EXPECT_TRUE(Eventually([&] { return (*remote)->CreateIndex("pibas", {}).ok(); }));
  EXPECT_NE(server_.Log().find("grants reloaded"), std::string::npos) << server_.Log();
  // A grant file that no longer parses leaves the grants in force.
  ASSERT_TRUE(WriteFileAtomically(dir_ / "grants.toml", "[[grant]]\nidentity = 3\n").ok());
  EXPECT_TRUE(Eventually([&] { return server_.Log().find("refused") != std::string::npos; }));
  EXPECT_TRUE((*remote)->CheckIndex("pibas").ok());
}

}  // namespace
}  // namespace sselab::net
