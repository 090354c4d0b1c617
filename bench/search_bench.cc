// Per-result search cost of every registered scheme, next to the plaintext baseline
// measured in the same run: BM_Search/<scheme>/result=<n> reports ns_per_result and
// x_plaintext (this scheme's time over the baseline's for the same keyword).
#include <benchmark/benchmark.h>

#include "bench/bench_indexes.h"
#include "schemes/builtin.h"

namespace sselab {
namespace {

void Register() {
  for (const auto* e : schemes::BuiltinRegistry().All()) {
    // A search of a linear-search scheme costs a pairing per stored pair (200000 here):
    // bench/peks_bench.cc measures those on a corpus of their size.
    if (e->info.capabilities.linear_search) continue;
    bench::RegisterSearchVsPlaintext({e->info.name, {}});
  }
}

}  // namespace
}  // namespace sselab

int main(int argc, char** argv) {
  sselab::Register();
  return sselab::bench::RunBenchmarks(argc, argv);
}
