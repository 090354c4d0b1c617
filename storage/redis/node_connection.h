// One TLS connection to one Redis node, and the client TLS context all of them share.
//
// TLS 1.3 only. The node must present a certificate that chains to the CA in
// TlsFiles::ca and names the host dialled (an iPAddress SAN for an IP literal, else a
// dNSName, checked by OpenSSL's host verification); sselab presents TlsFiles::cert, which
// the node checks against its own CA (tls-auth-clients yes). No plaintext fallback exists.
//
// Errors: kUnavailable when the node cannot be reached or the connection breaks or times
// out (a failover in progress looks like this; the cluster layer retries), kPermissionDenied
// when the TLS handshake fails (an untrusted certificate on either side: never retried),
// kCorruption for bytes that are not the protocol. After any error the connection is
// unusable and must be dropped.
// Thread safety: a connection is used by one thread at a time; the context is shared and
// immutable once loaded.
#ifndef SSELAB_STORAGE_REDIS_NODE_CONNECTION_H_
#define SSELAB_STORAGE_REDIS_NODE_CONNECTION_H_

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/tls_files.h"
#include "storage/redis/resp.h"

namespace sselab::storage::redis {

class TlsContext {
 public:
  // Reads the certificate, key and CA (checked first with CheckTlsFiles, options named
  // --store-tls-*). kInvalidArgument / kNotFound / kIoError as that check says; kInvalidArgument
  // if OpenSSL cannot use a file (naming it).
  static Result<std::shared_ptr<const TlsContext>> Load(const TlsFiles& files);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  void* native() const { return ctx_; }  // SSL_CTX*

 private:
  TlsContext() = default;
  void* ctx_ = nullptr;
};

struct Endpoint {
  std::string host;
  int port = 0;
  std::string ToString() const { return host + ":" + std::to_string(port); }
  bool operator==(const Endpoint&) const = default;
};

class NodeConnection {
 public:
  static Result<std::unique_ptr<NodeConnection>> Connect(const Endpoint& node,
                                                         std::shared_ptr<const TlsContext> tls,
                                                         std::chrono::milliseconds timeout);
  ~NodeConnection();
  NodeConnection(const NodeConnection&) = delete;
  NodeConnection& operator=(const NodeConnection&) = delete;

  const Endpoint& endpoint() const { return endpoint_; }

  // Sends `requests` (commands already in the protocol's form, AppendCommand) in one write
  // and reads `count` replies, in order. Error replies are replies, not errors.
  Result<std::vector<Reply>> Pipeline(const std::string& requests, size_t count);
  // The two halves of Pipeline, so that one thread can send to every node before it reads
  // from any (a node buffers its replies meanwhile).
  Status Send(const std::string& requests);
  Result<std::vector<Reply>> Receive(size_t count);

 private:
  NodeConnection() = default;
  Error Fail(Error error);
  // After a write that failed because the node cut the connection: what OpenSSL makes of
  // the records the node sent before it closed (its alert, when it refused our
  // certificate), or "" if nothing is left to read.
  std::string ReadAfterCut();

  Endpoint endpoint_;
  std::shared_ptr<const TlsContext> tls_;
  int fd_ = -1;
  void* ssl_ = nullptr;  // SSL*
  ReplyReader reader_;
  bool broken_ = false;
};

}  // namespace sselab::storage::redis

#endif  // SSELAB_STORAGE_REDIS_NODE_CONNECTION_H_
