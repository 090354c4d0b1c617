// OXT against its own floor and against the naive intersection, measured in the same run on
// the same corpus (SSELAB_DYNAMIC_PAIRS pairs, default 10^6, keywords p<n> planted in
// exactly n documents, nested: p10's documents are among p100's, ..., p<max>'s):
//   BM_ScalarMult              one ristretto255 variable-base multiplication of a point
//                              decoded from bytes (libsodium): the baseline.
//   BM_BaseMul, BM_ScalarInverse  the build's other group operations (g^s, 1/s mod ℓ).
//   BM_XSetProbe/<hit|miss>    one lookup of a 16-byte XSet key in the RocksDB table.
//   BM_XSetBloom/fp:<rate>     one test of the XSet's Bloom filter (xset=bloom), with the
//       filter's fill time from the table, its bits per xtag and its measured
//       false-positive rate.
//   BM_OxtServer/s:n/x:k       the server's whole search for p<n> AND k larger planted
//       keywords (every row matches, so every xtoken is tested): ns_per_test per (s-term
//       entry × x-term), x_scalar_mult its ratio to BM_ScalarMult's cost (the median over
//       seven rounds of a baseline measured right before 0.2 s of searches), cores the
//       process CPU time over wall time (2 on two cores);
//       cpu_x_scalar_mult the same per core (process CPU time per test).
//   BM_OxtVsNaive/s:n/x:W      a conjunction p<n> AND W (W a larger planted keyword, or
//       w1 / w2, the corpus's most frequent keywords), from the client: OXT's time over
//       the naive intersection's on a 2Lev index of the same corpus (x_naive < 1: OXT is
//       faster), both in microseconds, and the x-term's own result count.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <memory>
#include <string>

#include "bench/dynamic_common.h"
#include "bench/private_dir.h"
#include "crypto/random.h"
#include "crypto/ristretto255.h"
#include "index/channel.h"
#include "index/query.h"
#include "index/synthetic.h"
#include "sse/oxt/oxt_messages.h"
#include "sse/oxt/oxt_scheme.h"
#include "sse/oxt/xset_bloom.h"
#include "storage/memory_store.h"
#include "storage/rocks_store.h"

namespace sselab {
namespace {

using bench::Die;
using crypto::ristretto255::Point;
using crypto::ristretto255::Scalar;

// OXT's two parties wired by hand, so the server's request can be replayed alone: the
// server's store in RocksDB (as in an index), the client's state in memory.
struct OxtParties {
  std::unique_ptr<bench::PrivateDir> root = std::make_unique<bench::PrivateDir>("sselab-oxt");
  index::SchemeEntry entry = sse::oxt::OxtScheme();
  index::Params params;
  crypto::SecretKey key = crypto::SecretKey::Generate(32);
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<storage::Store> state = storage::NewMemoryStore();
  std::unique_ptr<index::Server> server;
  std::unique_ptr<index::LocalChannel> local;
  std::unique_ptr<index::RecordingChannel> recording;
  std::unique_ptr<index::Client> client;

