// `sselab overview`: the README's main job. Builds every scheme over one synthetic corpus,
// runs the same searches on each, checks every answer against the plaintext baseline and
// prints cost next to declared leakage.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "index/encrypted_index.h"
#include "index/synthetic.h"
#include "schemes/builtin.h"
#include "tools/cli_util.h"
#include "tools/commands.h"

namespace sselab::tools {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
// Schemes with capabilities.linear_search run only on corpora up to this many pairs.
constexpr uint64_t kMaxLinearSearchPairs = 5000;

struct OverviewOptions {
  index::SynthSpec spec{.docs = 5000, .keywords = 2000, .pairs = 200000, .zipf = 1.0, .seed = 1};
  uint64_t queries = 200;
  int repetitions = 3;
  std::string work;
  bool keep = false;
};

struct Row {
  std::string scheme;
  double build_seconds = 0;
  uint64_t pairs = 0;
  uint64_t server_bytes = 0;
  double search_seconds = 0;  // total over all timed searches
  uint64_t searches = 0;
  uint64_t results = 0;  // total ids returned over timed searches
  bool agrees = true;
  std::string leakage;
};

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// Keywords spread over the frequency ranks, most frequent first; some may be absent.
std::vector<std::string> QueryKeywords(const OverviewOptions& o) {
  std::vector<std::string> out;
  for (uint64_t i = 0; i < o.queries; ++i) {
    out.push_back("w" + std::to_string(1 + i * o.spec.keywords / o.queries));
  }
  out.push_back("absent-keyword");
  return out;
}

Result<Row> Measure(const index::SchemeEntry& entry, const OverviewOptions& o, const fs::path& work,
                    const std::vector<std::string>& queries,
                    std::map<std::string, std::vector<index::DocId>>& oracle) {
  Row row{.scheme = entry.info.name, .leakage = entry.info.leakage.Summary()};
  auto corpus = index::NewSyntheticSource(o.spec);
  Progress progress;
  auto start = Clock::now();
  SSELAB_ASSIGN_OR_RETURN(auto idx, index::EncryptedIndex::Create(schemes::BuiltinRegistry(),
                                                                  {.scheme = entry.info.name,
                                                                   .dir = work / entry.info.name,
                                                                   .progress = progress.Fn()},
                                                                  *corpus));
  progress.Done();
  row.build_seconds = Seconds(start);
  row.pairs = idx->meta().stats.pairs;
  row.server_bytes = idx->Sizes().server_bytes;
  for (const std::string& q : queries) {  // warm-up and correctness check
    SSELAB_ASSIGN_OR_RETURN(auto ids, idx->Search(q));
    auto [it, first] = oracle.emplace(q, ids);
    if (!first && it->second != ids) row.agrees = false;
  }
  for (int rep = 0; rep < o.repetitions; ++rep) {
    for (const std::string& q : queries) {
      auto t = Clock::now();
      SSELAB_ASSIGN_OR_RETURN(auto ids, idx->Search(q));
      row.search_seconds += Seconds(t);
      row.results += ids.size();
      ++row.searches;
    }
  }
  return row;
}

int RunOverview(const OverviewOptions& o) {
  Status valid = index::ValidateSynthSpec(o.spec);
  if (!valid.ok()) return Fail(valid.error());
  fs::path work = o.work;
  if (work.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "sselab-overview-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) return Fail(IoError("cannot create a work directory"));
    work = tmpl;
  } else if (fs::exists(work)) {
    return Fail(AlreadyExistsError("work directory " + work.string() + " already exists"));
  }
  std::fprintf(stderr,
               "overview: synthetic corpus of %llu documents, %llu keywords, %llu draws "
               "(zipf %.2f, seed %llu); %llu queries x %d repetitions; work dir %s\n",
               static_cast<unsigned long long>(o.spec.docs),
               static_cast<unsigned long long>(o.spec.keywords),
               static_cast<unsigned long long>(o.spec.pairs), o.spec.zipf,
               static_cast<unsigned long long>(o.spec.seed),
               static_cast<unsigned long long>(o.queries + 1), o.repetitions, work.c_str());
  std::vector<std::string> queries = QueryKeywords(o);
  std::map<std::string, std::vector<index::DocId>> oracle;
  std::vector<Row> rows;
  // The plaintext baseline first: it is the oracle and the yardstick.
  std::vector<const index::SchemeEntry*> entries = schemes::BuiltinRegistry().All();
  std::stable_partition(entries.begin(), entries.end(),
                        [](const auto* e) { return e->info.name == "plaintext"; });
  int status = 0;
  for (const index::SchemeEntry* e : entries) {
    if (e->info.capabilities.linear_search && o.spec.pairs > kMaxLinearSearchPairs) {
      // One pairing per stored entry per search: minutes per query at the default size.
      std::fprintf(stderr, "  %s skipped: linear search over more than %llu pairs\n",
                   e->info.name.c_str(), static_cast<unsigned long long>(kMaxLinearSearchPairs));
      continue;
    }
    std::fprintf(stderr, "  %s ...\n", e->info.name.c_str());
    auto row = Measure(*e, o, work, queries, oracle);
    if (!row.ok()) {
      status = Fail(row.error().WithContext("overview: scheme " + e->info.name));
      continue;
    }
    if (!row->agrees) {
      status = Fail(InternalError(e->info.name + " disagrees with the plaintext baseline"));
    }
    rows.push_back(std::move(row).value());
  }
  if (!o.keep) {
    std::error_code ec;
    fs::remove_all(work, ec);
  }
  const Row* base = rows.empty() || rows[0].scheme != "plaintext" ? nullptr : &rows[0];
  Table t({"scheme", "build", "pairs/s", "on disk", "x base", "mean search", "ns/result", "x base",
           "correct", "declared leakage"});
  for (const Row& r : rows) {
    double per_result = r.results ? r.search_seconds * 1e9 / static_cast<double>(r.results) : 0;
    double base_per_result =
        base && base->results ? base->search_seconds * 1e9 / static_cast<double>(base->results) : 0;
    char buf[6][32];
    std::snprintf(buf[0], 32, "%.0f", static_cast<double>(r.pairs) / r.build_seconds);
    std::snprintf(
        buf[1], 32, "%.2f",
        base ? static_cast<double>(r.server_bytes) / static_cast<double>(base->server_bytes) : 0);
    std::snprintf(buf[2], 32, "%.0f", per_result);
    std::snprintf(buf[3], 32, "%.2f", base_per_result > 0 ? per_result / base_per_result : 0);
    t.Add({r.scheme, HumanDuration(r.build_seconds), buf[0], HumanBytes(r.server_bytes), buf[1],
           HumanDuration(r.search_seconds / static_cast<double>(r.searches)), buf[2], buf[3],
           r.agrees ? "yes" : "NO", r.leakage});
  }
  std::printf("%s", t.Render().c_str());
  std::printf(
      "\nx base: ratio to the plaintext baseline measured in this run. correct: every query\n"
      "returned exactly the baseline's ids. Leakage is as declared by each scheme (see\n"
      "`sselab schemes`); measured leakage arrives with the leakage lab.\n");
  return status;
}

}  // namespace

