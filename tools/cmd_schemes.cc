#include <cstdio>
#include <nlohmann/json.hpp>

#include "schemes/builtin.h"
#include "tools/cli_util.h"
#include "tools/commands.h"

namespace sselab::tools {
namespace {

nlohmann::json SchemeJson(const index::SchemeInfo& info) {
  const index::LeakageProfile& l = info.leakage;
  nlohmann::json params = nlohmann::json::array();
  for (const index::ParamSpec& p : info.params) {
    params.push_back(
        {{"name", p.name}, {"default", p.default_value}, {"choices", p.choices}, {"help", p.help}});
  }
  return {{"name", info.name},
          {"title", info.title},
          {"family", index::FamilyName(info.family)},
          {"paper", info.paper},
          {"capabilities",
           {{"dynamic", info.capabilities.dynamic},
            {"deletions", info.capabilities.deletions},
            {"conjunctive", info.capabilities.conjunctive},
            {"public_key_insert", info.capabilities.public_key_insert},
            {"response_hiding", info.capabilities.response_hiding},
            {"linear_search", info.capabilities.linear_search}}},
          {"leakage",
           {{"setup", l.setup},
            {"search", l.search},
            {"update", l.update},
            {"conjunction", l.Conjunction()},
            {"search_pattern", l.search_pattern},
            {"access_pattern", l.access_pattern},
            {"result_ids", l.result_ids},
            {"volume", l.volume},
            {"at_rest_frequency", l.at_rest_frequency},
            {"forward_private", l.forward_private},
            {"backward_privacy", l.backward_privacy},
            {"plaintext", l.plaintext}}},
          {"params", params}};
}

int RunSchemes(const std::string& format) {
  const auto& registry = schemes::BuiltinRegistry();
  if (format == "json") {
    nlohmann::json all = nlohmann::json::array();
    for (const auto* e : registry.All()) all.push_back(SchemeJson(e->info));
    std::printf("%s\n", all.dump(2).c_str());
    return 0;
  }
  Table t(
      {"scheme", "family", "capabilities", "forward", "backward", "declared leakage", "params"});
  for (const auto* e : registry.All()) {
    std::string params;
    for (const auto& p : e->info.params) {
      params += (params.empty() ? "" : " ") + p.name + "=" + p.default_value;
    }
    // Forward and backward privacy are properties of updates: static schemes have none.
    const bool dynamic = e->info.capabilities.dynamic;
    const index::LeakageProfile& l = e->info.leakage;
    t.Add({e->info.name, std::string(index::FamilyName(e->info.family)),
           e->info.CapabilitySummary(), !dynamic ? "n/a" : (l.forward_private ? "yes" : "no"),
           !dynamic ? "n/a" : (l.backward_privacy == "-" ? "no" : l.backward_privacy), l.Summary(),
           params.empty() ? "-" : params});
  }
  std::printf("%s", t.Render().c_str());
  std::printf(
      "\nLeakage: SP search pattern, AP access pattern, ids result ids visible to the server,\n"
      "V volume, freq@rest keyword frequencies visible at rest, FP forward privacy.\n"
      "forward: an update cannot be linked to earlier searches; backward: what a search\n"
      "reveals of entries added and removed since (Type-I strongest .. Type-III).\n"
      "Every scheme answers conjunctions (`sselab search --db DIR 'a AND b'`): one not\n"
      "marked conjunctive searches each term alone and intersects the results on the client,\n"
      "so the server learns every term's full result, not only the conjunction's.\n");
  return 0;
}

}  // namespace

void AddSchemesCommand(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand("schemes",
                                 "List every registered scheme: family, "
                                 "capabilities, declared leakage, parameters");
  auto format = std::make_shared<std::string>("table");
  cmd->add_option("--format", *format, "table (for people) or json (for programs)")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->callback([&run, format] { run = [format] { return RunSchemes(*format); }; });
}

}  // namespace sselab::tools
