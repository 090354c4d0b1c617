// NetServer: `sselab serve` as a library. One process, many indexes (an IndexHost over a
// data directory), gRPC over mutual TLS 1.3 (net/tls_files.h), grants per identity and
// index (net/grants.h). There is no plaintext listener and no switch to make one.
//
// Thread safety: Start returns a running server; Shutdown and Wait may be called from any
// thread, once each.
#ifndef SSELAB_NET_SERVER_H_
#define SSELAB_NET_SERVER_H_

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "base/result.h"
#include "index/registry.h"
#include "index/server_store.h"
#include "net/tls_files.h"
#include "storage/rocks_store.h"

namespace sselab::net {

struct ServeOptions {
  // HOST:PORT to listen on; port 0 picks a free one (NetServer::port()).
  std::string listen = "127.0.0.1:7443";
  std::filesystem::path data_dir;
  TlsFiles tls;
  // Required: with no grant file nobody could do anything. Re-read when it changes
  // (checked every tls.refresh_seconds); a file that no longer parses is reported in the
  // log and the grants in force stay.
  std::filesystem::path grants_file;
  // The largest request or reply, in bytes; larger ones are refused (RESOURCE_EXHAUSTED
  // for the sender, the server goes on). Above index::kMaxStoreValue (64 MiB), so that any
  // entry a setup may carry fits.
  size_t max_message_bytes = 72 << 20;
  storage::RocksStoreOptions store_options;
  // Where new indexes keep their stores (net/index_host.h HostOptions::store): RocksDB in
  // the data directory, or namespaces on a Redis Cluster (--store redis-cluster://...).
  index::ServerStoreConfig store;
  // Empty: no recording. Otherwise each index's server view is recorded and written here
  // in the leakage lab's format (net/index_host.h, "Recording"): on flush, on drop and at
  // shutdown.
  std::filesystem::path record_dir;
  // Where log lines go (one call per line, no trailing newline); default: stderr with a
  // UTC timestamp.
  std::function<void(const std::string&)> log;
};

class NetServer {
 public:
  // Opens the data directory, loads the grants, starts listening. Errors: those of
  // CheckTlsFiles, Grants::Load and IndexHost::Open; kUnavailable if the address cannot be
  // bound. `registry` outlives the server.
  static Result<std::unique_ptr<NetServer>> Start(const index::Registry& registry,
                                                  ServeOptions options);
  ~NetServer();
  NetServer(const NetServer&) = delete;
  NetServer& operator=(const NetServer&) = delete;

  // The port listened on.
  int port() const;
  // Stops accepting calls, lets running ones finish (up to `grace_ms`), closes the stores.
  void Shutdown(int grace_ms = 5000);
  // Blocks until Shutdown.
  void Wait();

 private:
  struct State;
  explicit NetServer(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace sselab::net

#endif  // SSELAB_NET_SERVER_H_
