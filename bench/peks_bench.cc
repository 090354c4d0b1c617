// Micro-benchmarks of the public-key schemes (peks/): the sender's tag, the receiver's
// trapdoor, the server's test per stored tag, and a whole server search, each next to the
// raw pairing cost measured in the same run (one Miller loop with prepared G2 + one final
// exponentiation). BM_Test reports x_pairings = test time / (pairings the paper's Test
// needs x raw pairing time); BM_Search/pibas is Pi_bas on the same corpus, per result.
//
//   build/bin/peks_bench --benchmark_min_time=0.5
#include <benchmark/benchmark.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "crypto/pairing/pairing.h"
#include "crypto/random.h"
#include "index/channel.h"
#include "index/params.h"
#include "peks/bdop04.h"
#include "peks/hl17.h"
#include "peks/peks_client.h"
#include "peks/peks_keys.h"
#include "schemes/builtin.h"
#include "storage/memory_store.h"

namespace sselab {
namespace {

namespace pairing = crypto::pairing;

struct Parties {
  std::unique_ptr<peks::TagEncryptor> sender;
  std::unique_ptr<peks::TrapdoorGenerator> receiver;
  peks::ServerAlgorithms server;
  int pairings_per_test;  // the paper's Test: BDOP'04 one pairing, HL'17 two
};

Parties Make(const std::string& scheme) {
  if (scheme == "peks-bdop04") {
    auto k = peks::bdop04::ReceiverKey::FromScalar(peks::RandomNonZeroScalar());
    return {peks::bdop04::NewTagEncryptor(k.pub), peks::bdop04::NewTrapdoorGenerator(k),
            peks::bdop04::Algorithms(), 1};
  }
  auto r = peks::hl17::ReceiverKey::FromScalar(peks::RandomNonZeroScalar());
  auto s = peks::hl17::SenderKey::FromScalar(peks::RandomNonZeroScalar());
  return {peks::hl17::NewTagEncryptor(s, r.pub), peks::hl17::NewTrapdoorGenerator(r, s.pub),
          peks::hl17::Algorithms(), 2};
}

// One prepared Miller loop + final exponentiation, in ns (mean over `reps`).
double RawPairingNs(int reps) {
  const pairing::G1 p = peks::G1Gen().Mul(peks::RandomNonZeroScalar());
  const pairing::G2Prepared q(peks::G2Gen().Mul(peks::RandomNonZeroScalar()));
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < reps; ++i) {
    benchmark::DoNotOptimize(pairing::FinalExponentiation(pairing::MillerLoop(p, q)));
  }
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start)
             .count() /
         reps;
}

void BM_RawPairing(benchmark::State& state) {
  const pairing::G1 p = peks::G1Gen().Mul(peks::RandomNonZeroScalar());
  const pairing::G2Prepared q(peks::G2Gen().Mul(peks::RandomNonZeroScalar()));
  for (auto _ : state) {
    benchmark::DoNotOptimize(pairing::FinalExponentiation(pairing::MillerLoop(p, q)));
  }
}
BENCHMARK(BM_RawPairing)->Unit(benchmark::kMicrosecond);

// A tag of a keyword seen for the first time (includes the per-keyword work).
void BM_Tag(benchmark::State& state, const std::string& scheme) {
  Parties p = Make(scheme);
  uint64_t i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(p.sender->EncryptTags("w" + std::to_string(i++), 1));
}

