#include "bench/harness/runner.h"

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <fcntl.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include "base/files.h"
#include "bench/harness/corpus_profile.h"
#include "bench/harness/provenance.h"
#include "bench/harness/report.h"
#include "index/encrypted_index.h"
#include "schemes/builtin.h"

extern char** environ;

namespace sselab::harness {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Ns(Clock::duration d) { return std::chrono::duration<double, std::nano>(d).count(); }

struct ChildResult {
  int exit_code = -1;
  double ns = 0;
  uint64_t peak_rss_bytes = 0;
};

// Runs `argv` with stderr appended to `log`, waiting for it; rusage gives its peak RSS.
Result<ChildResult> RunChild(const std::vector<std::string>& argv, const fs::path& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  auto start = Clock::now();
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return IoError("cannot start " + argv[0] + ": " + std::strerror(rc));
  int status = 0;
  rusage usage{};
  if (::wait4(pid, &status, 0, &usage) < 0) return IoError("waiting for a build failed");
  ChildResult r;
  r.ns = Ns(Clock::now() - start);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.peak_rss_bytes = static_cast<uint64_t>(usage.ru_maxrss) * 1024;
  return r;
}

std::string Tail(const fs::path& log) {
  auto text = ReadFileToString(log, 64 << 20);
  if (!text.ok()) return "";
  size_t from = text->size() > 2000 ? text->size() - 2000 : 0;
  return text->substr(from);
}

class Runner {
 public:
  Runner(const BenchSpec& spec, const RunOptions& options) : spec_(spec), o_(options) {}

  Result<std::vector<Measurement>> Run() {
    std::error_code ec;
    fs::create_directories(o_.out_dir / "work", ec);
    if (ec) return IoError("cannot create " + o_.out_dir.string() + ": " + ec.message());
    Log("profiling the corpus");
    SSELAB_ASSIGN_OR_RETURN(profile_, ProfileCorpus(spec_));
    Log("corpus: " + std::to_string(profile_.documents) + " documents, " +
        std::to_string(profile_.pairs) + " pairs, sha256 " + profile_.sha256.substr(0, 16));
    for (const Workload& w : spec_.workloads) {
      if (w.op == Workload::Op::kSearch) queries_.push_back(ChooseQueries(spec_, w, profile_));
    }
    std::vector<std::string> all;
    for (const auto& q : queries_) all.insert(all.end(), q.begin(), q.end());
    SSELAB_ASSIGN_OR_RETURN(oracle_, Oracle(profile_, all));

    std::ofstream out(o_.out_dir / "results.jsonl", std::ios::trunc);
    if (!out) return IoError("cannot write " + (o_.out_dir / "results.jsonl").string());
    out << Provenance(spec_, profile_.name, profile_.sha256).dump() << "\n";
    // Workloads in spec order, each over every scheme: a build builds each scheme in turn,
    // a search interleaves the schemes (Search), so every ratio compares searches timed in
    // the same seconds.
    for (const SchemeRun& scheme : spec_.schemes) {
      SSELAB_ASSIGN_OR_RETURN(const index::SchemeEntry* entry,
                              schemes::BuiltinRegistry().Find(scheme.name));
      SSELAB_ASSIGN_OR_RETURN(index::Params params,
                              index::Params::Parse(scheme.name, entry->info.params, scheme.params));
      runs_.push_back({.scheme = &scheme, .params = std::move(params)});
    }
    size_t search_no = 0;
    for (const Workload& w : spec_.workloads) {
      if (w.op == Workload::Op::kBuild) {
        for (Built& run : runs_) {
          for (uint64_t rep = 0; rep < w.repetitions; ++rep) {
            SSELAB_RETURN_IF_ERROR(Build(run, out));
          }
        }
      } else {
        SSELAB_RETURN_IF_ERROR(Search(w, queries_[search_no++], out));
      }
    }
    out.flush();
    if (!out) return IoError("writing results.jsonl failed");
    if (!o_.keep_indexes) fs::remove_all(o_.out_dir / "work", ec);
    return std::move(measurements_);
  }

 private:
  void Log(const std::string& line) {
    if (o_.log) o_.log(line);
  }

  void Emit(std::ofstream& out, Measurement m) {
    out << ToJson(m).dump() << "\n";
    measurements_.push_back(std::move(m));
  }

  // A scheme of the spec, its parsed params, and its latest build (empty before the first).
  struct Built {
    const SchemeRun* scheme;
    index::Params params;
    fs::path db;
    uint64_t pairs = 0;
    uint64_t bytes = 0;
  };

