// The dynamic schemes' targets, each next to the baseline it is judged by, measured in
// the same run:
//   BM_DianaSearch/result:n  Diana's search per match (ns_per_match) over the server
//       store's own cost per key of looking up n existing entries in its cheapest MultiGet
//       batches, the two taking turns (x_lookup, bench::TimeSearchInTurns); us_per_match
//       for comparison with published numbers. The index holds SSELAB_DYNAMIC_PAIRS pairs (default
//       10^6; experiments/dynamic/README.md runs 10^7) with keywords planted at 10 .. 10^5.
//   BM_DianaUpdate  pairs/s of update batches (65 536 pairs, client state synced once per
//       batch), on the same index.
//   BM_SophosUpdate  microseconds per added pair (2048-bit RSA) over one RSA private-key
//       operation of the same key measured right after (x_rsa_private).
// Each also reports the client state on disk per keyword (state_bytes_per_keyword).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "bench/dynamic_common.h"
#include "crypto/random.h"
#include "index/encrypted_index.h"
#include "index/synthetic.h"
#include "schemes/builtin.h"
#include "sse/diana/diana_messages.h"
#include "sse/sophos/rsa_tdp.h"

namespace sselab {
namespace {

using bench::Bench;
using bench::BuildBench;
using bench::Die;
using bench::Pairs;
using bench::PlantedSizes;
using bench::StateBytesPerKeyword;

// Built on first use; closed by main before static destruction (RocksDB needs its own
// statics to close).
std::unique_ptr<Bench> g_diana, g_sophos;

Bench& Diana() {
  if (!g_diana) g_diana = BuildBench("diana", {}, bench::StandardCorpus());
  return *g_diana;
}

void BM_DianaSearch(benchmark::State& state) {
  const auto n = static_cast<uint64_t>(state.range(0));
  Bench& b = Diana();
  const std::string keyword = index::PlantedKeyword(n);
  auto warm = b.index->Search(keyword);
  if (!warm.ok()) Die("diana search", warm.error());
  const bench::TurnTimes t =
      bench::TimeSearchInTurns(state, *b.index, keyword, *b.server_store, sse::diana::kTable, n);
  const double per_match = t.search_ns / static_cast<double>(n);
  state.counters["ns_per_match"] = per_match;
  state.counters["us_per_match"] = per_match / 1000;
  state.counters["lookup_ns_per_key"] = t.lookup_ns_per_key;
  state.counters["lookup_batch"] = static_cast<double>(t.lookup_batch);
  state.counters["x_lookup"] = per_match / t.lookup_ns_per_key;
  state.counters["entries"] = static_cast<double>(Pairs());
  state.counters["state_bytes_per_keyword"] = StateBytesPerKeyword(b);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}

// Batches of new documents over the index's vocabulary (another seed: new ids).
std::vector<index::Document> UpdateBatch(uint64_t seed, uint64_t pairs) {
  auto src = index::NewSyntheticSource({.docs = pairs / 10,
                                        .keywords = std::max<uint64_t>(Pairs() / 20, 10),
                                        .pairs = pairs,
                                        .seed = seed});
  std::vector<index::Document> docs;
  index::Document d;
  while (*src->Next(d)) {
    d.id ^= seed << 40;  // disjoint from the build's ids
    docs.push_back(d);
  }
  return docs;
}

void BM_DianaUpdate(benchmark::State& state) {
  Bench& b = Diana();
  uint64_t seed = 100, pairs = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<index::Document> batch = UpdateBatch(seed++, 1 << 16);
    uint64_t n = 0;
    for (const auto& d : batch) n += d.keywords.size();
    state.ResumeTiming();
    Status s = b.index->UpdateBatch(index::UpdateKind::kAdd, batch);
    if (!s.ok()) Die("diana update", s.error());
    pairs += n;
  }
  state.counters["pairs_per_s"] =
      benchmark::Counter(static_cast<double>(pairs), benchmark::Counter::kIsRate);
  state.counters["state_bytes_per_keyword"] = StateBytesPerKeyword(b);
}

void BM_SophosUpdate(benchmark::State& state) {
  if (!g_sophos) {
    g_sophos = BuildBench("sophos", {"rsa_bits=2048"},
                          {.docs = 2000, .keywords = 1000, .pairs = 20000, .seed = 1});
  }
  Bench* b = g_sophos.get();
  uint64_t seed = 100, pairs = 0;
  double seconds = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<index::Document> batch;
    {
      auto src =
          index::NewSyntheticSource({.docs = 50, .keywords = 1000, .pairs = 500, .seed = seed++});
      index::Document d;
      while (*src->Next(d)) {
        d.id ^= seed << 40;
        batch.push_back(d);
      }
    }
    uint64_t n = 0;
    for (const auto& d : batch) n += d.keywords.size();
    state.ResumeTiming();
    const auto start = std::chrono::steady_clock::now();
    Status s = b->index->UpdateBatch(index::UpdateKind::kAdd, batch);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!s.ok()) Die("sophos update", s.error());
    pairs += n;
  }
  // One private-key operation of a 2048-bit key (with CRT), in the same run.
  auto trapdoor = sse::sophos::RsaTrapdoor::Derive(crypto::SecretKey::Generate(32), 2048);
  if (!trapdoor.ok()) Die("rsa key", trapdoor.error());
  auto x =
      trapdoor->ElementFromSeed(crypto::RandomBytes(trapdoor->public_key().element_size() + 8));
  if (!x.ok()) Die("rsa element", x.error());
  const int reps = 200;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < reps; ++i) benchmark::DoNotOptimize(trapdoor->InverseSteps(*x, 1000 + i));
  const double rsa_us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
      reps;
  const double us_per_pair = seconds * 1e6 / static_cast<double>(pairs);
  state.counters["us_per_pair"] = us_per_pair;
  state.counters["us_per_rsa_private"] = rsa_us;
  state.counters["x_rsa_private"] = us_per_pair / rsa_us;
  state.counters["state_bytes_per_keyword"] = StateBytesPerKeyword(*b);
}

void Register() {
  auto* search = benchmark::RegisterBenchmark("BM_DianaSearch", BM_DianaSearch);
  search->ArgName("result")->Unit(benchmark::kMicrosecond);
  for (uint64_t s : PlantedSizes()) search->Arg(static_cast<int64_t>(s));
  benchmark::RegisterBenchmark("BM_DianaUpdate", BM_DianaUpdate)
      ->Unit(benchmark::kMillisecond)
      ->Iterations(8);
  benchmark::RegisterBenchmark("BM_SophosUpdate", BM_SophosUpdate)
      ->Unit(benchmark::kMillisecond)
      ->Iterations(5);
}

}  // namespace
}  // namespace sselab

int main(int argc, char** argv) {
  return sselab::bench::RunBenchmarks(argc, argv, sselab::Register, [] {
    sselab::g_diana.reset();
    sselab::g_sophos.reset();
  });
}
