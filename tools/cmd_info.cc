#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/files.h"
#include "index/encrypted_index.h"
#include "net/remote.h"
#include "schemes/builtin.h"
#include "tools/cli_util.h"
#include "tools/commands.h"

namespace sselab::tools {
namespace {

int RunInfo(const std::string& db, const std::string& format) {
  const auto& registry = schemes::BuiltinRegistry();
  auto meta = index::EncryptedIndex::ReadMeta(registry, db);
  if (!meta.ok()) return Fail(meta.error());
  auto entry = registry.Find(meta->scheme);
  if (!entry.ok()) return Fail(entry.error());
  std::filesystem::path dir(db);
  uint64_t server = DirectorySize(dir / "server");
  // An index whose server half is remote: where, and what it holds there (asked of the
  // server; an unreachable server is reported, not fatal).
  std::string remote_where;
  bool server_known = true;
  std::error_code ec;
  if (std::filesystem::exists(index::EncryptedIndex::RemoteConfigPath(dir), ec)) {
    auto options = net::ReadRemoteOptions(dir);
    if (!options.ok()) return Fail(options.error());
    remote_where = "server " + options->server + ", index " + options->index;
    auto remote = net::ConnectRemote(*options);
    auto bytes = remote.ok() ? (*remote)->ServerBytes() : Result<uint64_t>(remote.error());
    if (bytes.ok()) {
      server = *bytes;
    } else {
      server_known = false;
      std::fprintf(stderr, "sselab: %s\n", bytes.error().ToString().c_str());
    }
  }
  uint64_t client = DirectorySize(dir / "client");
  uint64_t state = DirectorySize(dir / "client" / "state");
  const index::SchemeInfo& info = (*entry)->info;
  const std::string declared = index::DeclaredLeakage(**entry, meta->params).Summary();
  if (format == "json") {
    nlohmann::json j = {{"scheme", meta->scheme},
                        {"title", info.title},
                        {"params", meta->params.values()},
                        {"created_utc", meta->created_utc},
                        {"documents", meta->stats.documents},
                        {"keywords", meta->stats.keywords},
                        {"pairs", meta->stats.pairs},
                        {"update_batches", meta->updates.batches},
                        {"added_pairs", meta->updates.added_pairs},
                        {"removed_pairs", meta->updates.removed_pairs},
                        {"server_bytes", server},
                        {"remote", remote_where},
                        {"client_bytes", client},
                        {"client_state_bytes", state},
                        {"declared_leakage", declared}};
    std::printf("%s\n", j.dump(2).c_str());
    return 0;
  }
  Table t({"field", "value"});
  t.Add({"scheme", meta->scheme + " — " + info.title});
  t.Add({"parameters", meta->params.ToString()});
  t.Add({"created", meta->created_utc});
  t.Add({"documents", std::to_string(meta->stats.documents)});
  t.Add({"keywords", std::to_string(meta->stats.keywords)});
  t.Add({"pairs", std::to_string(meta->stats.pairs)});
  if (info.capabilities.dynamic) {
    t.Add({"updates since build", std::to_string(meta->updates.batches) + " batches: " +
                                      std::to_string(meta->updates.added_pairs) + " pairs added, " +
                                      std::to_string(meta->updates.removed_pairs) + " removed"});
  }
  if (!remote_where.empty()) t.Add({"server half", remote_where});
  t.Add({"server on disk", server_known ? HumanBytes(server) : "unknown (server unreachable)"});
  t.Add({"client on disk", HumanBytes(client)});
  if (info.client_state) t.Add({"of which client state", HumanBytes(state)});
  t.Add({"declared leakage", declared});
  std::printf("%s", t.Render().c_str());
  return 0;
}

}  // namespace

void AddInfoCommand(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand("info",
                                 "Describe an index: scheme, parameters, sizes "
                                 "(reads no key; asks the server of a remote index for its size)");
  auto db = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  cmd->add_option("--db", *db, "Index directory")->required();
  cmd->add_option("--format", *format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->callback([&run, db, format] { run = [db, format] { return RunInfo(*db, *format); }; });
}

}  // namespace sselab::tools
