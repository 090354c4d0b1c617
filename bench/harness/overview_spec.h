// Overview specs: the TOML file `sselab overview` runs (experiments/overview/spec.toml).
//
//   name = "overview"
//   [[corpus]]                      # one or more; every scheme runs over each
//   name = "synthetic"
//   source = "synth:docs=5000,keywords=2000,pairs=200000,seed=1"   # or a file, or a
//                                   # named data set ("spam-assassin", fetched and cached)
//   aux_every = 5                   # every 5th document is held out of the index as the
//                                   # auxiliary corpus of frequency analysis (0: none)
//   [workload]                      # leakage/workload.h (searches, pool, repeat, ...)
//   [attacks]
//   deltas = [1.0, 0.5, 0.25]       # count attack at each known fraction
//   ikk_deltas = [1.0, 0.5]         # IKK at each (it is slower)
//   ikk_known = 0.15, vocabulary = 1000, seed = 1
//   guess_dictionary = 200          # keyword guessing (PEKS): candidates tried per search
//   inject_universe = 64            # file injection (dynamic schemes): keywords targeted
//   inject_searches = 50            #   searches per order, on the first documents up to
//   inject_max_pairs = 20000        #   this many pairs (linear-search schemes: 100
//   inject_linear_max_pairs = 100   #   pairs, 16 keywords, linear_searches searches;
//                                   #   costly-update schemes: a tenth of the pairs)
//   [performance]
//   repetitions = 3                 # timed passes over the searched keywords (after an
//                                   #   untimed one; linear-search schemes: one, timed)
//   linear_max_pairs = 1000         # linear-search schemes (PEKS) index only the first
//   linear_searches = 10            # documents up to this many pairs, and search less
//   costly_max_pairs = 10000        # schemes whose every added pair is a public-key
//                                   # operation (Sophos) index the first documents up
//                                   # to this many pairs
//   oblivious_max_pairs = 2000      # ORAM-based schemes (Orion): the same, smaller
//   schemes = ["pibas", ...]        # optional: default every registered scheme, each
//                                   # in every mode (one run per choice of a parameter)
#ifndef SSELAB_BENCH_HARNESS_OVERVIEW_SPEC_H_
#define SSELAB_BENCH_HARNESS_OVERVIEW_SPEC_H_

#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"
#include "leakage/workload.h"

namespace sselab::harness {

struct OverviewCorpus {
  std::string name;
  std::string source;
  uint64_t aux_every = 5;
};

struct OverviewSpec {
  std::string name = "overview";
  std::vector<OverviewCorpus> corpora;
  leakage::WorkloadSpec workload{
      .searches = 150, .pool = 500, .repeat = 0.2, .inserts = 20, .removes = 10};
  std::vector<double> deltas{1.0, 0.75, 0.5, 0.25};
  std::vector<double> ikk_deltas{1.0, 0.5};
  double ikk_known = 0.15;
  uint64_t vocabulary = 1000;
  uint64_t guess_dictionary = 200;  // keyword guessing: the most frequent keywords tried
  uint64_t seed = 1;
  uint64_t repetitions = 3;
  uint64_t linear_max_pairs = 1000;
  uint64_t linear_searches = 10;
  uint64_t costly_max_pairs = 10000;
  uint64_t oblivious_max_pairs = 2000;
  // File injection ([attacks] inject_*): universe 0 turns it off.
  uint64_t inject_universe = 64;
  uint64_t inject_searches = 50;
  uint64_t inject_max_pairs = 20000;
  uint64_t inject_linear_max_pairs = 100;
  std::vector<std::string> schemes;  // empty: all
};

Result<OverviewSpec> LoadOverviewSpec(const std::filesystem::path& path);
Result<OverviewSpec> ParseOverviewSpec(std::string_view text, const std::filesystem::path& origin);

}  // namespace sselab::harness

#endif  // SSELAB_BENCH_HARNESS_OVERVIEW_SPEC_H_