void AddOverviewCommand(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand(
      "overview",
      "Build every registered scheme over one synthetic corpus, run the same searches on\n"
      "each, check each answer against the plaintext baseline, and print build time,\n"
      "size on disk, search latency (and ratios to the baseline) next to declared leakage.");
  auto o = std::make_shared<OverviewOptions>();
  cmd->add_option("--docs", o->spec.docs, "Documents in the synthetic corpus")
      ->capture_default_str();
  cmd->add_option("--keywords", o->spec.keywords, "Keyword vocabulary")->capture_default_str();
  cmd->add_option("--pairs", o->spec.pairs, "Keyword draws")->capture_default_str();
  cmd->add_option("--zipf", o->spec.zipf, "Zipf exponent")->capture_default_str();
  cmd->add_option("--seed", o->spec.seed, "Corpus seed")->capture_default_str();
  cmd->add_option("--queries", o->queries, "Keywords searched, spread over frequency ranks")
      ->capture_default_str();
  cmd->add_option("--repetitions", o->repetitions, "Timed passes over the queries")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--work", o->work, "Directory for the indexes (default: a fresh temp dir)");
  cmd->add_flag("--keep", o->keep, "Keep the indexes instead of deleting them");
  cmd->callback([&run, o] { run = [o] { return RunOverview(*o); }; });
}

}  // namespace sselab::tools
