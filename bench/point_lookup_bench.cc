// Warm point lookups: the store's own Get and MultiGet against a hash map holding the same
// entries, measured in one run on the same keys.
//
//   BM_HashMap/entries:n         std::unordered_map lookups, each copying its value out
//                                (what a store's Get returns): the floor.
//   BM_Store/<layout>/<cache>/<op>/entries:n
//                                RocksStore lookups of a table of n entries, loaded in one
//                                bulk load (one sorted level), over x_floor = the floor's
//                                ns per key of the same run.
//       layout: bloom     the default TableOptions (a bloom filter of 10 bits per key)
//               no-bloom  bloom_bits_per_key = 0 (a table read only for hits)
//               hash      point_lookup_key_bytes = 32: RocksDB's cuckoo hash format, read
//                         through mmap (the layout of the schemes' token tables)
//       cache:  64M or 1G block cache
//       op:     get (one Store::Get per key), multiget (Store::MultiGet of 4096 keys), or
//               hot (MultiGet of the same 16 keys again and again: what a benchmark that
//               repeats one small search measures, the lookup path's CPU cost without its
//               memory misses; its floor is BM_HashMap's hot counter)
//
// Keys are 32 random bytes, values 32 (a Diana entry's shape); 2^18 lookups of existing
// keys drawn uniformly, all of them run once before timing (warm). SSELAB_LOOKUP_ENTRIES
// lists the table sizes (default "1000000,10000000"; 10^7 needs about 3 GiB of memory).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bench/dynamic_common.h"
#include "bench/private_dir.h"
#include "storage/rocks_store.h"

namespace sselab {
namespace {

constexpr size_t kKeyBytes = 32;
constexpr size_t kValueBytes = 32;
constexpr size_t kQueries = size_t{1} << 18;
constexpr size_t kBatch = 4096;
constexpr size_t kHotKeys = 16;

std::vector<uint64_t> EntryCounts() {
  const char* env = std::getenv("SSELAB_LOOKUP_ENTRIES");
  std::stringstream in(env != nullptr ? env : "1000000,10000000");
  std::vector<uint64_t> out;
  for (std::string item; std::getline(in, item, ',');) out.push_back(std::stoull(item));
  return out;
}

// n entries with uniformly random keys, generated in ascending order (the spacings of n
// sorted uniform 64-bit prefixes are exponential), each key's prefix followed by random
// bytes; and kQueries of those keys drawn uniformly.
struct Dataset {
  uint64_t n = 0;
  Bytes keys;    // n * kKeyBytes, ascending
  Bytes values;  // n * kValueBytes
  std::vector<ByteView> queries;

  ByteView Key(uint64_t i) const { return ByteView(keys).subspan(i * kKeyBytes, kKeyBytes); }
  ByteView Value(uint64_t i) const {
    return ByteView(values).subspan(i * kValueBytes, kValueBytes);
  }
};

Dataset MakeDataset(uint64_t n) {
  Dataset d;
  d.n = n;
  d.keys.resize(n * kKeyBytes);
  d.values.resize(n * kValueBytes);
  std::mt19937_64 rng(n);
  std::exponential_distribution<double> gap(1.0);
  const double scale = 18446744073709549568.0 / (static_cast<double>(n) + 1);  // < 2^64
  double position = 0;
  uint64_t previous = 0;
  for (uint64_t i = 0; i < n; ++i) {
    position += gap(rng);
    uint64_t prefix = static_cast<uint64_t>(std::min(position * scale, 1.8446744073709e19));
    if (i > 0 && prefix <= previous) prefix = previous + 1;
    previous = prefix;
    uint8_t* key = d.keys.data() + i * kKeyBytes;
    for (int b = 0; b < 8; ++b) key[b] = static_cast<uint8_t>(prefix >> (56 - 8 * b));
    for (size_t b = 8; b < kKeyBytes; b += 8) {
      const uint64_t r = rng();
      std::memcpy(key + b, &r, 8);
    }
    for (size_t b = 0; b < kValueBytes; b += 8) {
      const uint64_t r = rng();
      std::memcpy(d.values.data() + i * kValueBytes + b, &r, 8);
    }
  }
  d.queries.resize(kQueries);
  for (ByteView& q : d.queries) q = d.Key(rng() % n);
  return d;
}

// One size in memory at a time (the benchmarks run size by size).
const Dataset& DatasetOf(uint64_t n) {
  static std::unique_ptr<Dataset> current;
  if (!current || current->n != n) {
    current.reset();
    current = std::make_unique<Dataset>(MakeDataset(n));
  }
  return *current;
}

class DatasetSource : public storage::EntrySource {
 public:
  explicit DatasetSource(const Dataset& d) : d_(d) {}
  Result<bool> Next(storage::Entry& out) override {
    if (i_ == d_.n) return false;
    out.key.assign(d_.Key(i_).begin(), d_.Key(i_).end());
    out.value.assign(d_.Value(i_).begin(), d_.Value(i_).end());
    ++i_;
    return true;
  }

