// `sselab blind plan`: which token length suits a corpus (index/blind/planner.h).
#include <cstdio>
#include <memory>
#include <string>

#include "index/blind/planner.h"
#include "index/corpus.h"
#include "tools/cli_util.h"
#include "tools/commands.h"

namespace sselab::tools {
namespace {

int RunBlindPlan(const std::string& corpus_path) {
  auto corpus = index::OpenCorpus(corpus_path);
  if (!corpus.ok()) return Fail(corpus.error());
  auto plan = index::blind::PlanForCorpus(**corpus);
  if (!plan.ok()) return Fail(plan.error());
  std::printf("%s", index::blind::FormatPlan(*plan).c_str());
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
  auto corpus = std::make_shared<std::string>();
  plan->add_option("--corpus", *corpus, "JSON Lines file, directory, or synth: corpus")->required();
  plan->callback([&run, corpus] { run = [corpus] { return RunBlindPlan(*corpus); }; });
}

}  // namespace sselab::tools
