// Per-result search cost of every registered scheme, next to the plaintext baseline
// measured in the same run: BM_Search/<scheme>/result=<n> reports ns_per_result and
// x_plaintext (this scheme's time over the baseline's for the same keyword).
#include <benchmark/benchmark.h>

#include <chrono>
#include <filesystem>
#include <map>

#include "index/corpus.h"
#include "index/encrypted_index.h"
#include "schemes/builtin.h"

namespace sselab {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kSizes[] = {10, 100, 1000, 10000};

// One index per scheme over one corpus, built on first use and kept for the process.
class Indexes {
 public:
  static Indexes& Get() {
    static Indexes instance;
    return instance;
  }
  index::EncryptedIndex& For(const std::string& scheme) {
    auto it = open_.find(scheme);
    if (it != open_.end()) return *it->second;
    auto corpus = index::OpenCorpus(
        "synth:docs=20000,keywords=5000,pairs=200000,seed=1,plant=10:100:1000:10000");
    auto idx = index::EncryptedIndex::Create(schemes::BuiltinRegistry(),
                                             {.scheme = scheme, .dir = dir_ / scheme}, **corpus);
    if (!idx.ok()) {
      std::fprintf(stderr, "%s\n", idx.error().ToString().c_str());
      std::abort();
    }
    return *(open_[scheme] = std::move(idx).value());
  }
  // Called from main before static destruction: RocksDB must close while its own
  // statics still exist.
  void Close() {
    open_.clear();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

 private:
  Indexes() : dir_(fs::temp_directory_path() / ("sselab-bench-" + std::to_string(getpid()))) {}
  fs::path dir_;
  std::map<std::string, std::unique_ptr<index::EncryptedIndex>> open_;
};

double NsPerSearch(index::EncryptedIndex& idx, const std::string& keyword, int reps) {
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < reps; ++i) benchmark::DoNotOptimize(idx.Search(keyword));
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start)
             .count() /
         reps;
}

void BM_Search(benchmark::State& state, const std::string& scheme) {
  auto size = static_cast<uint64_t>(state.range(0));
  std::string keyword = index::PlantedKeyword(size);
  index::EncryptedIndex& idx = Indexes::Get().For(scheme);
  index::EncryptedIndex& base = Indexes::Get().For("plaintext");
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
    for (uint64_t s : kSizes) b->Arg(static_cast<int64_t>(s));
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
  sselab::Indexes::Get().Close();
  return 0;
}