 private:
  const Dataset& d_;
  uint64_t i_ = 0;
};

struct Layout {
  const char* name;
  storage::TableOptions options;
};
const Layout kLayouts[] = {
    {"bloom", {.bloom_bits_per_key = 10}},
    {"no-bloom", {.bloom_bits_per_key = 0}},
    {"hash", {.point_lookup_key_bytes = kKeyBytes}},
};
struct Cache {
  const char* name;
  uint64_t bytes;
};
const Cache kCaches[] = {{"64M", 64ULL << 20}, {"1G", 1ULL << 30}};

// The floors per dataset size, in ns per key.
std::map<uint64_t, double> g_floor_ns, g_hot_floor_ns;

double TimeLoopNs(benchmark::State& state, size_t keys_per_iteration,
                  const std::function<void(size_t)>& iteration) {
  size_t next = 0;
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    iteration(next);
    next = (next + keys_per_iteration) % kQueries;
  }
  const double ns =
      std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(keys_per_iteration));
  return ns / static_cast<double>(state.iterations() * keys_per_iteration);
}

void BM_HashMap(benchmark::State& state) {
  const Dataset& d = DatasetOf(static_cast<uint64_t>(state.range(0)));
  std::unordered_map<std::string_view, std::string_view> map;
  map.reserve(d.n);
  auto view = [](ByteView b) {
    return std::string_view(reinterpret_cast<const char*>(b.data()), b.size());
  };
  for (uint64_t i = 0; i < d.n; ++i) map.emplace(view(d.Key(i)), view(d.Value(i)));
  auto lookups = [&](size_t first) {
    for (size_t i = first; i < first + kBatch; ++i) {
      const std::string_view value = map.find(view(d.queries[i]))->second;
      Bytes copy(value.begin(), value.end());
      benchmark::DoNotOptimize(copy);
    }
  };
  for (size_t first = 0; first < kQueries; first += kBatch) lookups(first);  // warm
  const double ns = TimeLoopNs(state, kBatch, lookups);
  g_floor_ns[d.n] = ns;
  // The hot floor, timed by hand: the same kHotKeys keys, 2^16 times.
  const auto start = std::chrono::steady_clock::now();
  for (int rep = 0; rep < (1 << 16); ++rep) {
    for (size_t i = 0; i < kHotKeys; ++i) {
      const std::string_view value = map.find(view(d.queries[i]))->second;
      Bytes copy(value.begin(), value.end());
      benchmark::DoNotOptimize(copy);
    }
  }
  g_hot_floor_ns[d.n] =
      std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() /
      static_cast<double>((size_t{1} << 16) * kHotKeys);
  state.counters["ns_per_key"] = ns;
  state.counters["hot_ns_per_key"] = g_hot_floor_ns[d.n];
  state.counters["entries"] = static_cast<double>(d.n);
}

// The store of one layout over the current dataset, reopened with each cache size.
std::unique_ptr<bench::PrivateDir> g_dir;
std::unique_ptr<storage::Store> g_store;
std::string g_store_id;
double g_open_seconds = 0;  // the last reopen (a hash layout verifies its files then)