  ~OxtParties() {  // the store closes before its directory goes
    client.reset();
    server.reset();
    store.reset();
  }
};

std::unique_ptr<OxtParties> g_oxt;
std::unique_ptr<bench::Bench> g_twolev;

OxtParties& Oxt() {
  if (g_oxt) return *g_oxt;
  auto p = std::make_unique<OxtParties>();
  auto params = index::Params::Parse("oxt", p->entry.info.params, {});
  if (!params.ok()) Die("oxt params", params.error());
  p->params = *params;
  auto store = storage::OpenRocksStore(p->root->path() / "server", {.create_if_missing = true});
  if (!store.ok()) Die("opening the server store", store.error());
  p->store = std::move(store).value();
  auto server = p->entry.new_server({p->params, *p->store});
  if (!server.ok()) Die("oxt server", server.error());
  p->server = std::move(server).value();
  p->local = std::make_unique<index::LocalChannel>(*p->server);
  p->recording = std::make_unique<index::RecordingChannel>(*p->local);
  auto client = p->entry.new_client({p->params, &p->key, *p->recording, p->state.get()});
  if (!client.ok()) Die("oxt client", client.error());
  p->client = std::move(client).value();
  auto corpus = index::NewSyntheticSource(bench::StandardCorpus());
  const auto start = std::chrono::steady_clock::now();
  auto stats = p->client->Build(*corpus, {});
  if (!stats.ok()) Die("building oxt", stats.error());
  std::fprintf(stderr, "oxt: built %llu pairs in %.1f s\n",
               static_cast<unsigned long long>(stats->pairs),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  p->recording->TakeMessages();
  g_oxt = std::move(p);
  return *g_oxt;
}

bench::Bench& Twolev() {
  if (!g_twolev) g_twolev = bench::BuildBench("twolev", {}, bench::StandardCorpus());
  return *g_twolev;
}

uint64_t LargestPlanted() { return bench::PlantedSizes().back(); }

// Mean ns of `fn` over about `ms` milliseconds.
template <typename Fn>
double TimeNs(Fn&& fn, int ms = 300) {
  const auto start = std::chrono::steady_clock::now();
  uint64_t runs = 0;
  while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(ms)) {
    fn();
    ++runs;
  }
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start)
             .count() /
         static_cast<double>(runs);
}

// The median of five 100 ms measurements: the machine's clock moves between runs.
double ScalarMultNs() {
  const Scalar s = Scalar::FromWide(crypto::RandomBytes(64));
  const Point p = Point::BaseMul(Scalar::FromWide(crypto::RandomBytes(64))).value();
  std::vector<double> runs;
  for (int i = 0; i < 5; ++i) {
    runs.push_back(TimeNs([&] { benchmark::DoNotOptimize(Point::DecodeMul(p.bytes(), s)); }, 100));
  }
  std::sort(runs.begin(), runs.end());
  return runs[2];
}

void BM_ScalarMult(benchmark::State& state) {
  const Scalar s = Scalar::FromWide(crypto::RandomBytes(64));
  const Point p = Point::BaseMul(Scalar::FromWide(crypto::RandomBytes(64))).value();
  for (auto _ : state) benchmark::DoNotOptimize(Point::DecodeMul(p.bytes(), s));
}

// The build's and the client's other group operations: g^s (fixed base) and 1/s mod ℓ.
void BM_BaseMul(benchmark::State& state) {
  const Scalar s = Scalar::FromWide(crypto::RandomBytes(64));
  for (auto _ : state) benchmark::DoNotOptimize(Point::BaseMul(s));
}

void BM_ScalarInverse(benchmark::State& state) {
  const Scalar s = Scalar::FromWide(crypto::RandomBytes(64));
  for (auto _ : state) benchmark::DoNotOptimize(s.Inverse());
}

// The XSet's keys, read from its table (at most `limit`).
std::vector<sse::oxt::XSetKey> XSetKeys(OxtParties& oxt, size_t limit) {
  std::vector<sse::oxt::XSetKey> keys;
  Status scanned = oxt.store->Scan(sse::oxt::kXSetTable, {}, [&](ByteView key, ByteView) {
    sse::oxt::XSetKey k{};
    std::copy(key.begin(), key.end(), k.begin());
    keys.push_back(k);
    return keys.size() < limit;
  });
  if (!scanned.ok()) Die("scanning the XSet", scanned.error());
  return keys;
}

void BM_XSetProbe(benchmark::State& state, bool hit) {
  OxtParties& oxt = Oxt();
  std::vector<sse::oxt::XSetKey> keys = XSetKeys(oxt, 100'000);
  if (!hit) {
    for (sse::oxt::XSetKey& k : keys)
      k[0] ^= 0x5a;  // a key of no xtag, with overwhelming probability
  }
  size_t i = 0;
  for (auto _ : state) {
    auto found = oxt.store->Get(sse::oxt::kXSetTable, keys[i++ % keys.size()]);
    benchmark::DoNotOptimize(found);
  }
  state.counters["xset_entries"] = static_cast<double>(bench::Pairs());
}

// The XSet as the server's Bloom filter (xset=bloom) at rate `fp`: a test of a stored
// xtag, the filter's fill from the table (fill_ms), its bytes per xtag, and the false
// positives measured on 10^6 keys of no xtag.
void BM_XSetBloom(benchmark::State& state, double fp) {
  OxtParties& oxt = Oxt();
  const auto start = std::chrono::steady_clock::now();
  const std::vector<sse::oxt::XSetKey> keys = XSetKeys(oxt, SIZE_MAX);
  sse::oxt::XSetBloom bloom(keys.size(), fp);
  for (const sse::oxt::XSetKey& k : keys) bloom.Add(k);
  const double fill_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(bloom.MayContain(keys[i++ % keys.size()]));
  // Fresh random keys: no xtag's key, with overwhelming probability, and independent of
  // them (a key derived from a stored one by flipping bits may share its block and bits).
  uint64_t positives = 0;
  const uint64_t probes = 1'000'000;
  const Bytes random = crypto::RandomBytes(probes * sizeof(sse::oxt::XSetKey));
  for (uint64_t p = 0; p < probes; ++p) {
    sse::oxt::XSetKey k{};
    std::copy_n(random.begin() + static_cast<long>(p * k.size()), k.size(), k.begin());
    positives += bloom.MayContain(k) ? 1 : 0;
  }
  state.counters["fill_ms"] = fill_ms;
  state.counters["bits_per_xtag"] =
      static_cast<double>(bloom.bytes()) * 8 / static_cast<double>(keys.size());
  state.counters["false_positive_rate"] =
      static_cast<double>(positives) / static_cast<double>(probes);
}

// p<n> and k x-terms, each a larger planted keyword (so every s-term entry matches);
// empty if fewer than k planted sizes exceed n.
std::vector<std::string> ServerQuery(uint64_t n, int k) {
  std::vector<std::string> terms = {index::PlantedKeyword(n)};
  for (uint64_t size : bench::PlantedSizes()) {
    if (size > n && static_cast<int>(terms.size()) <= k) {
      terms.push_back(index::PlantedKeyword(size));
    }
  }
  return static_cast<int>(terms.size()) == k + 1 ? terms : std::vector<std::string>{};
}

void BM_OxtServer(benchmark::State& state) {
  const auto n = static_cast<uint64_t>(state.range(0));
  const auto k = static_cast<int>(state.range(1));
  OxtParties& oxt = Oxt();
  const std::vector<std::string> terms = ServerQuery(n, k);
  if (terms.empty()) Die("oxt server", InternalError("too few planted sizes"));
  auto ids = oxt.client->SearchConjunction(terms);
  if (!ids.ok()) Die("oxt search", ids.error());
  if (ids->size() != n) Die("oxt search", InternalError("not every s-term entry matched"));
  const Bytes request = oxt.recording->TakeMessages().at(0).request;
  // Rounds of (baseline, searches), each ratio against the baseline measured just before
  // it: the machine's clock moves between runs by up to 2x, within a round much less.
  std::vector<double> wall_ratios, cpu_ratios;
  double wall_total = 0, cpu_total = 0, tests_total = 0, mult_total = 0;
  const double tests_per_search = static_cast<double>(n * static_cast<uint64_t>(k));
  for (auto _ : state) {
    const double mult_ns = ScalarMultNs();
    const std::clock_t cpu_start = std::clock();
    const auto start = std::chrono::steady_clock::now();
    uint64_t searches = 0;
    while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(200)) {
      benchmark::DoNotOptimize(oxt.server->Handle(request));
      ++searches;
    }
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    const double tests = tests_per_search * static_cast<double>(searches);
    wall_ratios.push_back(wall * 1e9 / tests / mult_ns);
    cpu_ratios.push_back(cpu * 1e9 / tests / mult_ns);
    wall_total += wall;
    cpu_total += cpu;
    tests_total += tests;
    mult_total += mult_ns;
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  state.counters["ns_per_test"] = wall_total * 1e9 / tests_total;
  state.counters["cpu_ns_per_test"] = cpu_total * 1e9 / tests_total;
  state.counters["scalar_mult_ns"] = mult_total / static_cast<double>(state.iterations());
  state.counters["x_scalar_mult"] = median(wall_ratios);
  state.counters["cpu_x_scalar_mult"] = median(cpu_ratios);
  state.counters["cores"] = cpu_total / wall_total;
}

void BM_OxtVsNaive(benchmark::State& state, uint64_t n, std::string x_term) {
  OxtParties& oxt = Oxt();
  bench::Bench& twolev = Twolev();
  const std::vector<std::string> terms = {index::PlantedKeyword(n), x_term};
  const index::Query query = index::Query::Of(terms).value();
  auto naive_ids = twolev.index->Search(query);
  auto oxt_ids = oxt.client->SearchConjunction(terms);
  if (!naive_ids.ok()) Die("2lev conjunction", naive_ids.error());
  if (!oxt_ids.ok()) Die("oxt conjunction", oxt_ids.error());
  if (*naive_ids != *oxt_ids) Die("conjunction", InternalError("oxt and 2lev disagree"));
  const double naive_ns = TimeNs([&] { benchmark::DoNotOptimize(twolev.index->Search(query)); });
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) benchmark::DoNotOptimize(oxt.client->SearchConjunction(terms));
  const double oxt_ns =
      std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() /
      static_cast<double>(state.iterations());
  oxt.recording->TakeMessages();
  auto x_alone = twolev.index->Search(x_term);
  if (!x_alone.ok()) Die("2lev search", x_alone.error());
  state.counters["x_term_results"] = static_cast<double>(x_alone->size());
  state.counters["results"] = static_cast<double>(oxt_ids->size());
  state.counters["oxt_us"] = oxt_ns / 1e3;
  state.counters["naive_2lev_us"] = naive_ns / 1e3;
  state.counters["x_naive"] = oxt_ns / naive_ns;
}

void Register() {
  benchmark::RegisterBenchmark("BM_ScalarMult", BM_ScalarMult)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_BaseMul", BM_BaseMul)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_ScalarInverse", BM_ScalarInverse)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_XSetProbe/hit", BM_XSetProbe, true);
  benchmark::RegisterBenchmark("BM_XSetProbe/miss", BM_XSetProbe, false);
  benchmark::RegisterBenchmark("BM_XSetBloom/fp:1e-3", BM_XSetBloom, 1e-3);
  benchmark::RegisterBenchmark("BM_XSetBloom/fp:1e-9", BM_XSetBloom, 1e-9);
  auto* server = benchmark::RegisterBenchmark("BM_OxtServer", BM_OxtServer);
  server->ArgNames({"s", "x"})->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(7);
  for (uint64_t n : bench::PlantedSizes()) {
    for (int k : {1, 2}) {
      if (!ServerQuery(n, k).empty()) server->Args({static_cast<int64_t>(n), k});
    }
  }
  // x-terms: the larger planted keywords (every s-term document matches), and the two most
  // frequent keywords of the Zipf corpus, w1 and w2 (about half the documents each).
  for (uint64_t n : bench::PlantedSizes()) {
    std::vector<std::string> x_terms = {"w1", "w2"};
    for (uint64_t m : bench::PlantedSizes()) {
      if (m > n) x_terms.push_back(index::PlantedKeyword(m));
    }
    for (const std::string& x : x_terms) {
      benchmark::RegisterBenchmark(("BM_OxtVsNaive/s:" + std::to_string(n) + "/x:" + x).c_str(),
                                   BM_OxtVsNaive, n, x)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
  }
}

}  // namespace
}  // namespace sselab

int main(int argc, char** argv) {
  return sselab::bench::RunBenchmarks(argc, argv, sselab::Register, [] {
    sselab::g_oxt.reset();
    sselab::g_twolev.reset();
  });
}
