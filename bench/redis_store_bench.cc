// The server's store on a Redis Cluster against the embedded RocksDB, in the same run
// (storage/redis_cluster_store.h). Needs clusters started by scripts/redis-cluster.sh;
// bench/redis_cluster_bench.sh starts them, runs this and stops them.
//
//   SSELAB_REDIS_CLUSTER=DIR     a 3-master cluster (required)
//   SSELAB_REDIS_CLUSTER_1=DIR   a 1-master cluster (optional: the throughput comparison)
//   SSELAB_REDIS_BENCH_PAIRS=N   pairs of the synthetic corpus (default 10^6)
//
// BM_Search/<scheme>/result:<n>: a search of the keyword planted with n results on the
// 3-master cluster; counters ns_per_result (cluster), embedded_ns_per_result (RocksDB, the
// same index built the same way) and x_embedded (their ratio: medians of paired runs).
// BM_Throughput/<scheme>/<store>/threads:<t>: t client threads, each with its own index
// object, searching the 100-result keyword for one second; counter searches_per_s.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <thread>

#include "bench/bench_indexes.h"
#include "bench/private_dir.h"
#include "index/corpus.h"
#include "index/encrypted_index.h"
#include "index/synthetic.h"
#include "schemes/builtin.h"

namespace sselab {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr uint64_t kSizes[] = {1, 10, 100, 1000, 10000, 100000};

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "redis_store_bench: %s\n", what.c_str());
  std::exit(1);
}

std::optional<index::ServerStoreConfig> ClusterFrom(const char* env) {
  const char* dir = std::getenv(env);
  if (dir == nullptr || *dir == '\0') return std::nullopt;
  std::ifstream in(fs::path(dir) / "seeds");
  std::string seeds;
  if (!std::getline(in, seeds)) Die(std::string(env) + ": no cluster in " + dir + " (no seeds)");
  const fs::path tls = fs::path(dir) / "tls";
  return index::ServerStoreConfig{
      .uri = "redis-cluster://" + seeds,
      .tls = {.cert = tls / "client.crt", .key = tls / "client.key", .ca = tls / "ca" / "ca.crt"}};
}

std::string CorpusSpec() {
  const char* env = std::getenv("SSELAB_REDIS_BENCH_PAIRS");
  const uint64_t pairs = env != nullptr ? std::strtoull(env, nullptr, 10) : 1000000;
  return "synth:docs=" + std::to_string(std::max<uint64_t>(pairs / 10, 100000)) +
         ",keywords=" + std::to_string(std::max<uint64_t>(pairs / 50, 1000)) +
         ",pairs=" + std::to_string(pairs) + ",seed=1,plant=1:10:100:1000:10000:100000";
}

// One index per (scheme, store), built on first use and kept for the process; the
// clusters' namespaces are dropped at the end.
class Indexes {
 public:
  static Indexes& Get() {
    static Indexes instance;
    return instance;
  }
  fs::path Dir(const std::string& scheme, const std::string& store) const {
    return dir_.path() / (scheme + "-" + store);
  }
  index::EncryptedIndex& For(const std::string& scheme, const std::string& store) {
    const std::string name = scheme + "-" + store;
    auto it = built_.find(name);
    if (it != built_.end()) return *it->second;
    index::ServerStoreConfig config;
    if (store != "embedded") {
      auto cluster =
          ClusterFrom(store == "cluster3" ? "SSELAB_REDIS_CLUSTER" : "SSELAB_REDIS_CLUSTER_1");
      if (!cluster.has_value()) Die("no cluster for " + store);
      config = *cluster;
    }
    auto corpus = index::OpenCorpus(fs::path(CorpusSpec()));
    if (!corpus.ok()) Die(corpus.error().ToString());
    const auto start = Clock::now();
    auto idx = index::EncryptedIndex::Create(
        schemes::BuiltinRegistry(), {.scheme = scheme, .dir = Dir(scheme, store), .store = config},
        **corpus);
    if (!idx.ok()) Die("building " + name + ": " + idx.error().ToString());
    std::fprintf(stderr, "built %s in %.1f s; server holds %.1f MiB\n", name.c_str(),
                 std::chrono::duration<double>(Clock::now() - start).count(),
                 static_cast<double>((*idx)->Sizes().server_bytes) / (1 << 20));
    return *built_.emplace(name, std::move(idx).value()).first->second;
  }
  void Close() {
    for (auto& [name, idx] : built_) {
      const fs::path dir = dir_.path() / name;
      idx.reset();
      auto cluster = index::ReadServerStoreConfig(dir);
      if (cluster.ok() && cluster->has_value()) (void)storage::DropRedisClusterStore(**cluster);
    }
    built_.clear();
    std::error_code ec;
    fs::remove_all(dir_.path(), ec);
  }

