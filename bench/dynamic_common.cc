#include "bench/dynamic_common.h"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>

#include "schemes/builtin.h"
#include "storage/failing_store.h"

namespace sselab::bench {

void Die(const std::string& what, const Error& e) {
  std::fprintf(stderr, "%s: %s\n", what.c_str(), e.ToString().c_str());
  std::abort();
}

int RunBenchmarks(int argc, char** argv, const std::function<void()>& register_benchmarks,
                  const std::function<void()>& close) {
  register_benchmarks();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  close();
  return 0;
}

uint64_t Pairs() {
  const char* env = std::getenv("SSELAB_DYNAMIC_PAIRS");
  return env != nullptr ? std::strtoull(env, nullptr, 10) : 1'000'000;
}

std::vector<uint64_t> PlantedSizes() {
  std::vector<uint64_t> out;
  for (uint64_t s = 10; s <= 100'000 && s * 10 <= Pairs() / 10; s *= 10) out.push_back(s);
  return out;
}

Bench::~Bench() {
  index.reset();  // closed before root removes the directory
}

std::unique_ptr<Bench> BuildBench(const std::string& scheme, std::vector<std::string> params,
                                  const index::SynthSpec& spec) {
  auto b = std::make_unique<Bench>();
  b->root = std::make_unique<PrivateDir>("sselab-dynbench-" + scheme);
  b->dir = b->root->path() / "index";
  auto corpus = index::NewSyntheticSource(spec);
  Bench* raw = b.get();
  const auto start = std::chrono::steady_clock::now();
  auto idx =
      index::EncryptedIndex::Create(schemes::BuiltinRegistry(),
                                    {.scheme = scheme,
                                     .params = std::move(params),
                                     .dir = b->dir,
                                     .decorate_store =
                                         [raw](storage::Store& inner) {
                                           raw->server_store = &inner;
                                           // A pass-through (it never fails) that counts the
                                           // server's reads.
                                           auto counting = std::make_unique<storage::FailingStore>(
                                               inner, UINT64_MAX, storage::FailingStore::kReads);
                                           raw->server_reads = counting.get();
                                           return counting;
                                         }},
                                    *corpus);
  if (!idx.ok()) Die("building " + scheme, idx.error());
  b->build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  b->keywords = (*idx)->meta().stats.keywords;
  b->index = std::move(idx).value();
  std::fprintf(stderr, "%s: built %llu pairs in %.1f s\n", scheme.c_str(),
               static_cast<unsigned long long>(spec.pairs), b->build_seconds);
  return b;
}

index::SynthSpec StandardCorpus() {
  const uint64_t pairs = Pairs();
  return {.docs = pairs / 10,
          .keywords = std::max<uint64_t>(pairs / 20, 10),
          .pairs = pairs,
          .seed = 1,
          .plant = PlantedSizes()};
}

double StateBytesPerKeyword(Bench& b) {
  if (!b.index->Flush().ok()) return 0;
  return static_cast<double>(b.index->Sizes().state_bytes) / static_cast<double>(b.keywords);
}

double LiveStateBytesPerKeyword(Bench& b) {
  return static_cast<double>(b.index->Sizes().state_live_bytes) / static_cast<double>(b.keywords);
}

LookupPass::LookupPass(storage::Store& store, std::string_view table, size_t n, size_t batch)
    : store_(store), table_(table), batch_(batch), keys_(n) {
  // A reservoir sample of 2^17 keys of the whole table, once per (store, table).
  static std::map<std::pair<const storage::Store*, std::string>, std::vector<Bytes>> samples;
  std::vector<Bytes>& sample = samples[{&store, table_}];
  if (sample.empty()) {
    std::mt19937_64 rng(5);
    uint64_t seen = 0;
    (void)store.Scan(table, {}, [&](ByteView k, ByteView) {
      ++seen;
      if (sample.size() < (1u << 17)) {
        sample.push_back(ToBytes(k));
      } else if (rng() % seen < sample.size()) {
        sample[rng() % sample.size()] = ToBytes(k);
      }
      return true;
    });
  }
  std::mt19937_64 rng(n);
  for (auto& k : keys_) k = sample[rng() % sample.size()];
}

void LookupPass::Run() {
  for (size_t first = 0; first < keys_.size(); first += batch_) {
    const size_t m = std::min(batch_, keys_.size() - first);
    auto r = store_.MultiGet(table_, std::span<const ByteView>(keys_.data() + first, m));
    benchmark::DoNotOptimize(r);
  }
}

double LookupNsPerKey(storage::Store& store, std::string_view table, size_t n, size_t batch) {
  LookupPass pass(store, table, n, batch);
  pass.Run();  // warm
  // At least 2^15 lookups in all: a handful of keys timed 20 times is mostly noise.
  const int reps = static_cast<int>(std::max<size_t>(3, (size_t{1} << 15) / n));
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < reps; ++i) pass.Run();
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start)
             .count() /
         (static_cast<double>(reps) * static_cast<double>(n));
}

TurnTimes TimeSearchInTurns(benchmark::State& state, index::EncryptedIndex& idx,
                            const std::string& keyword, storage::Store& store,
                            std::string_view table, size_t lookups,
                            index::EncryptedIndex* baseline) {
  constexpr size_t kFloorBatches[] = {8, 32, 4096};
  TurnTimes out;
  double cheapest = 0;
  for (size_t batch : kFloorBatches) {
    const double ns_per_key = LookupNsPerKey(store, table, lookups, batch);
    if (out.lookup_batch == 0 || ns_per_key < cheapest) {
      cheapest = ns_per_key;
      out.lookup_batch = batch;
    }
  }
  LookupPass pass(store, table, lookups, out.lookup_batch);
  pass.Run();  // warm
  using Clock = std::chrono::steady_clock;
  auto ns = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::nano>(b - a).count();
  };
  double search_ns = 0, lookup_ns = 0, baseline_ns = 0;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    benchmark::DoNotOptimize(idx.Search(keyword));
    const auto t1 = Clock::now();
    pass.Run();
    const auto t2 = Clock::now();
    if (baseline != nullptr) benchmark::DoNotOptimize(baseline->Search(keyword));
    const auto t3 = Clock::now();
    search_ns += ns(t0, t1);
    lookup_ns += ns(t1, t2);
    baseline_ns += ns(t2, t3);
  }
  const auto rounds =
      static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1));
  out.search_ns = search_ns / rounds;
  out.lookup_ns_per_key = lookup_ns / rounds / static_cast<double>(std::max<size_t>(lookups, 1));
  out.baseline_ns = baseline != nullptr ? baseline_ns / rounds : 0;
  return out;
}

}  // namespace sselab::bench
