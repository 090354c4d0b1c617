#include "bench/harness/overview_run.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "index/encrypted_index.h"
#include "index/query.h"
#include "leakage/analysis.h"
#include "leakage/injection_run.h"
#include "leakage/record_run.h"
#include "schemes/builtin.h"
#include "schemes/variants.h"

namespace sselab::harness {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// The first documents of `docs` whose pairs stay within `max_pairs` (at least one).
std::vector<index::Document> Prefix(const std::vector<index::Document>& docs, uint64_t max_pairs) {
  std::vector<index::Document> out;
  uint64_t pairs = 0;
  for (const index::Document& d : docs) {
    if (!out.empty() && pairs + d.keywords.size() > max_pairs) break;
    pairs += d.keywords.size();
    out.push_back(d);
  }
  return out;
}

// The distinct searched keywords of a workload, in first-search order.
std::vector<std::string> SearchedKeywords(const std::vector<leakage::WorkloadOp>& ops,
                                          size_t limit) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const leakage::WorkloadOp& op : ops) {
    if (op.kind == leakage::OpKind::kSearch && op.terms.empty() && out.size() < limit &&
        seen.insert(op.keyword).second) {
      out.push_back(op.keyword);
    }
  }
  return out;
}

// The conjunctions of a workload (their terms), in order.
std::vector<std::vector<std::string>> Conjunctions(const std::vector<leakage::WorkloadOp>& ops) {
  std::vector<std::vector<std::string>> out;
  for (const leakage::WorkloadOp& op : ops) {
    if (op.kind == leakage::OpKind::kSearch && !op.terms.empty()) out.push_back(op.terms);
  }
  return out;
}

std::map<std::string, std::vector<index::DocId>> Oracle(const std::vector<index::Document>& docs,
                                                        const std::vector<std::string>& keywords) {
  std::map<std::string, std::vector<index::DocId>> out;
  for (const std::string& w : keywords) out[w];
  for (const index::Document& d : docs) {
    for (const std::string& w : d.keywords) {
      auto it = out.find(w);
      if (it != out.end()) it->second.push_back(d.id);
    }
  }
  for (auto& [w, ids] : out) std::sort(ids.begin(), ids.end());
  return out;
}

// Searches each keyword once untimed (warm-up, checked against the oracle), then
// `repetitions` timed passes. A linear-search scheme (a public-key test per stored tag)
// makes one pass, timed and checked: its time is that arithmetic, the same cold or warm,
// and three more passes over every tag were most of the overview's time.
Status MeasureCost(const schemes::Variant& v, const std::vector<index::Document>& docs,
                   const std::vector<std::string>& keywords,
                   const std::vector<std::vector<std::string>>& conjunctions, uint64_t repetitions,
                   const fs::path& dir, VariantResult& r) {
  index::VectorDocumentSource source(docs);
  auto start = Clock::now();
  SSELAB_ASSIGN_OR_RETURN(
      auto idx,
      index::EncryptedIndex::Create(schemes::BuiltinRegistry(),
                                    {.scheme = v.scheme, .params = v.params, .dir = dir}, source));
  r.build_seconds = Since(start);
  r.pairs = idx->meta().stats.pairs;
  r.server_bytes = idx->Sizes().server_bytes;
  std::vector<std::string> all_terms = keywords;
  for (const auto& terms : conjunctions)
    all_terms.insert(all_terms.end(), terms.begin(), terms.end());
  auto oracle = Oracle(docs, all_terms);
  const bool warm_up = !r.linear;
  if (r.linear) repetitions = 1;
  for (uint64_t pass = warm_up ? 0 : 1; pass <= repetitions; ++pass) {
    for (const std::string& w : keywords) {
      auto t = Clock::now();
      SSELAB_ASSIGN_OR_RETURN(auto ids, idx->Search(w));
      const double seconds = Since(t);
      if (pass <= 1 && ids != oracle[w]) r.correct = false;
      if (pass == 0) continue;  // the warm-up
      r.search_seconds += seconds;
      r.results += ids.size();
      ++r.searches;
    }
    for (const std::vector<std::string>& terms : conjunctions) {
      SSELAB_ASSIGN_OR_RETURN(index::Query query, index::Query::Of(terms));
      auto t = Clock::now();
      SSELAB_ASSIGN_OR_RETURN(auto ids, idx->Search(query));
      const double seconds = Since(t);
      if (pass <= 1) {
        std::vector<index::DocId> want = oracle[terms[0]];
        for (const std::string& w : terms) {
          std::vector<index::DocId> both;
          std::set_intersection(want.begin(), want.end(), oracle[w].begin(), oracle[w].end(),
                                std::back_inserter(both));
          want = std::move(both);
        }
        if (ids != want) r.correct = false;
      }
      if (pass == 0) continue;
      r.conjunction_seconds += seconds;
      ++r.conjunction_searches;
    }
  }
  return OkStatus();
}

