// `sselab serve`: the server halves of many indexes, over gRPC with mutual TLS 1.3.
#include <csignal>
#include <cstdio>
#include <thread>

#include "net/server.h"
#include "schemes/builtin.h"
#include "tools/cli_util.h"
#include "tools/commands.h"

namespace sselab::tools {
namespace {

struct ServeCliOptions {
  net::ServeOptions serve;
  uint64_t max_message_mb = 72;
  uint64_t block_cache_mb = 256;
};

int RunServe(ServeCliOptions o) {
  o.serve.max_message_bytes = o.max_message_mb << 20;
  o.serve.store_options.block_cache_bytes = o.block_cache_mb << 20;
  // SIGINT and SIGTERM end the server cleanly: blocked here (threads inherit the mask)
  // and taken by sigwait below, so that no handler runs inside gRPC or RocksDB.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto server = net::NetServer::Start(schemes::BuiltinRegistry(), o.serve);
  if (!server.ok()) return Fail(server.error().WithContext("serve"));
  int received = 0;
  sigwait(&signals, &received);
  std::fprintf(stderr, "sselab serve: %s received, stopping\n",
               received == SIGINT ? "SIGINT" : "SIGTERM");
  (*server)->Shutdown();
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand(
      "serve",
      "Serve the server halves of indexes to remote clients, over gRPC with mutual TLS 1.3.\n"
      "Clients build with `sselab index build --server HOST:PORT ...`; the index's server\n"
      "state then lives under DATA/indexes/NAME and holds no key. Every connection is TLS\n"
      "1.3 with certificates checked on both sides; there is no plaintext mode. Who may do\n"
      "what is in the grant file (TOML, re-read when it changes):\n"
      "  [[grant]]\n"
      "  identity = \"alice\"          # the client certificate's subject CN\n"
      "  indexes = [\"mail\"]          # or [\"*\"] for every index\n"
      "  allow = [\"search\", \"update\"] # search | update | admin (create, build, drop)\n"
      "Set up a private CA with `sselab pki init` and `sselab pki issue`.\n"
      "With --record DIR the server records what it sees of each index (requests,\n"
      "replies, store accesses, the entries at rest) and writes it to DIR/NAME.view in\n"
      "the leakage lab's format, on flush, drop and shutdown: `sselab leakage measure\n"
      "DIR/NAME.view` then measures what this real server observed. Recording runs each\n"
      "index's requests one at a time and keeps the view in memory: a lab tool, not for\n"
      "production load.\n"
      "With --store redis-cluster://HOST:PORT,... (and --store-tls-cert, -key, -ca) each\n"
      "index created from then on keeps its store in a namespace of its own on that Redis\n"
      "Cluster, over TLS 1.3; DATA/indexes/NAME/store.json names it.\n"
      "Stops on SIGINT or SIGTERM, letting running calls finish.");
  auto o = std::make_shared<ServeCliOptions>();
  cmd->add_option("--listen", o->serve.listen, "HOST:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  cmd->add_option("--data", o->serve.data_dir, "Data directory (created if missing, mode 0700)")
      ->required();
  cmd->add_option("--grants", o->serve.grants_file, "Grant file (TOML, see above)")->required();
  AddTlsOptions(*cmd, o->serve.tls, "server");
  cmd->add_option("--record", o->serve.record_dir,
                  "Record each index's server view to DIR/NAME.view (created, mode 0700)");
  cmd->add_option("--max-message-mb", o->max_message_mb,
                  "Largest request or reply (MiB); larger ones are refused")
      ->capture_default_str()
      ->check(CLI::Range(1, 2047));
  cmd->add_option("--block-cache-mb", o->block_cache_mb, "RocksDB block cache per index (MiB)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 20));
  AddStoreOptions(*cmd, o->serve.store);
  cmd->callback([&run, o] { run = [o] { return RunServe(*o); }; });
}

}  // namespace sselab::tools
