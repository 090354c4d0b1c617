#include "net/internal/tls_credentials.h"

#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_certificate_verifier.h>
#include <grpcpp/security/tls_credentials_options.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>

namespace sselab::net {

Status CheckTlsFiles(const TlsFiles& files, std::string_view role) {
  const std::string who(role);
  struct Named {
    const std::filesystem::path& path;
    const char* option;
  };
  for (const Named& f : {Named{files.cert, "--tls-cert"}, Named{files.key, "--tls-key"},
                         Named{files.ca, "--tls-ca"}}) {
    if (f.path.empty()) {
      return InvalidArgumentError(who + ": " + f.option +
                                  " is required (there is no connection without TLS)");
    }
    struct stat st {};
    if (::stat(f.path.c_str(), &st) != 0) {
      return NotFoundError(who + ": " + f.option + " " + f.path.string() + " does not exist");
    }
    if (!S_ISREG(st.st_mode)) {
      return InvalidArgumentError(who + ": " + f.option + " " + f.path.string() +
                                  " is not a regular file");
    }
    if (&f.path == &files.key && (st.st_mode & 077) != 0) {
      return InvalidArgumentError(who + ": private key " + f.path.string() +
                                  " is readable by others; run chmod 600 " + f.path.string());
    }
    if (::access(f.path.c_str(), R_OK) != 0) {
      return IoError(who + ": cannot read " + f.path.string());
    }
  }
  if (files.refresh_seconds < 1) {
    return InvalidArgumentError(who + ": the TLS files' refresh interval must be >= 1 s");
  }
  return OkStatus();
}

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
