#include <cstdio>
#include <nlohmann/json.hpp>

#include "index/encrypted_index.h"
#include "net/remote.h"
#include "schemes/builtin.h"
#include "tools/cli_util.h"
#include "tools/commands.h"

namespace sselab::tools {
namespace {

struct SearchOptions {
  std::string db;
  std::string key;
  std::string format = "ids";
  std::string keyword;
};

int RunSearch(const SearchOptions& o) {
  // Read-only stores: other processes may search, and one update, at the same time.
  auto idx = net::OpenIndex(schemes::BuiltinRegistry(),
                            {.dir = o.db, .key_path = o.key, .search_only = true});
  if (!idx.ok()) return Fail(idx.error());
  auto ids = (*idx)->Search(o.keyword);
  if (!ids.ok()) return Fail(ids.error().WithContext("search failed"));
  if (o.format == "json") {
    nlohmann::json j = {{"keyword", o.keyword}, {"count", ids->size()}, {"ids", *ids}};
    std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return 0;
  }
  std::string out;
  for (index::DocId id : *ids) out += std::to_string(id) + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

void AddSearchCommand(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand(
      "search",
      "Search an index for one keyword. Prints the matching document ids in ascending order,\n"
      "one per line, and nothing else on stdout; prints nothing (exit 0) when none match.\n"
      "Opens the index read-only, so that several searches (and one `sselab index add`)\n"
      "may run on it at once; it sees the updates completed before it started. Orion's\n"
      "searches rewrite its ORAM: an Orion index takes one process at a time.");
  auto o = std::make_shared<SearchOptions>();
  cmd->add_option("--db", o->db, "Index directory")->required();
  cmd->add_option("--key", o->key, "Key file (default DB/client/key)");
  cmd->add_option("--format", o->format, "ids (one per line) or json")
      ->check(CLI::IsMember({"ids", "json"}));
  cmd->add_option("keyword", o->keyword, "The keyword, exactly as indexed")->required();
  cmd->callback([&run, o] { run = [o] { return RunSearch(*o); }; });
}

}  // namespace sselab::tools
