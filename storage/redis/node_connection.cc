#include "storage/redis/node_connection.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sselab::storage::redis {
namespace {

SSL_CTX* Ctx(const TlsContext& tls) { return static_cast<SSL_CTX*>(tls.native()); }

// What OpenSSL's error queue says, drained (reasons name a library and a cause, never data).
std::string DrainOpenSslErrors() {
  std::string out;
  while (const unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof(buf));
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "no detail from OpenSSL" : out;
}

bool IsIpLiteral(const std::string& host) {
  in6_addr v6{};
  in_addr v4{};
  return inet_pton(AF_INET, host.c_str(), &v4) == 1 || inet_pton(AF_INET6, host.c_str(), &v6) == 1;
}

// A write to a socket the peer closed raises SIGPIPE, whose default action ends the
// process. Blocking it in this thread for the write, and consuming one raised meanwhile,
// keeps a library from changing its host program's signal handling.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    blocked_ = pthread_sigmask(SIG_BLOCK, &pipe, &old_) == 0;
  }
  ~SigpipeGuard() {
    if (!blocked_) return;
    sigset_t pending;
    sigpending(&pending);
    if (!was_pending_ && sigismember(&pending, SIGPIPE) == 1) {
      sigset_t pipe;
      sigemptyset(&pipe);
      sigaddset(&pipe, SIGPIPE);
      const timespec zero{0, 0};
      while (sigtimedwait(&pipe, nullptr, &zero) == -1 && errno == EINTR) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;

 private:
  sigset_t old_{};
  bool blocked_ = false;
  bool was_pending_ = false;
};

Result<int> ConnectTcp(const Endpoint& node, std::chrono::milliseconds timeout) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(node.port);
  if (const int rc = getaddrinfo(node.host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return UnavailableError("Redis node " + node.ToString() + ": cannot resolve the host (" +
                            gai_strerror(rc) + ")");
  }
  std::string last = "no address";
  int fd = -1;
  for (addrinfo* a = found; a != nullptr && fd < 0; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
    if (fd < 0) {
      last = std::strerror(errno);
      continue;
    }
    int rc = connect(fd, a->ai_addr, a->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      rc = poll(&p, 1, static_cast<int>(timeout.count()));
      if (rc == 0) {
        last = "timed out after " + std::to_string(timeout.count()) + " ms";
        rc = -1;
      } else if (rc > 0) {
        int err = 0;
        socklen_t len = sizeof(err);
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
        rc = err == 0 ? 0 : -1;
        if (err != 0) last = std::strerror(err);
      } else {
        last = std::strerror(errno);
      }
    } else if (rc != 0) {
      last = std::strerror(errno);
    }
    if (rc != 0) {
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(found);
  if (fd < 0)
    return UnavailableError("Redis node " + node.ToString() + ": cannot connect (" + last + ")");
  // Blocking from here on, with the timeout on every read and write.
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  timeval tv{static_cast<time_t>(timeout.count() / 1000),
             static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  return fd;
}

}  // namespace

Result<std::shared_ptr<const TlsContext>> TlsContext::Load(const TlsFiles& files) {
  SSELAB_RETURN_IF_ERROR(CheckTlsFiles(files, "store", "--store-tls"));
  std::shared_ptr<TlsContext> tls(new TlsContext());
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (ctx == nullptr) return InternalError("store: SSL_CTX_new: " + DrainOpenSslErrors());
  tls->ctx_ = ctx;
  SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
  SSL_CTX_set_mode(ctx, SSL_MODE_AUTO_RETRY);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  if (SSL_CTX_load_verify_locations(ctx, files.ca.c_str(), nullptr) != 1) {
    return InvalidArgumentError("store: --store-tls-ca " + files.ca.string() +
                                " holds no usable CA certificate: " + DrainOpenSslErrors());
  }
  if (SSL_CTX_use_certificate_chain_file(ctx, files.cert.c_str()) != 1) {
    return InvalidArgumentError("store: --store-tls-cert " + files.cert.string() +
                                " holds no usable certificate: " + DrainOpenSslErrors());
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, files.key.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(ctx) != 1) {
    return InvalidArgumentError("store: --store-tls-key " + files.key.string() +
                                " is not the private key of " + files.cert.string() + ": " +
                                DrainOpenSslErrors());
  }
  return std::shared_ptr<const TlsContext>(std::move(tls));
}

TlsContext::~TlsContext() { SSL_CTX_free(static_cast<SSL_CTX*>(ctx_)); }

Result<std::unique_ptr<NodeConnection>> NodeConnection::Connect(
    const Endpoint& node, std::shared_ptr<const TlsContext> tls,
    std::chrono::milliseconds timeout) {
  std::unique_ptr<NodeConnection> c(new NodeConnection());
  c->endpoint_ = node;
  c->tls_ = std::move(tls);
  SSELAB_ASSIGN_OR_RETURN(c->fd_, ConnectTcp(node, timeout));
  ERR_clear_error();
  SSL* ssl = SSL_new(Ctx(*c->tls_));
  if (ssl == nullptr) return InternalError("store: SSL_new: " + DrainOpenSslErrors());
  c->ssl_ = ssl;
  SSL_set_fd(ssl, c->fd_);
  if (IsIpLiteral(node.host)) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), node.host.c_str());
  } else {
    // SSL_set_tlsext_host_name, without the macro's C cast.
    SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
             const_cast<char*>(node.host.c_str()));
    SSL_set1_host(ssl, node.host.c_str());
  }
  SigpipeGuard guard;
  if (SSL_connect(ssl) != 1) {
    const long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK) {
      return PermissionDeniedError("Redis node " + node.ToString() +
                                   ": its TLS certificate is not trusted (" +
                                   X509_verify_cert_error_string(verify) + ")");
    }
    const std::string detail = DrainOpenSslErrors();
    if (detail == "no detail from OpenSSL") {
      return UnavailableError("Redis node " + node.ToString() +
                              ": the connection closed during the TLS handshake");
    }
    return PermissionDeniedError("Redis node " + node.ToString() + ": TLS handshake failed (" +
                                 detail + ")");
  }
  // In TLS 1.3 the node judges our certificate after the client's handshake is done: a
  // PING makes a refusal show here, as the error it is, and not at the first request.
  // The node sends its alert and closes. If the close reached us first, the PING's write
  // fails with the connection reset, and the alert may still wait in the socket.
  auto pong = c->Pipeline("*1\r\n$4\r\nPING\r\n", 1);
  if (!pong.ok()) {
    std::string why = pong.error().message();
    if (why.find("alert") == std::string::npos && why.find("sending failed") != std::string::npos) {
      if (std::string alert = c->ReadAfterCut(); !alert.empty()) why = alert;
    }
    if (pong.error().code() == ErrorCode::kUnavailable && why.find("alert") != std::string::npos) {
      return PermissionDeniedError("Redis node " + node.ToString() +
                                   " refused sselab's TLS certificate (" + why + ")");
    }
    return pong.error();
  }
  if (pong->front().is_error()) {
    return UnavailableError("Redis node " + node.ToString() + ": PING answered " +
                            pong->front().str);
  }
  return c;
}

