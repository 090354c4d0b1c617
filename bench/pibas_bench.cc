// Π_bas's search against the lookups it cannot avoid and against the plaintext baseline,
// measured in the same run on the same corpus:
//   BM_PibasSearch/<mode>/result:n  a search's time per result (ns_per_result) over the
//       store's own cost per key of looking up n existing entries of the `pibas` table in
//       MultiGet batches of 4096 (x_lookup; one lookup per result, plus the one miss that
//       ends the counter walk, is Π_bas's I/O), and over the plaintext baseline's search
//       for the same keyword (x_plaintext).
// The indexes hold SSELAB_DYNAMIC_PAIRS pairs (default 10^6) with keywords planted at 10 ..
// 10^5 results; both modes (revealing, hiding) are measured.
#include <benchmark/benchmark.h>

#include <chrono>
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

// The baseline's batches: the store's batched lookups at their cheapest per key, whatever
// batches the server itself makes (sse/pibas/pibas_messages.h).
constexpr size_t kBaselineBatch = 4096;

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
  // The baseline's time first, timed by hand over as many searches as half a second holds.
  double plaintext_ns = 0;
  {
    const auto start = std::chrono::steady_clock::now();
    uint64_t searches = 0;
    while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500)) {
      auto found = plaintext.index->Search(keyword);
      if (!found.ok()) Die("plaintext search", found.error());
      benchmark::DoNotOptimize(found);
      ++searches;
    }
    plaintext_ns =
        std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() /
        static_cast<double>(searches);
  }
  const double ns = bench::TimedSearchLoopNs(state, *pibas.index, keyword);
  const double per_result = ns / static_cast<double>(n);
  const double lookup =
      bench::LookupNsPerKey(*pibas.server_store, sse::pibas::kTable, n, kBaselineBatch);
  state.counters["ns_per_result"] = per_result;
  state.counters["lookup_ns_per_key"] = lookup;
  state.counters["x_lookup"] = per_result / lookup;
  state.counters["plaintext_ns_per_result"] = plaintext_ns / static_cast<double>(n);
  state.counters["x_plaintext"] = ns / plaintext_ns;
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