  Status Build(Built& run, std::ofstream& out) {
    const SchemeRun& scheme = *run.scheme;
    run.db = o_.out_dir / "work" / (scheme.Label() + "-" + std::to_string(builds_++));
    Log("build " + scheme.Label());
    std::vector<std::string> argv = {o_.sselab_exe.string(),
                                     "index",
                                     "build",
                                     "--scheme",
                                     scheme.name,
                                     "--corpus",
                                     profile_.name,
                                     "--db",
                                     run.db.string(),
                                     "--block-cache-mb",
                                     std::to_string(spec_.store.block_cache_bytes >> 20),
                                     "--write-buffer-mb",
                                     std::to_string(spec_.store.write_buffer_bytes >> 20)};
    for (const std::string& p : scheme.params) {
      argv.push_back("--param");
      argv.push_back(p);
    }
    fs::path log = o_.out_dir / "build.log";
    SSELAB_ASSIGN_OR_RETURN(ChildResult child, RunChild(argv, log));
    if (child.exit_code != 0) {
      return InternalError("build of " + scheme.Label() + " failed (exit " +
                           std::to_string(child.exit_code) + "):\n" + Tail(log));
    }
    SSELAB_ASSIGN_OR_RETURN(index::IndexMeta meta,
                            index::EncryptedIndex::ReadMeta(schemes::BuiltinRegistry(), run.db));
    Measurement m{.scheme = scheme.name,
                  .label = scheme.Label(),
                  .params = run.params.ToString(),
                  .op = "build",
                  .pairs = meta.stats.pairs,
                  .repetitions = 1,
                  .ns_per_op = child.ns};
    m.pairs_per_second = child.ns > 0 ? static_cast<double>(m.pairs) * 1e9 / child.ns : 0;
    m.bytes_on_disk = DirectorySize(run.db / "server");
    m.peak_rss_bytes = child.peak_rss_bytes;
    SSELAB_ASSIGN_OR_RETURN(const index::SchemeEntry* entry,
                            schemes::BuiltinRegistry().Find(scheme.name));
    m.declared = index::DeclaredLeakage(*entry, run.params).Summary();
    run.pairs = m.pairs;
    run.bytes = m.bytes_on_disk;
    Emit(out, std::move(m));
    return OkStatus();
  }

  // Each query is searched once by every scheme (the warm-up, and the answer checked), then
  // `repetitions` rounds of one timed search per scheme in turn. A machine that slows down
  // for a few seconds slows every scheme alike, where timing one scheme's repetitions after
  // another's would charge the slowdown to whichever ran then.
  Status Search(const Workload& w, const std::vector<std::string>& queries, std::ofstream& out) {
    std::vector<std::unique_ptr<index::EncryptedIndex>> indexes;
    for (const Built& run : runs_) {
      if (run.db.empty()) {
        return InvalidArgumentError("scheme " + run.scheme->Label() +
                                    ": a search workload needs a build workload before it");
      }
      SSELAB_ASSIGN_OR_RETURN(
          auto idx, index::EncryptedIndex::Open(schemes::BuiltinRegistry(),
                                                {.dir = run.db, .store_options = spec_.store}));
      indexes.push_back(std::move(idx));
    }
    Log("search: " + std::to_string(queries.size()) + " queries x " +
        std::to_string(w.repetitions) + ", the " + std::to_string(runs_.size()) +
        " schemes in turn");
    for (const std::string& q : queries) {
      std::vector<size_t> results(runs_.size());
      std::vector<bool> correct(runs_.size());
      for (size_t i = 0; i < runs_.size(); ++i) {
        SSELAB_ASSIGN_OR_RETURN(auto first, indexes[i]->Search(q));
        results[i] = first.size();
        correct[i] = first == oracle_.at(q);
        if (!correct[i]) Log("WRONG ANSWER: " + runs_[i].scheme->Label() + " for keyword " + q);
      }
      std::vector<double> ns(runs_.size(), 0);
      for (uint64_t rep = 0; rep < w.repetitions; ++rep) {
        for (size_t i = 0; i < runs_.size(); ++i) {
          const auto start = Clock::now();
          SSELAB_ASSIGN_OR_RETURN(auto ids, indexes[i]->Search(q));
          ns[i] += Ns(Clock::now() - start);
        }
      }
      for (size_t i = 0; i < runs_.size(); ++i) {
        const Built& run = runs_[i];
        const double per_search = ns[i] / static_cast<double>(w.repetitions);
        Measurement m{.scheme = run.scheme->name,
                      .label = run.scheme->Label(),
                      .params = run.params.ToString(),
                      .op = "search",
                      .pairs = run.pairs,
                      .keyword = q,
                      .result_size = results[i],
                      .repetitions = w.repetitions,
                      .ns_per_op = per_search,
                      .bytes_on_disk = run.bytes};
        m.ns_per_result = results[i] == 0 ? 0 : per_search / static_cast<double>(results[i]);
        m.correct = correct[i];
        Emit(out, std::move(m));
      }
    }
    return OkStatus();
  }

  const BenchSpec& spec_;
  const RunOptions& o_;
  CorpusProfile profile_;
  std::vector<std::vector<std::string>> queries_;
  std::map<std::string, std::vector<index::DocId>> oracle_;
  std::vector<Measurement> measurements_;
  std::vector<Built> runs_;
  uint64_t builds_ = 0;
};

}  // namespace

Result<std::vector<Measurement>> RunBench(const BenchSpec& spec, const RunOptions& options) {
  for (const SchemeRun& s : spec.schemes) {  // fail fast on names and params
    SSELAB_ASSIGN_OR_RETURN(const index::SchemeEntry* e, schemes::BuiltinRegistry().Find(s.name));
    SSELAB_RETURN_IF_ERROR(index::Params::Parse(s.name, e->info.params, s.params));
  }
  Runner runner(spec, options);
  SSELAB_ASSIGN_OR_RETURN(auto measurements, runner.Run());
  SSELAB_RETURN_IF_ERROR(WriteSummary(spec, measurements, options.out_dir / "summary.md"));
  return measurements;
}

}  // namespace sselab::harness
