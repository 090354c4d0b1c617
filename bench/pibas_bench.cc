// Π_bas's search against the lookups it cannot avoid and against the plaintext baseline,
// measured in the same run on the same corpus:
//   BM_PibasSearch/<mode>/result:n  a search's time per result (ns_per_result); x_lookup,
//       the search's time over the store's own time for the n + 1 lookups Π_bas cannot do
//       without: one per result and the one that finds the end of the list (timed as
//       n + 1 existing entries of the `pibas` table, in MultiGet batches of the size that
//       is cheapest per key in this run, reported as lookup_batch; in the hash layout a
//       lookup past the end costs about what a hit costs);
//       x_plaintext, over the plaintext baseline's search for the same keyword. The three
//       take turns in every iteration, so they are timed in the same seconds.
// The indexes hold SSELAB_DYNAMIC_PAIRS pairs (default 10^6) with keywords planted at 10 ..
// 10^5 results; both modes (revealing, hiding) are measured.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <string>

#include "bench/dynamic_common.h"
#include "index/synthetic.h"
#include "sse/pibas/pibas_messages.h"

namespace sselab {
namespace {

using bench::Bench;
using bench::BuildBench;
using bench::Die;

// Built on first use; closed by main before static destruction.
std::map<std::string, std::unique_ptr<Bench>> g_indexes;

Bench& IndexOf(const std::string& scheme, const std::string& param) {
  const std::string id = scheme + "/" + param;
  std::unique_ptr<Bench>& b = g_indexes[id];
  if (!b) {
    std::vector<std::string> params;
    if (!param.empty()) params.push_back(param);
    b = BuildBench(scheme, params, bench::StandardCorpus());
  }
  return *b;
}

void BM_PibasSearch(benchmark::State& state, std::string mode) {
  const auto n = static_cast<uint64_t>(state.range(0));
  const std::string keyword = index::PlantedKeyword(n);
  Bench& plaintext = IndexOf("plaintext", "");
  Bench& pibas = IndexOf("pibas", "mode=" + mode);
  for (Bench* b : {&plaintext, &pibas}) {
    auto warm = b->index->Search(keyword);
    if (!warm.ok()) Die("warm search", warm.error());
    if (warm->size() != n) Die("warm search", InternalError("wrong number of results"));
  }
  const uint64_t needed = n + 1;
  const bench::TurnTimes t =
      bench::TimeSearchInTurns(state, *pibas.index, keyword, *pibas.server_store,
                               sse::pibas::kTable, needed, plaintext.index.get());
  state.counters["ns_per_result"] = t.search_ns / static_cast<double>(n);
  state.counters["lookup_ns_per_key"] = t.lookup_ns_per_key;
  state.counters["lookup_batch"] = static_cast<double>(t.lookup_batch);
  state.counters["x_lookup"] = t.search_ns / (static_cast<double>(needed) * t.lookup_ns_per_key);
  state.counters["plaintext_ns_per_result"] = t.baseline_ns / static_cast<double>(n);
  state.counters["x_plaintext"] = t.search_ns / t.baseline_ns;
  state.counters["entries"] = static_cast<double>(bench::Pairs());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}

void Register() {
  for (const char* mode : {"revealing", "hiding"}) {
    auto* b = benchmark::RegisterBenchmark((std::string("BM_PibasSearch/") + mode).c_str(),
                                           BM_PibasSearch, std::string(mode));
    b->ArgName("result")->Unit(benchmark::kMicrosecond);
    for (uint64_t s : bench::PlantedSizes()) b->Arg(static_cast<int64_t>(s));
  }
}

}  // namespace
}  // namespace sselab

int main(int argc, char** argv) {
  return sselab::bench::RunBenchmarks(argc, argv, sselab::Register,
                                      [] { sselab::g_indexes.clear(); });
}