// Tags of one keyword, 16 at a time: the per-tag cost of a posting list.
void BM_TagAmortized(benchmark::State& state, const std::string& scheme) {
  Parties p = Make(scheme);
  for (auto _ : state) benchmark::DoNotOptimize(p.sender->EncryptTags("keyword", 16));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 16);
  state.counters["per_tag"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * 16,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_Trapdoor(benchmark::State& state, const std::string& scheme) {
  Parties p = Make(scheme);
  for (auto _ : state) benchmark::DoNotOptimize(p.receiver->Trapdoor("keyword"));
}

// The server's test of one stored tag (decode + pairings), single thread.
void BM_Test(benchmark::State& state, const std::string& scheme) {
  Parties p = Make(scheme);
  auto tags = p.sender->EncryptTags("keyword", 8);
  auto other = p.sender->EncryptTags("other", 8);
  tags->insert(tags->end(), other->begin(), other->end());
  auto tester = p.server.prepare_trapdoor(*p.receiver->Trapdoor("keyword"));
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize((*tester)->Matches((*tags)[i++ % tags->size()]));
  auto start = std::chrono::steady_clock::now();
  constexpr int kReps = 64;
  for (int r = 0; r < kReps; ++r) benchmark::DoNotOptimize((*tester)->Matches((*tags)[r % 16]));
  const double ns =
      std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() /
      kReps;
  const double raw = RawPairingNs(kReps);
  state.counters["raw_pairing_us"] = raw / 1e3;
  state.counters["x_pairings"] = ns / (raw * p.pairings_per_test);
}

// A whole server search over `tags` stored entries (MemoryStore, all hardware threads),
// reported per stored tag; and Pi_bas on the same corpus per result.
class Index {
 public:
  Index(const std::string& scheme, size_t docs) {
    const index::SchemeEntry* e = *schemes::BuiltinRegistry().Find(scheme);
    params_ = *index::Params::Parse(scheme, e->info.params, {});
    server_ = std::move(e->new_server({params_, *store_})).value();
    channel_ = std::make_unique<index::LocalChannel>(*server_);
    client_ = std::move(e->new_client({params_, &key_, *channel_})).value();
    std::vector<index::Document> corpus;
    for (size_t d = 0; d < docs; ++d) {
      corpus.push_back({.id = d + 1, .keywords = {"common", "kw" + std::to_string(d % 16)}});
    }
    index::VectorDocumentSource source(corpus);
    if (!client_->Build(source, {}).ok()) std::abort();
  }
  index::Client& client() { return *client_; }

 private:
  crypto::SecretKey key_ = crypto::SecretKey::Generate(64);
  index::Params params_;
  std::unique_ptr<storage::Store> store_ = storage::NewMemoryStore();
  std::unique_ptr<index::Server> server_;
  std::unique_ptr<index::LocalChannel> channel_;
  std::unique_ptr<index::Client> client_;
};

Index& IndexFor(const std::string& scheme, size_t docs) {
  static std::map<std::pair<std::string, size_t>, std::unique_ptr<Index>> cache;
  auto& slot = cache[{scheme, docs}];
  if (!slot) slot = std::make_unique<Index>(scheme, docs);
  return *slot;
}

void BM_Search(benchmark::State& state, const std::string& scheme) {
  const auto docs = static_cast<size_t>(state.range(0));
  Index& idx = IndexFor(scheme, docs);
  for (auto _ : state) {
    auto ids = idx.client().Search("common");
    if (!ids.ok() || ids->size() != docs) std::abort();
  }
  // Stored entries: 2 per document. A PEKS search tests all of them; Pi_bas reads the
  // `docs` results of "common".
  const bool linear = scheme != "pibas";
  const double per = linear ? 2.0 * static_cast<double>(docs) : static_cast<double>(docs);
  state.counters[linear ? "per_tag" : "per_result"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * per,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void Register() {
  for (const std::string s : {"peks-bdop04", "paeks-hl17"}) {
    benchmark::RegisterBenchmark(("BM_Tag/" + s).c_str(), BM_Tag, s)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_TagAmortized/" + s).c_str(), BM_TagAmortized, s)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_Trapdoor/" + s).c_str(), BM_Trapdoor, s)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_Test/" + s).c_str(), BM_Test, s)
        ->Unit(benchmark::kMicrosecond);
  }
  for (const std::string s : {"peks-bdop04", "paeks-hl17", "pibas"}) {
    benchmark::RegisterBenchmark(("BM_Search/" + s).c_str(), BM_Search, s)
        ->ArgName("docs")
        ->Arg(128)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
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
  return 0;
}
