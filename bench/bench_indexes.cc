#include "bench/bench_indexes.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "index/corpus.h"
#include "index/synthetic.h"
#include "schemes/builtin.h"

namespace sselab::bench {

namespace fs = std::filesystem;

BenchIndexes& BenchIndexes::Get() {
  static BenchIndexes instance;
  return instance;
}

BenchIndexes::BenchIndexes() = default;

BuiltIndex& BenchIndexes::For(const schemes::Variant& variant) {
  const std::string label = variant.Label();
  auto it = built_.find(label);
  if (it != built_.end()) return it->second;
  auto fail = [&](const Error& e) {
    std::fprintf(stderr, "building %s: %s\n", label.c_str(), e.ToString().c_str());
    std::abort();
  };
  auto corpus = index::OpenCorpus(fs::path(kBenchCorpus));
  if (!corpus.ok()) fail(corpus.error());
  auto start = std::chrono::steady_clock::now();
  auto idx = index::EncryptedIndex::Create(
      schemes::BuiltinRegistry(),
      {.scheme = variant.scheme,
       .params = variant.params,
       .dir = dir_.path() / ("index-" + std::to_string(built_.size()))},
      **corpus);
  if (!idx.ok()) fail(idx.error());
  BuiltIndex b;
  b.build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  b.server_bytes = (*idx)->Sizes().server_bytes;
  b.index = std::move(idx).value();
  return built_.emplace(label, std::move(b)).first->second;
}

void BenchIndexes::Close() {
  built_.clear();
  std::error_code ec;
  fs::remove_all(dir_.path(), ec);
}

double NsPerSearch(index::EncryptedIndex& idx, const std::string& keyword, int reps) {
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < reps; ++i) benchmark::DoNotOptimize(idx.Search(keyword));
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start)
             .count() /
         reps;
}

namespace {

void BM_Search(benchmark::State& state, const schemes::Variant& variant) {
  auto size = static_cast<uint64_t>(state.range(0));
  std::string keyword = index::PlantedKeyword(size);
  BuiltIndex& built = BenchIndexes::Get().For(variant);
  index::EncryptedIndex& idx = *built.index;
  index::EncryptedIndex& base = *BenchIndexes::Get().For({"plaintext", {}}).index;
  // The variant and the baseline take turns in every iteration, so the ratio compares
  // searches of the same seconds on a machine whose speed drifts.
  using Clock = std::chrono::steady_clock;
  double ns = 0, base_ns = 0;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    benchmark::DoNotOptimize(idx.Search(keyword));
    const auto t1 = Clock::now();
    benchmark::DoNotOptimize(base.Search(keyword));
    const auto t2 = Clock::now();
    ns += std::chrono::duration<double, std::nano>(t1 - t0).count();
    base_ns += std::chrono::duration<double, std::nano>(t2 - t1).count();
  }
  const auto rounds =
      static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1));
  state.counters["ns_per_result"] = ns / rounds / static_cast<double>(size);
  state.counters["x_plaintext"] = ns / base_ns;
  state.counters["server_bytes_per_pair"] =
      static_cast<double>(built.server_bytes) / static_cast<double>(kBenchPairs);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * size));
}

}  // namespace

void RegisterSearchVsPlaintext(const schemes::Variant& variant) {
  auto* b =
      benchmark::RegisterBenchmark(("BM_Search/" + variant.Label()).c_str(), BM_Search, variant);
  for (uint64_t s : kPlantedSizes) b->Arg(static_cast<int64_t>(s));
  b->ArgName("result")->Unit(benchmark::kMicrosecond);
}

int RunBenchmarks(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  BenchIndexes::Get().Close();
  return 0;
}

}  // namespace sselab::bench