Status MeasureLeakage(const OverviewSpec& spec, const schemes::Variant& v,
                      const LoadedCorpus& corpus, const std::vector<index::Document>& docs,
                      const std::vector<leakage::WorkloadOp>& workload, const fs::path& store_dir,
                      VariantResult& r) {
  index::KeywordGuesser guesser;
  // The recorded server runs on the embedded RocksDB store, so the lab's raw view is read
  // from the same kind of files a deployment holds.
  SSELAB_ASSIGN_OR_RETURN(
      leakage::Transcript t,
      leakage::RecordRun(schemes::BuiltinRegistry(),
                         {.scheme = v.scheme, .params = v.params, .store_dir = store_dir}, docs,
                         workload, corpus.source, {}, &guesser));
  SSELAB_ASSIGN_OR_RETURN(leakage::Analysis a, leakage::Analyze(t, schemes::BuiltinRegistry()));
  r.measures = a.measures;
  r.scores = a.scores;
  r.conjunctions = a.conjunctions;
  r.measured = leakage::MeasuredSummary(a);
  r.violations = a.violations;
  auto attack = [&](const std::string& name, double delta) -> Status {
    leakage::AttackOptions o{.attack = name,
                             .delta = delta,
                             .vocabulary = spec.vocabulary,
                             .ikk_known = spec.ikk_known,
                             .seed = spec.seed};
    SSELAB_ASSIGN_OR_RETURN(leakage::AttackOutcome out,
                            leakage::RunAttack(a.observations, t.truth, docs, corpus.aux, o));
    r.attacks.push_back(out);
    return OkStatus();
  };
  for (double d : spec.deltas) SSELAB_RETURN_IF_ERROR(attack("count", d));
  // IKK needs co-occurrence, frequency analysis needs entries grouped at rest.
  if (a.measures.recurring_items > 0) {
    for (double d : spec.ikk_deltas) SSELAB_RETURN_IF_ERROR(attack("ikk", d));
  }
  if (!corpus.aux.empty() && a.measures.grouped_entries > 0) {
    SSELAB_RETURN_IF_ERROR(attack("frequency", 1.0));
  }
  if (a.lab.tags_attacked) {
    SSELAB_ASSIGN_OR_RETURN(std::vector<leakage::AttackOutcome> links,
                            leakage::RunTagLinking(a, t));
    r.attacks.insert(r.attacks.end(), links.begin(), links.end());
  }
  if (guesser) {
    // The dictionary: the corpus's keywords, most frequent first.
    std::vector<std::string> dictionary;
    for (const auto& [w, n] : leakage::CountKeywords(docs).ranked) {
      if (dictionary.size() == spec.guess_dictionary) break;
      dictionary.push_back(w);
    }
    SSELAB_ASSIGN_OR_RETURN(leakage::AttackOutcome kga,
                            leakage::RunKeywordGuessing(t, guesser, dictionary));
    r.attacks.push_back(kga);
  }
  // File injection, both orders, on dynamic schemes: its own runs (the adversary's
  // documents go through the add path), on the first documents of the corpus.
  const index::SchemeEntry* e = schemes::BuiltinRegistry().Find(v.scheme).value();
  if (e->info.capabilities.dynamic && spec.inject_universe > 0) {
    const bool linear = e->info.capabilities.linear_search;
    const bool costly = e->info.capabilities.costly_updates;
    const bool oblivious = e->info.capabilities.oblivious;
    const std::vector<index::Document> prefix =
        Prefix(docs, linear      ? spec.inject_linear_max_pairs
                     : oblivious ? spec.oblivious_max_pairs / 10
                     : costly    ? spec.inject_max_pairs / 10
                                 : spec.inject_max_pairs);
    for (auto order : {leakage::attacks::InjectionOrder::kInjectFirst,
                       leakage::attacks::InjectionOrder::kSearchFirst}) {
      SSELAB_ASSIGN_OR_RETURN(
          leakage::InjectionResult inj,
          leakage::RunInjection(schemes::BuiltinRegistry(),
                                {.scheme = v.scheme,
                                 .params = v.params,
                                 .universe = linear ? std::min<uint64_t>(spec.inject_universe, 16)
                                                    : spec.inject_universe,
                                 .searches = linear ? spec.linear_searches : spec.inject_searches,
                                 .order = order,
                                 .seed = spec.seed},
                                prefix));
      r.attacks.push_back({.attack = order == leakage::attacks::InjectionOrder::kInjectFirst
                                         ? "inject-first"
                                         : "search-first",
                           .delta = 1.0,
                           .searches = inj.searches,
                           .recovered = inj.recovered,
                           .guessed = inj.guessed,
                           .classes = inj.injected_documents});
    }
  }
  return OkStatus();
}

}  // namespace

LoadedCorpus SplitCorpus(const OverviewCorpus& corpus, std::vector<index::Document> docs) {
  LoadedCorpus out{.name = corpus.name, .source = corpus.source};
  for (size_t i = 0; i < docs.size(); ++i) {
    bool aux = corpus.aux_every > 1 && (i + 1) % corpus.aux_every == 0;
    (aux ? out.aux : out.indexed).push_back(std::move(docs[i]));
  }
  return out;
}

