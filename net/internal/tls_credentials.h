// gRPC credentials for sselab's mutual TLS 1.3, from TlsFiles.
//
// TLS 1.3 only. Debian's gRPC (1.51) offers no API to raise its minimum from TLS 1.2, so
// the policy is set through the cipher list gRPC hands OpenSSL (GRPC_SSL_CIPHER_SUITES,
// read once per process): its only TLS 1.2 suite is a pre-shared-key suite, and no sselab
// party has a pre-shared key, so a TLS 1.2 handshake finds no common suite and fails,
// in both directions. TLS 1.3's suites are configured apart from that list and stay
// OpenSSL's defaults. net/tls_refusal_test.cc proves it with `openssl s_client -tls1_2`.
#ifndef SSELAB_NET_INTERNAL_TLS_CREDENTIALS_H_
#define SSELAB_NET_INTERNAL_TLS_CREDENTIALS_H_

#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>

#include <memory>

#include "base/result.h"
#include "net/tls_files.h"

namespace sselab::net::internal {

// Sets the process's gRPC TLS policy above (and the system's DNS resolver, unless
// GRPC_DNS_RESOLVER is set). Idempotent; must run before gRPC makes its first TLS
// context (every function below calls it).
void EnforceTls13();

// Requires and verifies a client certificate from `files.ca`.
Result<std::shared_ptr<grpc::ServerCredentials>> ServerCredentials(const TlsFiles& files);
// Verifies the server's chain against `files.ca` and its name against the host the
// channel is created for; presents `files.cert` as the client's certificate.
Result<std::shared_ptr<grpc::ChannelCredentials>> ClientCredentials(const TlsFiles& files);

}  // namespace sselab::net::internal

#endif  // SSELAB_NET_INTERNAL_TLS_CREDENTIALS_H_
