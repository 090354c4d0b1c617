// The blind index against the plaintext baseline and Π_bas, with and without volume
// padding, all measured in one run over bench/bench_indexes.h's corpus (R ≈ 5 000):
//   BM_Build/<variant>           pairs_per_s, bytes_on_disk, and x_plaintext_time /
//                                x_plaintext_disk (over the baseline's build)
//   BM_Search/<variant>/result=n ns_per_result and x_plaintext (same keyword)
// bits=10 is what `sselab blind plan` recommends for this corpus (C = R / 2^10 ≈ 4.9);
// bits=32, the default, gives almost every keyword a bucket of its own.
#include <benchmark/benchmark.h>

#include <vector>

#include "bench/bench_indexes.h"

namespace sselab {
namespace {

using bench::BenchIndexes;
using bench::BuiltIndex;
using schemes::Variant;

const Variant kBaseline = {"plaintext", {}};

const std::vector<Variant>& Variants() {
  static const std::vector<Variant> variants = {
      kBaseline,
      {"pibas", {"mode=hiding"}},  // response-hiding, like blind
      {"blind", {}},
      {"blind", {"bits=10"}},
      {"blind", {"bits=10", "pad=pow2"}},
      {"blind", {"bits=10", "pad=bucket:64"}},
  };
  return variants;
}

void BM_Build(benchmark::State& state, const Variant& variant) {
  // One build per variant and process: the index is then reused by BM_Search.
  for (auto _ : state) state.SetIterationTime(BenchIndexes::Get().For(variant).build_seconds);
  const BuiltIndex& b = BenchIndexes::Get().For(variant);
  const BuiltIndex& base = BenchIndexes::Get().For(kBaseline);
  const double pairs = static_cast<double>(b.index->meta().stats.pairs);
  state.counters["pairs_per_s"] = pairs / b.build_seconds;
  state.counters["bytes_on_disk"] = static_cast<double>(b.server_bytes);
  state.counters["x_plaintext_time"] = b.build_seconds / base.build_seconds;
  state.counters["x_plaintext_disk"] =
      static_cast<double>(b.server_bytes) / static_cast<double>(base.server_bytes);
}

void Register() {
  for (const Variant& v : Variants()) {
    benchmark::RegisterBenchmark(("BM_Build/" + v.Label()).c_str(), BM_Build, v)
        ->Iterations(1)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
  }
  for (const Variant& v : Variants()) bench::RegisterSearchVsPlaintext(v);
}

}  // namespace
}  // namespace sselab

int main(int argc, char** argv) {
  sselab::Register();
  return sselab::bench::RunBenchmarks(argc, argv);
}
