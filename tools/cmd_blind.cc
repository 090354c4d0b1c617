// `sselab blind plan`: which token length suits a corpus (index/blind/planner.h).
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "index/blind/planner.h"
#include "index/corpus.h"
#include "tools/cli_util.h"
#include "tools/commands.h"

namespace sselab::tools {
namespace {

struct PlanArgs {
  std::string corpus;
  std::string field;  // empty: every field of the corpus
};

int RunBlindPlan(const PlanArgs& args) {
  auto corpus = index::OpenCorpus(args.corpus);
  if (!corpus.ok()) return Fail(corpus.error());
  std::optional<std::string> field;
  if (!args.field.empty()) field = args.field;
  auto plans = index::blind::PlanForCorpus(**corpus, field);
  if (!plans.ok()) return Fail(plans.error());
  for (const index::blind::Plan& plan : *plans) {
    std::printf("%s\n", index::blind::FormatPlan(plan).c_str());
  }
  std::printf("Build with: sselab index build --scheme blind %s ...\n",
              index::blind::RecommendedParams(*plans).c_str());
  return 0;
}

}  // namespace

void AddBlindCommand(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand("blind", "Tools for the blind (truncated-token) index");
  cmd->require_subcommand(1);
  auto* plan = cmd->add_subcommand(
      "plan",
      "Recommend a token length `bits` for a corpus: expected coincidences per length, the "
      "rule of thumb 2 <= C < sqrt(R), and bucket sizes measured on the corpus");
  plan->footer(
      "Each field of a fielded corpus ({\"fields\": {...}} lines) has its own key and token "
      "length, so each is planned on its own; keywords outside any field are planned as one "
      "more set. The last line gives the --param arguments that apply the recommendations.");
  auto args = std::make_shared<PlanArgs>();
  plan->add_option("--corpus", args->corpus, "JSON Lines file, directory, or synth: corpus")
      ->required();
  plan->add_option("--field", args->field,
                   "plan only this field (default: every field, and keywords outside fields)");
  plan->callback([&run, args] { run = [args] { return RunBlindPlan(*args); }; });
}

}  // namespace sselab::tools