NodeConnection::~NodeConnection() {
  if (ssl_ != nullptr) {
    auto* ssl = static_cast<SSL*>(ssl_);
    if (!broken_) {
      SigpipeGuard guard;
      SSL_shutdown(ssl);
    }
    SSL_free(ssl);
  }
  if (fd_ >= 0) close(fd_);
}

Error NodeConnection::Fail(Error error) {
  broken_ = true;
  return error;
}

std::string NodeConnection::ReadAfterCut() {
  auto* ssl = static_cast<SSL*>(ssl_);
  SigpipeGuard guard;
  ERR_clear_error();
  char byte = 0;
  size_t n = 0;
  if (SSL_read_ex(ssl, &byte, 1, &n) == 1) return "";
  if (SSL_get_error(ssl, 0) != SSL_ERROR_SSL) return "";
  return DrainOpenSslErrors();
}

Result<std::vector<Reply>> NodeConnection::Pipeline(const std::string& requests, size_t count) {
  SSELAB_RETURN_IF_ERROR(Send(requests));
  return Receive(count);
}

Status NodeConnection::Send(const std::string& requests) {
  if (broken_)
    return UnavailableError("Redis node " + endpoint_.ToString() + ": connection broken");
  auto* ssl = static_cast<SSL*>(ssl_);
  SigpipeGuard guard;
  {
    size_t sent = 0;
    while (sent < requests.size()) {
      ERR_clear_error();
      size_t n = 0;
      if (SSL_write_ex(ssl, requests.data() + sent, requests.size() - sent, &n) != 1) {
        const int err = SSL_get_error(ssl, 0);
        const std::string why =
            err == SSL_ERROR_SYSCALL ? std::strerror(errno) : DrainOpenSslErrors();
        return Fail(UnavailableError("Redis node " + endpoint_.ToString() + ": sending failed (" +
                                     why + ")"));
      }
      sent += n;
    }
  }
  return OkStatus();
}

Result<std::vector<Reply>> NodeConnection::Receive(size_t count) {
  if (broken_)
    return UnavailableError("Redis node " + endpoint_.ToString() + ": connection broken");
  auto* ssl = static_cast<SSL*>(ssl_);
  SigpipeGuard guard;  // SSL_read writes too (an alert, a key update's answer)
  std::vector<Reply> replies;
  replies.reserve(count);
  char buf[64 * 1024];
  while (replies.size() < count) {
    auto next = reader_.Next();
    if (!next.ok()) return Fail(next.error());
    if (next->has_value()) {
      replies.push_back(std::move(**next));
      continue;
    }
    ERR_clear_error();
    size_t n = 0;
    if (SSL_read_ex(ssl, buf, sizeof(buf), &n) != 1) {
      const int err = SSL_get_error(ssl, 0);
      std::string why;
      if (err == SSL_ERROR_ZERO_RETURN) {
        why = "the node closed the connection";
      } else if (err == SSL_ERROR_SYSCALL) {
        why = errno == EAGAIN || errno == EWOULDBLOCK ? std::string("timed out")
              : errno == 0                            ? std::string("the connection was cut")
                                                      : std::string(std::strerror(errno));
      } else {
        why = DrainOpenSslErrors();
      }
      return Fail(UnavailableError("Redis node " + endpoint_.ToString() + ": reading failed (" +
                                   why + ")"));
    }
    reader_.Feed(std::string_view(buf, n));
  }
  return replies;
}

}  // namespace sselab::storage::redis
