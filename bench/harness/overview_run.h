// The overview experiment: every scheme variant over every corpus of an OverviewSpec,
// measured for cost (on the RocksDB store) and for leakage (on a recorded transcript),
// with the leakage-abuse attacks run on that transcript.
#ifndef SSELAB_BENCH_HARNESS_OVERVIEW_RUN_H_
#define SSELAB_BENCH_HARNESS_OVERVIEW_RUN_H_

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "bench/harness/overview_spec.h"
#include "index/document.h"
#include "leakage/attack_run.h"
#include "leakage/conjunction_measure.h"
#include "leakage/measures.h"

namespace sselab::harness {

// A corpus in memory, split into the indexed documents and the held-out auxiliary ones.
struct LoadedCorpus {
  std::string name;
  std::string source;
  std::vector<index::Document> indexed;
  std::vector<index::Document> aux;
};
// Splits `docs` by position: every aux_every-th document (1-based) goes to aux.
LoadedCorpus SplitCorpus(const OverviewCorpus& corpus, std::vector<index::Document> docs);

struct VariantResult {
  std::string corpus;
  std::string label;  // e.g. "pibas[mode=hiding]"
  std::string scheme;
  std::string declared;    // LeakageProfile::Summary()
  bool linear = false;     // ran on the reduced corpus (linear_max_pairs)
  bool costly = false;     // ran on the first costly_max_pairs pairs (costly updates)
  bool oblivious = false;  // ran on the first oblivious_max_pairs pairs (ORAM)
  uint64_t documents = 0;
  uint64_t pairs = 0;
  // Cost, on the RocksDB store.
  double build_seconds = 0;
  uint64_t server_bytes = 0;
  uint64_t searches = 0;  // timed
  uint64_t results = 0;   // ids returned over the timed searches
  double search_seconds = 0;
  bool correct = true;  // every search returned exactly the corpus's ids
  // The workload's conjunctions, timed like the searches (and checked with them).
  uint64_t conjunction_searches = 0;
  double conjunction_seconds = 0;
  // Leakage, on the recorded transcript.
  leakage::Measures measures;
  leakage::Scores scores;
  leakage::ConjunctionLeakage conjunctions;
  std::string conjunction_declared;  // LeakageProfile::Conjunction()
  bool native_conjunctions = false;  // Capabilities::conjunctive
  std::string measured;              // leakage::MeasuredSummary
  std::vector<std::string> violations;
  std::vector<leakage::AttackOutcome> attacks;
  std::string error;  // non-empty if this variant failed (the others still run)
};

using LogFn = std::function<void(const std::string& line)>;

// Runs every variant of `spec` over each corpus; indexes live under `work`. Cost is
// measured first, one run at a time and nothing else running; then leakage (recording,
// analysis, attacks: untimed) on `lab_workers` threads at once, 0 meaning one per core.
// The results do not depend on `lab_workers`. `log` is called from one thread at a time.
std::vector<VariantResult> RunOverviewExperiment(const OverviewSpec& spec,
                                                 const std::vector<LoadedCorpus>& corpora,
                                                 const std::filesystem::path& work,
                                                 const LogFn& log, unsigned lab_workers = 0);

}  // namespace sselab::harness

#endif  // SSELAB_BENCH_HARNESS_OVERVIEW_RUN_H_
