// The three backward-privacy types priced on one workload: mitra (Type II), diana-del
// (Type III) and orion (Type I), each over the same corpus of SSELAB_COST_PAIRS pairs
// (default 10^5; Orion's ORAM makes 10^6 a long run) with keywords planted after the build:
//   BM_CostSearch/scheme:i/result:n  a keyword that had 2n additions, then n of them
//       removed (n results): us per search, per result, and the server's store reads per
//       search (one per ORAM path read for orion; formula_reads is (1 + n) x A of
//       papers/orion.md, which the measured count must match).
//   BM_CostUpdate/scheme:i/remove:r  batches of 16 pairs, additions (r = 0) or removals of
//       pairs added just before (r = 1): us per pair and the server's store reads per pair
//       (orion: 8A, formula_reads).
// Scheme 0 is mitra, 1 diana-del, 2 orion. Each reports the client state per keyword of
// the build: on disk (state_bytes_per_keyword, with what compaction has not dropped yet:
// orion journals every write-back, megabytes per batch) and its live records
// (live_state_bytes_per_keyword: the counters; for orion the two maps' stash, root and
// sizes).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <string>

#include "bench/dynamic_common.h"
#include "sse/orion/orion_client.h"

namespace sselab {
namespace {

using bench::Bench;
using bench::Die;

const char* const kSchemes[] = {"mitra", "diana-del", "orion"};
constexpr int kOrion = 2;
constexpr uint64_t kResults[] = {10, 100, 1000};
constexpr uint64_t kBatchPairs = 16;

uint64_t CostPairs() {
  const char* env = std::getenv("SSELAB_COST_PAIRS");
  return env != nullptr ? std::strtoull(env, nullptr, 10) : 100'000;
}

uint64_t CostKeywords() { return std::max<uint64_t>(CostPairs() / 20, 10); }

std::string KeywordFor(uint64_t n) { return "cost-" + std::to_string(n); }

// Orion's capacity for this corpus (capacity=auto): as its build picks it.
uint64_t OrionCapacity() {
  return sse::orion::OrionClient::AutoCapacity(CostPairs() + CostKeywords());
}

// Built on first use, then the planted keywords added and half removed; closed by main
// before static destruction.
std::map<int, std::unique_ptr<Bench>> g_benches;

Bench& Get(int scheme) {
  std::unique_ptr<Bench>& b = g_benches[scheme];
  if (b) return *b;
  const uint64_t pairs = CostPairs();
  b = bench::BuildBench(
      kSchemes[scheme], {},
      {.docs = pairs / 10, .keywords = CostKeywords(), .pairs = pairs, .seed = 1});
  for (uint64_t n : kResults) {
    std::vector<index::Document> adds, removes;
    for (uint64_t i = 0; i < 2 * n; ++i) {
      index::Document d{(uint64_t{1} << 50) + i, {KeywordFor(n)}};
      if (i < n) removes.push_back(d);
      adds.push_back(std::move(d));
    }
    Status s = b->index->UpdateBatch(index::UpdateKind::kAdd, adds);
    if (s.ok()) s = b->index->UpdateBatch(index::UpdateKind::kRemove, removes);
    if (!s.ok()) Die("planting " + KeywordFor(n), s.error());
  }
  return *b;
}

void Report(benchmark::State& state, Bench& b, int scheme, double reads_per_op) {
  state.counters["server_reads"] = reads_per_op;
  state.counters["state_bytes_per_keyword"] = bench::StateBytesPerKeyword(b);
  state.counters["live_state_bytes_per_keyword"] = bench::LiveStateBytesPerKeyword(b);
  state.SetLabel(kSchemes[scheme]);
}

void BM_CostSearch(benchmark::State& state) {
  const int scheme = static_cast<int>(state.range(0));
  const auto n = static_cast<uint64_t>(state.range(1));
  Bench& b = Get(scheme);
  const std::string keyword = KeywordFor(n);
  auto warm = b.index->Search(keyword);
  if (!warm.ok()) Die("search", warm.error());
  if (warm->size() != n) {
    Die("search", InternalError(keyword + ": " + std::to_string(warm->size()) + " results"));
  }
  uint64_t searches = 0;
  const uint64_t reads_before = b.server_reads->calls();
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    benchmark::DoNotOptimize(b.index->Search(keyword));
    ++searches;
  }
  const double us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
      static_cast<double>(searches);
  const double reads =
      static_cast<double>(b.server_reads->calls() - reads_before) / static_cast<double>(searches);
  state.counters["us_per_search"] = us;
  state.counters["us_per_result"] = us / static_cast<double>(n);
  if (scheme == kOrion) {
    state.counters["formula_reads"] =
        static_cast<double>(sse::orion::OrionClient::AccessesPerSearch(OrionCapacity(), n));
  }
  Report(state, b, scheme, reads);
}

void BM_CostUpdate(benchmark::State& state) {
  const int scheme = static_cast<int>(state.range(0));
  const bool remove = state.range(1) != 0;
  Bench& b = Get(scheme);
  uint64_t round = 0, pairs = 0, reads = 0;
  double seconds = 0;
  for (auto _ : state) {
    state.PauseTiming();
    // 16 pairs: 4 documents of 4 keywords of the corpus's vocabulary.
    std::vector<index::Document> batch;
    for (uint64_t d = 0; d < kBatchPairs / 4; ++d) {
      index::Document doc{(uint64_t{3} << 50) + (++round << 20) + d, {}};
      for (uint64_t k = 0; k < 4; ++k) {
        doc.keywords.push_back("w" + std::to_string(1 + (round * 16 + d * 4 + k) % 5000));
      }
      batch.push_back(std::move(doc));
    }
    if (remove) {
      Status added = b.index->UpdateBatch(index::UpdateKind::kAdd, batch);
      if (!added.ok()) Die("update", added.error());
    }
    const uint64_t reads_before = b.server_reads->calls();
    const auto start = std::chrono::steady_clock::now();
    state.ResumeTiming();
    Status s =
        b.index->UpdateBatch(remove ? index::UpdateKind::kRemove : index::UpdateKind::kAdd, batch);
    state.PauseTiming();
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    reads += b.server_reads->calls() - reads_before;
    if (!s.ok()) Die("update", s.error());
    pairs += kBatchPairs;
    state.ResumeTiming();
  }
  state.counters["us_per_pair"] = seconds * 1e6 / static_cast<double>(pairs);
  if (scheme == kOrion) {
    state.counters["formula_reads"] =
        static_cast<double>(sse::orion::OrionClient::AccessesPerUpdate(OrionCapacity()));
  }
  Report(state, b, scheme, static_cast<double>(reads) / static_cast<double>(pairs));
}

void Register() {
  auto* search = benchmark::RegisterBenchmark("BM_CostSearch", BM_CostSearch);
  search->ArgNames({"scheme", "result"})->Unit(benchmark::kMicrosecond);
  for (int scheme = 0; scheme < 3; ++scheme) {
    for (uint64_t n : kResults) search->Args({scheme, static_cast<int64_t>(n)});
  }
  auto* update = benchmark::RegisterBenchmark("BM_CostUpdate", BM_CostUpdate);
  update->ArgNames({"scheme", "remove"})->Unit(benchmark::kMillisecond)->Iterations(16);
  for (int scheme = 0; scheme < 3; ++scheme) update->Args({scheme, 0})->Args({scheme, 1});
}

}  // namespace
}  // namespace sselab

int main(int argc, char** argv) {
  return sselab::bench::RunBenchmarks(argc, argv, sselab::Register,
                                      [] { sselab::g_benches.clear(); });
}
