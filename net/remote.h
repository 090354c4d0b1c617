// The client side of network mode: an index whose server half runs in `sselab serve`.
//
//   auto remote = net::ConnectRemote({.server = "search.example:7443", .index = "mail",
//                                     .tls = {.cert = "alice.crt", .key = "alice.key",
//                                             .ca = "ca.crt"}});
//   index::CreateOptions create{.scheme = "diana", .dir = "mail", .remote = *remote};
//   auto idx = index::EncryptedIndex::Create(registry, create, corpus);   // builds remotely
//   ...
//   auto again = net::OpenIndex(registry, {.dir = "mail"});  // reads mail/client/remote.json
//
// The scheme's messages cross unchanged; only the channel differs from the local case.
// Every call has a deadline; a call that fails because the server is unreachable is
// retried (scheme requests are idempotent: the client computes every entry, so sending
// one twice writes the same entries), except a build's setup messages, which the server
// collects in memory until the commit: those fail the build, which then drops the index. Thread
// safety: a RemoteServer and its channels may be used from many threads at once.
#ifndef SSELAB_NET_REMOTE_H_
#define SSELAB_NET_REMOTE_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "index/encrypted_index.h"
#include "index/remote_server.h"
#include "net/tls_files.h"

namespace sselab::net {

struct RemoteOptions {
  std::string server;       // HOST:PORT; HOST must be a name (or IP) in the server's certificate
  std::string index;        // the index's name on the server
  TlsFiles tls;             // this client's certificate, key and the CA of the server's
  int deadline_ms = 60000;  // per call
  int attempts = 4;         // calls that find the server unreachable are retried
  size_t max_message_bytes = 72 << 20;  // as ServeOptions'
};

// Checks the options (TLS files, names) and prepares a connection; connects lazily, so an
// unreachable server shows at the first call. kInvalidArgument / kNotFound for bad options.
Result<std::shared_ptr<index::RemoteServer>> ConnectRemote(const RemoteOptions& options);

// The options an index built remotely kept in DIR/client/remote.json. kNotFound if DIR
// holds no such file (a local index), kCorruption naming the file if it is malformed.
Result<RemoteOptions> ReadRemoteOptions(const std::filesystem::path& dir);

// Opens the index at options.dir wherever its server half is: through the server named in
// DIR/client/remote.json, or locally.
Result<std::unique_ptr<index::EncryptedIndex>> OpenIndex(const index::Registry& registry,
                                                         index::OpenOptions options);

// What the server holds that this client's identity may see (ListIndexes).
struct RemoteIndexInfo {
  std::string name;
  std::string scheme;
  std::vector<std::string> params;
  std::string created_utc;
  uint64_t server_bytes = 0;
  bool recording = false;  // the server records what it sees of it (serve --record)
};
Result<std::vector<RemoteIndexInfo>> ListRemoteIndexes(const RemoteOptions& options);
// The scheme messages a RemoteServer's channels carried: calls, and the bytes of their
// requests and reply frames (gRPC's and TLS's framing not included, about 50 bytes a call).
struct Traffic {
  uint64_t calls = 0;
  uint64_t request_bytes = 0;
  uint64_t reply_bytes = 0;
};
Result<Traffic> TrafficOf(index::RemoteServer& remote);

// What a recording server has recorded of options.index so far: a view file
// (leakage/transcript_file.h), as bytes. kFailedPrecondition if the server does not
// record; kPermissionDenied without the admin grant on the index.
Result<Bytes> FetchRecording(const RemoteOptions& options);

// The round trip of one call with no work behind it (Ping with `payload_bytes`), in
// nanoseconds: the network's and the service's share of any remote call.
Result<uint64_t> PingNanos(index::RemoteServer& remote, size_t payload_bytes = 0);

}  // namespace sselab::net

#endif  // SSELAB_NET_REMOTE_H_
