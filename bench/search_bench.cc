// Per-result search cost of every registered scheme in each of its modes
// (schemes::AllVariants), next to the plaintext baseline measured in the same run:
// BM_Search/<variant>/result=<n>, e.g. BM_Search/pibas[mode=hiding]/result:1000, reports
// ns_per_result and x_plaintext (this variant's time over the baseline's for the same
// keyword). --benchmark_filter selects variants. Π_pack is also measured at B = 16 (its
// default before 2026-12-06) and 256 ids per block (block_ids): fewer lookups per result
// against more padding at rest (server_bytes_per_pair) and a coarser volume per search.
#include <benchmark/benchmark.h>

#include "bench/bench_indexes.h"
#include "schemes/builtin.h"
#include "schemes/variants.h"

namespace sselab {
namespace {

void Register() {
  const index::Registry& registry = schemes::BuiltinRegistry();
  for (const schemes::Variant& v : schemes::AllVariants(registry)) {
    // A search of a linear-search scheme costs a pairing per stored pair (200000 here):
    // bench/peks_bench.cc measures those on a corpus of their size.
    if ((*registry.Find(v.scheme))->info.capabilities.linear_search) continue;
    bench::RegisterSearchVsPlaintext(v);
  }
  for (const char* b : {"block_ids=16", "block_ids=256"}) {
    for (const char* mode : {"mode=revealing", "mode=hiding"}) {
      bench::RegisterSearchVsPlaintext({"pipack", {mode, b}});
    }
  }
}

}  // namespace
}  // namespace sselab

int main(int argc, char** argv) {
  sselab::Register();
  return sselab::bench::RunBenchmarks(argc, argv);
}
