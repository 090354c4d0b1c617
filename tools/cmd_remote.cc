// `sselab remote`: what a `sselab serve` holds for this client's identity, and dropping an
// index there. The server is named either by an index directory built with --server (its
// client/remote.json) or by --server and the --tls-* options.
#include <cstdio>
#include <string>

#include "index/encrypted_index.h"
#include "net/remote.h"
#include "tools/cli_util.h"
#include "tools/commands.h"

namespace sselab::tools {
namespace {

struct RemoteCliOptions {
  std::string db;
  net::RemoteOptions remote;
  bool yes = false;
};

// The connection options from --db, or from --server and --tls-*; `index` is required
// for the calls that act on one index.
Result<net::RemoteOptions> Resolve(const RemoteCliOptions& o, bool need_index) {
  if (!o.db.empty()) {
    if (!o.remote.server.empty()) {
      return InvalidArgumentError("give --db or --server, not both");
    }
    auto from_db = net::ReadRemoteOptions(o.db);
    if (!from_db.ok() && from_db.error().code() == ErrorCode::kNotFound) {
      return InvalidArgumentError(o.db + " is a local index (it has no " +
                                  index::EncryptedIndex::RemoteConfigPath(o.db).string() + ")");
    }
    return from_db;
  }
  if (o.remote.server.empty()) {
    return InvalidArgumentError(
        "name the server: --db DIR (an index built with --server) or "
        "--server HOST:PORT with --tls-cert, --tls-key, --tls-ca");
  }
  if (need_index && o.remote.index.empty()) {
    return InvalidArgumentError("--index NAME is required with --server");
  }
  net::RemoteOptions options = o.remote;
  if (options.index.empty()) options.index = "-";  // not sent: the calls name no index
  return options;
}

int RunList(const RemoteCliOptions& o) {
  auto options = Resolve(o, false);
  if (!options.ok()) return Fail(options.error());
  auto listed = net::ListRemoteIndexes(*options);
  if (!listed.ok()) return Fail(listed.error());
  Table t({"index", "scheme", "parameters", "created", "on the server", "recorded"});
  for (const auto& info : *listed) {
    std::string params;
    for (const auto& p : info.params) params += (params.empty() ? "" : ",") + p;
    t.Add({info.name, info.scheme, params.empty() ? "-" : params, info.created_utc,
           HumanBytes(info.server_bytes), info.recording ? "yes" : "no"});
  }
  std::printf("%s", t.Render().c_str());
  std::fprintf(stderr, "%zu indexes your identity holds a grant on, at %s\n", listed->size(),
               options->server.c_str());
  return 0;
}

int RunPing(const RemoteCliOptions& o) {
  auto options = Resolve(o, false);
  if (!options.ok()) return Fail(options.error());
  if (options->index == "-") options->index = "ping";
  auto remote = net::ConnectRemote(*options);
  if (!remote.ok()) return Fail(remote.error());
  uint64_t best = UINT64_MAX;
  for (int i = 0; i < 5; ++i) {
    auto ns = net::PingNanos(**remote);
    if (!ns.ok()) return Fail(ns.error());
    best = std::min(best, *ns);
  }
  std::printf("%s answers over mutual TLS 1.3: round trip %.0f us (best of 5)\n",
              options->server.c_str(), static_cast<double>(best) / 1e3);
  return 0;
}

int RunDrop(const RemoteCliOptions& o) {
  auto options = Resolve(o, true);
  if (!options.ok()) return Fail(options.error());
  if (!o.yes) {
    return Fail(InvalidArgumentError("dropping index '" + options->index + "' on " +
                                     options->server +
                                     " deletes its server half for every client; add --yes"));
  }
  auto remote = net::ConnectRemote(*options);
  if (!remote.ok()) return Fail(remote.error());
  Status dropped = (*remote)->DropIndex();
  if (!dropped.ok()) return Fail(dropped.error());
  std::fprintf(stderr, "dropped index '%s' on %s%s\n", options->index.c_str(),
               options->server.c_str(),
               o.db.empty() ? "" : (" (" + o.db + " now refers to nothing: remove it)").c_str());
  return 0;
}

void AddServerOptions(CLI::App& cmd, RemoteCliOptions& o, bool index) {
  cmd.add_option("--db", o.db, "An index directory built with --server: use its server");
  cmd.add_option("--server", o.remote.server, "HOST:PORT of `sselab serve`");
  if (index) cmd.add_option("--index", o.remote.index, "The index's name on the server");
  AddTlsOptions(cmd, o.remote.tls, "client");
}

}  // namespace

void AddRemoteCommand(CLI::App& app, Action& run) {
  auto* remote = app.add_subcommand(
      "remote",
      "Talk to a `sselab serve` directly: list the indexes your identity holds a grant on,\n"
      "check the connection, drop an index. Name the server by --db DIR (an index built\n"
      "with --server) or by --server HOST:PORT and --tls-cert/--tls-key/--tls-ca.");
  remote->require_subcommand(1);
  auto o = std::make_shared<RemoteCliOptions>();
  auto* list = remote->add_subcommand("list", "The indexes your identity holds a grant on");
  AddServerOptions(*list, *o, false);
  list->callback([&run, o] { run = [o] { return RunList(*o); }; });
  auto* ping = remote->add_subcommand("ping", "Connect, authenticate, time a round trip");
  AddServerOptions(*ping, *o, false);
  ping->callback([&run, o] { run = [o] { return RunPing(*o); }; });
  auto* drop = remote->add_subcommand(
      "drop", "Delete an index's server half (needs the admin grant; asks for --yes)");
  AddServerOptions(*drop, *o, true);
  drop->add_flag("--yes", o->yes, "Really drop it");
  drop->callback([&run, o] { run = [o] { return RunDrop(*o); }; });
}

}  // namespace sselab::tools
