#include "net/internal/tls_credentials.h"

#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_certificate_verifier.h>
#include <grpcpp/security/tls_credentials_options.h>

#include <cstdlib>
#include <mutex>

namespace sselab::net {

namespace internal {
namespace {

// TLS 1.3's suites are named for the reader; OpenSSL takes them from its own TLS 1.3
// list. PSK-AES256-GCM-SHA384 is the only TLS 1.2 suite, and it needs a pre-shared key
// neither side has.
constexpr const char* kCipherSuites =
    "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256:"
    "PSK-AES256-GCM-SHA384";

std::shared_ptr<grpc::experimental::CertificateProviderInterface> Provider(const TlsFiles& files) {
  return std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      files.key.string(), files.cert.string(), files.ca.string(),
      static_cast<unsigned int>(files.refresh_seconds));
}

}  // namespace

void EnforceTls13() {
  static std::once_flag once;
  std::call_once(once, [] {
    ::setenv("GRPC_SSL_CIPHER_SUITES", kCipherSuites, 1);
    // The system's resolver (getaddrinfo) rather than gRPC's c-ares one, unless the user
    // chose: Debian's c-ares leaks a few bytes per resolution under gRPC 1.51 (seen by
    // LeakSanitizer on every connection).
    ::setenv("GRPC_DNS_RESOLVER", "native", 0);
  });
}

Result<std::shared_ptr<grpc::ServerCredentials>> ServerCredentials(const TlsFiles& files) {
  SSELAB_RETURN_IF_ERROR(CheckTlsFiles(files, "server"));
  EnforceTls13();
  grpc::experimental::TlsServerCredentialsOptions options(Provider(files));
  options.watch_root_certs();
  options.watch_identity_key_cert_pairs();
  options.set_cert_request_type(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  auto creds = grpc::experimental::TlsServerCredentials(options);
  if (creds == nullptr) return InternalError("gRPC refused the server's TLS options");
  return creds;
}

Result<std::shared_ptr<grpc::ChannelCredentials>> ClientCredentials(const TlsFiles& files) {
  SSELAB_RETURN_IF_ERROR(CheckTlsFiles(files, "client"));
  EnforceTls13();
  grpc::experimental::TlsChannelCredentialsOptions options;
  options.set_certificate_provider(Provider(files));
  options.watch_root_certs();
  options.watch_identity_key_cert_pairs();
  options.set_verify_server_certs(true);
  options.set_certificate_verifier(
      std::make_shared<grpc::experimental::HostNameCertificateVerifier>());
  options.set_check_call_host(true);
  auto creds = grpc::experimental::TlsCredentials(options);
  if (creds == nullptr) return InternalError("gRPC refused the client's TLS options");
  return creds;
}

}  // namespace internal
}  // namespace sselab::net
