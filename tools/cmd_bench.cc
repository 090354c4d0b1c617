#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "bench/harness/runner.h"
#include "tools/cli_util.h"
#include "tools/commands.h"

namespace sselab::tools {
namespace {

struct BenchOptions {
  std::string spec;
  std::string out;
  bool keep = false;
  bool no_plots = false;
};

int RunBenchCommand(const BenchOptions& o) {
  auto spec = harness::LoadBenchSpec(o.spec);
  if (!spec.ok()) return Fail(spec.error());
  harness::RunOptions run{.out_dir = o.out, .sselab_exe = SelfExe(), .keep_indexes = o.keep};
  run.log = [](const std::string& line) { std::fprintf(stderr, "bench: %s\n", line.c_str()); };
  auto measurements = harness::RunBench(*spec, run);
  if (!measurements.ok()) return Fail(measurements.error().WithContext("bench " + o.spec));
  if (!o.no_plots) {
    Plot("plot.py", "sselab-plot.py", std::filesystem::path(o.out) / "results.jsonl", o.out);
  }
  bool correct = true;
  for (const auto& m : *measurements) correct = correct && m.correct;
  std::fprintf(stderr, "bench: wrote %s/results.jsonl and %s/summary.md\n", o.out.c_str(),
               o.out.c_str());
  if (!correct) return Fail(InternalError("some searches returned wrong answers (see summary)"));
  return 0;
}

}  // namespace

void AddBenchCommand(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand(
      "bench",
      "Run an experiment spec (TOML): build each scheme (in a child process, measuring time,\n"
      "bytes on disk and peak memory), run its searches against a corpus oracle, and write\n"
      "OUT/results.jsonl (a provenance line, then one JSON object per measurement),\n"
      "OUT/summary.md (tables with ratios to the plaintext baseline of the same run) and\n"
      "plots (PNG, with python3-matplotlib). See bench/harness/spec.h for the spec format\n"
      "and experiments/ for examples.");
  auto o = std::make_shared<BenchOptions>();
  cmd->add_option("spec", o->spec, "Experiment spec (TOML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", o->out, "Output directory")->required();
  cmd->add_flag("--keep", o->keep, "Keep the built indexes under OUT/work");
  cmd->add_flag("--no-plots", o->no_plots, "Do not draw plots");
  cmd->callback([&run, o] { run = [o] { return RunBenchCommand(*o); }; });
}

}  // namespace sselab::tools
