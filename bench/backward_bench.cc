// The backward-private schemes on one workload, each next to the store's own lookups
// measured in the same run:
//   BM_BackwardSearch/scheme:i/deleted:p/result:n  a keyword that had n additions, then p%
//       of them removed, in an index of SSELAB_DYNAMIC_PAIRS pairs (default 10^6):
//       ns_per_entry is the search time over the entries the keyword's updates wrote
//       (n additions + pn/100 deletions), x_lookup that over the store's cost per key of
//       looking up as many existing entries, in its cheapest MultiGet batches, the search
//       and the lookups taking turns (bench::TimeSearchInTurns); ns_per_result divides by
//       the results instead. Scheme 0 is mitra, 1 diana-del.
//   BM_BackwardUpdate/scheme:i/remove:r  pairs/s of update batches of 2^14 pairs, additions
//       (r = 0) or removals of pairs added just before (r = 1).
// Each reports the client state on disk per keyword of the build.
#include <benchmark/benchmark.h>

#include <map>
#include <string>

#include "bench/dynamic_common.h"
#include "sse/diana/diana_del_messages.h"
#include "sse/mitra/mitra_messages.h"

namespace sselab {
namespace {

using bench::Bench;
using bench::Die;

struct Scheme {
  const char* name;
  std::string_view table;  // the table a search reads most of
};
const Scheme kSchemes[] = {{"mitra", sse::mitra::kTable}, {"diana-del", sse::diana::kAddTable}};
constexpr int kDeleted[] = {0, 25, 50};

std::string KeywordFor(int deleted, uint64_t n) {
  return "bp" + std::to_string(deleted) + "-" + std::to_string(n);
}

// Built on first use, with every (deleted, n) keyword added and then partly removed;
// closed by main before static destruction (RocksDB needs its own statics to close).
std::map<int, std::unique_ptr<Bench>> g_benches;

Bench& Get(int scheme) {
  std::unique_ptr<Bench>& b = g_benches[scheme];
  if (b) return *b;
  b = bench::BuildBench(kSchemes[scheme].name, {}, bench::StandardCorpus());
  for (int deleted : kDeleted) {
    for (uint64_t n : bench::PlantedSizes()) {
      std::vector<index::Document> adds, removes;
      for (uint64_t i = 0; i < n; ++i) {
        // Removed: the first deleted% of the ids.
        index::Document d{(uint64_t{1} << 50) + i, {KeywordFor(deleted, n)}};
        if (i < n * static_cast<uint64_t>(deleted) / 100) removes.push_back(d);
        adds.push_back(std::move(d));
      }
      Status s = b->index->UpdateBatch(index::UpdateKind::kAdd, adds);
      if (s.ok() && !removes.empty())
        s = b->index->UpdateBatch(index::UpdateKind::kRemove, removes);
      if (!s.ok()) Die("planting " + KeywordFor(deleted, n), s.error());
    }
  }
  return *b;
}

void BM_BackwardSearch(benchmark::State& state) {
  const int scheme = static_cast<int>(state.range(0));
  const int deleted = static_cast<int>(state.range(1));
  const auto n = static_cast<uint64_t>(state.range(2));
  Bench& b = Get(scheme);
  const std::string keyword = KeywordFor(deleted, n);
  auto warm = b.index->Search(keyword);
  if (!warm.ok()) Die("search", warm.error());
  const uint64_t removed = n * static_cast<uint64_t>(deleted) / 100;
  if (warm->size() != n - removed) {
    Die("search", InternalError(keyword + ": " + std::to_string(warm->size()) + " results"));
  }
  const uint64_t entries = n + removed;
  const bench::TurnTimes t = bench::TimeSearchInTurns(state, *b.index, keyword, *b.server_store,
                                                      kSchemes[scheme].table, entries);
  const double per_entry = t.search_ns / static_cast<double>(entries);
  state.counters["ns_per_entry"] = per_entry;
  state.counters["ns_per_result"] = t.search_ns / static_cast<double>(n - removed);
  state.counters["lookup_ns_per_key"] = t.lookup_ns_per_key;
  state.counters["lookup_batch"] = static_cast<double>(t.lookup_batch);
  state.counters["x_lookup"] = per_entry / t.lookup_ns_per_key;
  state.counters["state_bytes_per_keyword"] = bench::StateBytesPerKeyword(b);
  state.SetLabel(kSchemes[scheme].name);
}

void BM_BackwardUpdate(benchmark::State& state) {
  const int scheme = static_cast<int>(state.range(0));
  const bool remove = state.range(1) != 0;
  Bench& b = Get(scheme);
  uint64_t round = 0, pairs = 0;
  for (auto _ : state) {
    state.PauseTiming();
    // 2^14 pairs: 2^12 documents of 4 keywords of the corpus's vocabulary.
    std::vector<index::Document> batch;
    for (uint64_t d = 0; d < (1u << 12); ++d) {
      index::Document doc{(uint64_t{3} << 50) + (++round << 20) + d, {}};
      for (uint64_t k = 0; k < 4; ++k)
        doc.keywords.push_back("w" + std::to_string(1 + (d * 4 + k) % 5000));
      batch.push_back(std::move(doc));
    }
    if (remove) {
      Status added = b.index->UpdateBatch(index::UpdateKind::kAdd, batch);
      if (!added.ok()) Die("update", added.error());
    }
    state.ResumeTiming();
    Status s =
        b.index->UpdateBatch(remove ? index::UpdateKind::kRemove : index::UpdateKind::kAdd, batch);
    if (!s.ok()) Die("update", s.error());
    pairs += 1u << 14;
  }
  state.counters["pairs_per_s"] =
      benchmark::Counter(static_cast<double>(pairs), benchmark::Counter::kIsRate);
  state.SetLabel(kSchemes[scheme].name);
}

void Register() {
  auto* search = benchmark::RegisterBenchmark("BM_BackwardSearch", BM_BackwardSearch);
  search->ArgNames({"scheme", "deleted", "result"})->Unit(benchmark::kMicrosecond);
  for (int scheme = 0; scheme < 2; ++scheme) {
    for (int deleted : kDeleted) {
      for (uint64_t n : bench::PlantedSizes())
        search->Args({scheme, deleted, static_cast<int64_t>(n)});
    }
  }
  auto* update = benchmark::RegisterBenchmark("BM_BackwardUpdate", BM_BackwardUpdate);
  update->ArgNames({"scheme", "remove"})->Unit(benchmark::kMillisecond)->Iterations(8);
  for (int scheme = 0; scheme < 2; ++scheme) update->Args({scheme, 0})->Args({scheme, 1});
}

}  // namespace
}  // namespace sselab

int main(int argc, char** argv) {
  return sselab::bench::RunBenchmarks(argc, argv, sselab::Register,
                                      [] { sselab::g_benches.clear(); });
}