storage::Store& StoreFor(const Dataset& d, const Layout& layout, const Cache& cache) {
  const std::string built = std::to_string(d.n) + "/" + layout.name;
  const std::string id = built + "/" + cache.name;
  if (g_store_id == id) return *g_store;
  g_store.reset();
  if (!g_store_id.starts_with(built + "/")) {
    g_dir = std::make_unique<bench::PrivateDir>("sselab-lookup-bench");
    auto store = storage::OpenRocksStore(g_dir->path() / "store", {.create_if_missing = true});
    if (!store.ok()) bench::Die("open store", store.error());
    if (Status s = (*store)->CreateTable("t", layout.options); !s.ok()) {
      bench::Die("create table", s.error());
    }
    DatasetSource source(d);
    if (Status s = (*store)->BulkLoad("t", source); !s.ok()) bench::Die("bulk load", s.error());
  }
  const auto opening = std::chrono::steady_clock::now();
  auto store = storage::OpenRocksStore(g_dir->path() / "store", {.block_cache_bytes = cache.bytes});
  if (!store.ok()) bench::Die("reopen store", store.error());
  g_open_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - opening).count();
  g_store = std::move(*store);
  g_store_id = id;
  return *g_store;
}

enum class Op { kGet, kMultiGet, kHot };

void BM_Store(benchmark::State& state, const Layout& layout, const Cache& cache, Op op) {
  const Dataset& d = DatasetOf(static_cast<uint64_t>(state.range(0)));
  storage::Store& store = StoreFor(d, layout, cache);
  auto hot = [&](size_t) {
    auto found = store.MultiGet("t", std::span<const ByteView>(d.queries.data(), kHotKeys));
    if (!found.ok()) bench::Die("multiget", found.error());
    benchmark::DoNotOptimize(found);
  };
  auto lookups = [&](size_t first) {
    if (op == Op::kMultiGet) {
      auto found = store.MultiGet("t", std::span<const ByteView>(d.queries.data() + first, kBatch));
      if (!found.ok()) bench::Die("multiget", found.error());
      benchmark::DoNotOptimize(found);
      return;
    }
    for (size_t i = first; i < first + kBatch; ++i) {
      auto found = store.Get("t", d.queries[i]);
      if (!found.ok()) bench::Die("get", found.error());
      if (!found->has_value()) bench::Die("get", InternalError("a loaded key is missing"));
      benchmark::DoNotOptimize(found);
    }
  };
  double ns = 0;
  if (op == Op::kHot) {
    hot(0);  // warm
    ns = TimeLoopNs(state, kHotKeys, hot);
  } else {
    for (size_t first = 0; first < kQueries; first += kBatch) lookups(first);  // warm
    ns = TimeLoopNs(state, kBatch, lookups);
  }
  state.counters["ns_per_key"] = ns;
  state.counters["entries"] = static_cast<double>(d.n);
  state.counters["open_s"] = g_open_seconds;
  const std::map<uint64_t, double>& floors = op == Op::kHot ? g_hot_floor_ns : g_floor_ns;
  const auto floor = floors.find(d.n);
  if (floor != floors.end()) state.counters["x_floor"] = ns / floor->second;
}

void Register() {
  for (const uint64_t n : EntryCounts()) {
    benchmark::RegisterBenchmark("BM_HashMap", BM_HashMap)
        ->ArgName("entries")
        ->Arg(static_cast<int64_t>(n))
        ->Unit(benchmark::kMillisecond);
    for (const Layout& layout : kLayouts) {
      for (const Cache& cache : kCaches) {
        for (const auto& [op, op_name] :
             {std::pair{Op::kGet, "get"}, {Op::kMultiGet, "multiget"}, {Op::kHot, "hot"}}) {
          const std::string name =
              std::string("BM_Store/") + layout.name + "/" + cache.name + "/" + op_name;
          benchmark::RegisterBenchmark(name.c_str(), BM_Store, layout, cache, op)
              ->ArgName("entries")
              ->Arg(static_cast<int64_t>(n))
              ->Unit(benchmark::kMillisecond);
        }
      }
    }
  }
}

}  // namespace
}  // namespace sselab

int main(int argc, char** argv) {
  return sselab::bench::RunBenchmarks(argc, argv, sselab::Register, [] {
    sselab::g_store.reset();
    sselab::g_dir.reset();
  });
}