std::vector<VariantResult> RunOverviewExperiment(const OverviewSpec& spec,
                                                 const std::vector<LoadedCorpus>& corpora,
                                                 const fs::path& work, const LogFn& log,
                                                 unsigned lab_workers) {
  // One run per (corpus, variant), planned first: its documents and its workload.
  struct Run {
    const LoadedCorpus* corpus;
    schemes::Variant variant;
    std::vector<index::Document> reduced;  // empty: the corpus's indexed documents
    std::vector<leakage::WorkloadOp> workload;
    uint64_t searches = 0;
    fs::path dir;
    const std::vector<index::Document>& docs() const {
      return reduced.empty() ? corpus->indexed : reduced;
    }
  };
  std::vector<VariantResult> results;
  std::vector<Run> runs;
  std::vector<schemes::Variant> variants =
      schemes::AllVariants(schemes::BuiltinRegistry(), spec.schemes);
  // The plaintext baseline first: it is the yardstick of every ratio.
  std::stable_partition(variants.begin(), variants.end(),
                        [](const schemes::Variant& v) { return v.scheme == "plaintext"; });
  for (const LoadedCorpus& corpus : corpora) {
    for (const schemes::Variant& v : variants) {
      const index::SchemeEntry* e = schemes::BuiltinRegistry().Find(v.scheme).value();
      const index::Params params = index::Params::Parse(v.scheme, e->info.params, v.params).value();
      VariantResult r{
          .corpus = corpus.name,
          .label = v.Label(),
          .scheme = v.scheme,
          .declared = index::DeclaredLeakage(*e, params).Summary(),
          .linear = e->info.capabilities.linear_search,
          .costly = !e->info.capabilities.linear_search && e->info.capabilities.costly_updates,
          .oblivious = e->info.capabilities.oblivious,
          .conjunction_declared = index::DeclaredLeakage(*e, params).Conjunction(),
          .native_conjunctions = index::DeclaredCapabilities(*e, params).conjunctive};
      Run run{.corpus = &corpus,
              .variant = v,
              .dir = work / (corpus.name + "-" + std::to_string(results.size()))};
      if (r.linear) run.reduced = Prefix(corpus.indexed, spec.linear_max_pairs);
      if (r.costly) run.reduced = Prefix(corpus.indexed, spec.costly_max_pairs);
      if (r.oblivious) run.reduced = Prefix(corpus.indexed, spec.oblivious_max_pairs);
      leakage::WorkloadSpec vws = spec.workload;
      if (r.linear) {
        vws.searches = std::min(vws.searches, spec.linear_searches);
        // Search within the keyword-guessing dictionary, so its recovery rate reads as
        // "recovered when the keyword is in the dictionary".
        vws.pool = std::min(vws.pool, spec.guess_dictionary);
        // Each update is followed by a search of its keyword: as few as the searches.
        vws.inserts = std::min(vws.inserts, 2 * spec.linear_searches);
        vws.removes = std::min(vws.removes, spec.linear_searches);
        vws.conjunctions = std::min(vws.conjunctions, spec.linear_searches / 2);
      }
      run.workload = leakage::MakeWorkload(leakage::CountKeywords(run.docs()), vws, run.docs());
      run.searches = vws.searches;
      r.documents = run.docs().size();
      results.push_back(std::move(r));
      runs.push_back(std::move(run));
    }
  }
  auto done = [&log](const VariantResult& r, Clock::time_point start) {
    log("  " + r.corpus + ": " + r.label + " done in " +
        std::to_string(static_cast<int>(Since(start))) + " s" +
        (r.error.empty() ? "" : ": " + r.error));
  };
  // Cost first, one run at a time with nothing else running: these are the timings.
  log("cost: " + std::to_string(runs.size()) + " runs, one at a time");
  for (size_t i = 0; i < runs.size(); ++i) {
    const Run& run = runs[i];
    VariantResult& r = results[i];
    auto start = Clock::now();
    Status s = MeasureCost(run.variant, run.docs(), SearchedKeywords(run.workload, run.searches),
                           Conjunctions(run.workload), spec.repetitions, run.dir, r);
    if (!s.ok()) r.error = s.error().ToString();
    done(r, start);
  }
  // Leakage next, untimed, on `lab_workers` threads: each run records its own transcript
  // in its own directory and writes only its own result.
  if (lab_workers == 0) lab_workers = std::max(1u, std::thread::hardware_concurrency());
  log("leakage: " + std::to_string(runs.size()) + " runs on " + std::to_string(lab_workers) +
      " threads");
  std::mutex log_mu;
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < runs.size(); i = next++) {
      const Run& run = runs[i];
      VariantResult& r = results[i];
      if (!r.error.empty()) continue;
      auto start = Clock::now();
      fs::path lab_dir = run.dir;
      lab_dir += "-lab";
      Status s =
          MeasureLeakage(spec, run.variant, *run.corpus, run.docs(), run.workload, lab_dir, r);
      if (!s.ok()) r.error = s.error().ToString();
      std::lock_guard<std::mutex> lock(log_mu);
      done(r, start);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < std::min<size_t>(lab_workers, runs.size()); ++t) {
    threads.emplace_back(worker);
  }
  worker();
  for (std::thread& t : threads) t.join();
  return results;
}

}  // namespace sselab::harness