 private:
  Indexes() = default;
  bench::PrivateDir dir_{"sselab-redis-bench"};  // mode 0700: the indexes' keys are inside
  std::map<std::string, std::unique_ptr<index::EncryptedIndex>> built_;
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void BM_Search(benchmark::State& state, const std::string& scheme) {
  const auto size = static_cast<uint64_t>(state.range(0));
  const std::string keyword = index::PlantedKeyword(size);
  index::EncryptedIndex& cluster = Indexes::Get().For(scheme, "cluster3");
  index::EncryptedIndex& embedded = Indexes::Get().For(scheme, "embedded");
  for (auto _ : state) benchmark::DoNotOptimize(cluster.Search(keyword));
  // Paired: the two stores alternate, so drift of the machine hits both alike.
  const int reps = size >= 10000 ? 3 : 20;
  std::vector<double> c, e;
  for (int round = 0; round < 7; ++round) {
    e.push_back(bench::NsPerSearch(embedded, keyword, reps));
    c.push_back(bench::NsPerSearch(cluster, keyword, reps));
  }
  const double cn = Median(c), en = Median(e);
  state.counters["ns_per_result"] = cn / static_cast<double>(size);
  state.counters["embedded_ns_per_result"] = en / static_cast<double>(size);
  state.counters["x_embedded"] = cn / en;
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * size));
}

void BM_Throughput(benchmark::State& state, const std::string& scheme, const std::string& store) {
  const int threads = static_cast<int>(state.range(0));
  Indexes::Get().For(scheme, store);  // built (and kept open by this process)
  std::vector<std::unique_ptr<index::EncryptedIndex>> clients;
  for (int t = 0; t < threads; ++t) {
    auto idx = index::EncryptedIndex::Open(
        schemes::BuiltinRegistry(),
        {.dir = Indexes::Get().Dir(scheme, store), .search_only = true});
    if (!idx.ok()) Die(idx.error().ToString());
    clients.push_back(std::move(idx).value());
  }
  const std::string keyword = index::PlantedKeyword(100);
  double per_second = 0;
  for (auto _ : state) {
    std::atomic<bool> stop{false};
    std::atomic<uint64_t> done{0};
    std::vector<std::thread> running;
    const auto start = Clock::now();
    for (int t = 0; t < threads; ++t) {
      running.emplace_back([&, t] {
        uint64_t n = 0;
        while (!stop.load(std::memory_order_relaxed)) {
          if (!clients[static_cast<size_t>(t)]->Search(keyword).ok()) Die("a search failed");
          ++n;
        }
        done += n;
      });
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
    stop = true;
    for (auto& th : running) th.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    state.SetIterationTime(seconds);
    per_second = static_cast<double>(done.load()) / seconds;
  }
  state.counters["searches_per_s"] = per_second;
}

void Register() {
  if (!ClusterFrom("SSELAB_REDIS_CLUSTER").has_value()) {
    Die("set SSELAB_REDIS_CLUSTER to the directory of a running cluster "
        "(scripts/redis-cluster.sh start DIR), or run bench/redis_cluster_bench.sh");
  }
  for (const std::string scheme : {"twolev", "pibas"}) {
    auto* b = benchmark::RegisterBenchmark(("BM_Search/" + scheme).c_str(), BM_Search, scheme);
    for (const uint64_t s : kSizes) b->Arg(static_cast<int64_t>(s));
    b->ArgName("result")->Unit(benchmark::kMicrosecond);
  }
  std::vector<std::string> stores = {"embedded", "cluster3"};
  if (ClusterFrom("SSELAB_REDIS_CLUSTER_1").has_value()) stores.push_back("cluster1");
  for (const std::string& store : stores) {
    auto* b = benchmark::RegisterBenchmark(("BM_Throughput/twolev/" + store).c_str(), BM_Throughput,
                                           std::string("twolev"), store);
    b->ArgName("threads")->Arg(1)->Arg(2)->Arg(4)->Arg(8)->Iterations(1)->UseManualTime();
  }
}

}  // namespace
}  // namespace sselab

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  sselab::Register();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  sselab::Indexes::Get().Close();
  return 0;
}
