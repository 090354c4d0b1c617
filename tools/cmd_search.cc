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
  std::vector<std::string> words;     // the query's text, in shell words
  std::vector<std::string> keywords;  // --keyword: exact keywords
  index::Query query;                 // of one or the other, once the command line is read
};

// The query's text: the shell words joined by single spaces, so that both
// `sselab search --db D 'a AND b'` and `sselab search --db D a AND b` read as one query.
std::string QueryText(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& w : words) text += (text.empty() ? "" : " ") + w;
  return text;
}

int RunSearch(const SearchOptions& o) {
  const index::Query& query = o.query;
  // Read-only stores: other processes may search, and one update, at the same time.
  auto idx = net::OpenIndex(schemes::BuiltinRegistry(),
                            {.dir = o.db, .key_path = o.key, .search_only = true});
  if (!idx.ok()) return Fail(idx.error());
  auto ids = (*idx)->Search(query);
  if (!ids.ok()) return Fail(ids.error().WithContext("search failed"));
  if (o.format == "json") {
    nlohmann::json j = {
        {"query", query.ToString()}, {"terms", query.terms}, {"count", ids->size()}, {"ids", *ids}};
    if (query.terms.size() == 1) j["keyword"] = query.terms[0];
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
      "Search an index for a keyword, or for documents holding every keyword of a\n"
      "conjunction. Prints the matching document ids in ascending order, one per line, and\n"
      "nothing else on stdout; prints nothing (exit 0) when none match.\n\n"
      "The query: keywords joined by AND (capitals), grouped by parentheses if you like;\n"
      "quote a keyword that holds spaces, parentheses or the word AND, inside the query:\n"
      "  sselab search --db idx from:alice\n"
      "  sselab search --db idx 'from:alice AND subject:invoice'\n"
      "  sselab search --db idx '\"naive cafe\" AND (kw1 AND kw2)'\n"
      "  sselab search --db idx --keyword 'naive cafe' --keyword kw1   (exact keywords)\n"
      "OR and NOT are not offered. Schemes without native conjunctive search (`sselab\n"
      "schemes`: not marked conjunctive) search each term alone and intersect the results\n"
      "here: their server learns every term's full result, not only the conjunction's.\n\n"
      "Opens the index read-only, so that several searches (and one `sselab index add`)\n"
      "may run on it at once; it sees the updates completed before it started. Orion's\n"
      "searches rewrite its ORAM: an Orion index takes one process at a time.");
  auto o = std::make_shared<SearchOptions>();
  cmd->add_option("--db", o->db, "Index directory")->required();
  cmd->add_option("--key", o->key, "Key file (default DB/client/key)");
  cmd->add_option("--format", o->format, "ids (one per line) or json")
      ->check(CLI::IsMember({"ids", "json"}));
  auto* words =
      cmd->add_option("query", o->words,
                      "The query: a keyword, or keywords joined by AND (see above); the words "
                      "are joined by spaces into one query");
  cmd->add_option("--keyword", o->keywords,
                  "A keyword exactly as indexed, not parsed; repeat it for "
                  "a conjunction")
      ->allow_extra_args(false)  // one keyword per --keyword: the words after it are the query
      ->excludes(words);
  cmd->callback([&run, o] {
    // Checked here, where the whole query is known; CLI::ValidationError exits 2.
    if (o->keywords.empty() && o->words.empty()) {
      throw CLI::RequiredError("a query (or --keyword)");
    }
    auto query = o->keywords.empty() ? index::Query::Parse(QueryText(o->words))
                                     : index::Query::Of(o->keywords);
    if (!query.ok()) throw CLI::ValidationError("query", query.error().message());
    o->query = *std::move(query);
    run = [o] { return RunSearch(*o); };
  });
}

}  // namespace sselab::tools
