// Per-result search cost of every registered scheme, next to the plaintext baseline
// measured in the same run: BM_Search/<scheme>/result=<n> reports ns_per_result and
// x_plaintext (this scheme's time over the baseline's for the same keyword).
#include <benchmark/benchmark.h>

#include "bench/bench_indexes.h"
#include "index/corpus.h"
#include "schemes/builtin.h"

namespace sselab {
namespace {

using bench::BenchIndexes;
using bench::NsPerSearch;

void BM_Search(benchmark::State& state, const std::string& scheme) {
  auto size = static_cast<uint64_t>(state.range(0));
  std::string keyword = index::PlantedKeyword(size);
  index::EncryptedIndex& idx = *BenchIndexes::Get().For({scheme, {}}).index;
  index::EncryptedIndex& base = *BenchIndexes::Get().For({"plaintext", {}}).index;
  for (auto _ : state) benchmark::DoNotOptimize(idx.Search(keyword));
  double ns = NsPerSearch(idx, keyword, 20);
  double base_ns = NsPerSearch(base, keyword, 20);
  state.counters["ns_per_result"] = ns / static_cast<double>(size);
  state.counters["x_plaintext"] = ns / base_ns;
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * size));
}

void Register() {
  for (const auto* e : schemes::BuiltinRegistry().All()) {
    // A search of a linear-search scheme costs a pairing per stored pair (200000 here):
    // bench/peks_bench.cc measures those on a corpus of their size.
    if (e->info.capabilities.linear_search) continue;
    const std::string& name = e->info.name;
    auto* b = benchmark::RegisterBenchmark(("BM_Search/" + name).c_str(), BM_Search, name);
    for (uint64_t s : bench::kPlantedSizes) b->Arg(static_cast<int64_t>(s));
    b->ArgName("result")->Unit(benchmark::kMicrosecond);
  }
}

}  // namespace
}  // namespace sselab

int main(int argc, char** argv) {
  sselab::Register();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  sselab::bench::BenchIndexes::Get().Close();
  return 0;
}
