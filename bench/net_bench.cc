// Network mode against in-process, measured in the same run on the same corpus:
//   BM_RemoteSearch/<scheme>/result:n  a search through `sselab serve` on loopback (mutual
//       TLS 1.3) over the same search in-process plus one round trip of the service with no
//       work behind it (a Ping): x_local_plus_rtt (target <= 1.3). A search of several
//       exchanges (`rounds`: Orion's ORAM paths) pays a round trip each:
//       x_local_plus_rounds_rtt compares it with local + rounds round trips. Also p50/p99 of
//       the remote search and the scheme messages' bytes per search (request + reply).
//   BM_RemoteUpdate/<scheme>  one update batch of 64 pairs remotely: p50/p99, bytes.
//   BM_Throughput/<scheme>/clients:k  searches per second of k client threads, each with
//       its own client and connection, against one server on this machine: x_one_client is
//       the rate over that of one client measured in the same run (target >= 1.6 at k = 8 on
//       2 cores: parallel searches really run in parallel).
// The indexes hold SSELAB_DYNAMIC_PAIRS pairs (default 10^6); the server runs in this
// process, on its own threads, so both parties share the machine's cores.
// SSELAB_NET_SCHEMES picks the schemes of BM_RemoteSearch and BM_RemoteUpdate (dynamic
// schemes only): a comma-separated list, or "all" for every registered scheme whose search
// is not linear in the index (PEKS tests each stored ciphertext with a pairing: minutes
// per search at these sizes); default "pibas,diana".
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/files.h"
#include "bench/dynamic_common.h"
#include "bench/private_dir.h"
#include "index/synthetic.h"
#include "net/pki.h"
#include "net/remote.h"
#include "net/server.h"
#include "schemes/builtin.h"

namespace sselab {
namespace {

using bench::Bench;
using bench::Die;
using Clock = std::chrono::steady_clock;

constexpr char kGrants[] = R"(
[[grant]]
identity = "bench"
indexes = ["*"]
allow = ["admin", "search", "update"]
)";

void Check(const Status& s, const char* what) {
  if (!s.ok()) Die(what, s.error());
}

// A CA, the server's and one client's certificate, and a running server.
struct Network {
  std::unique_ptr<bench::PrivateDir> root;
  std::unique_ptr<net::NetServer> server;
  net::TlsFiles client;

  Network() {
    root = std::make_unique<bench::PrivateDir>("sselab-netbench");
    const auto dir = root->path();
    Check(net::InitCa(dir / "ca", "bench CA", net::ValidFor(2)), "CA");
    Check(net::IssueCertificate(dir / "ca", {.kind = net::CertKind::kServer,
                                             .names = {"localhost"},
                                             .validity = net::ValidFor(1),
                                             .cert_out = dir / "server.crt",
                                             .key_out = dir / "server.key"}),
          "server certificate");
    Check(net::IssueCertificate(dir / "ca", {.kind = net::CertKind::kClient,
                                             .names = {"bench"},
                                             .validity = net::ValidFor(1),
                                             .cert_out = dir / "bench.crt",
                                             .key_out = dir / "bench.key"}),
          "client certificate");
    Check(WriteFileAtomically(dir / "grants.toml", kGrants), "grants");
    client = {.cert = dir / "bench.crt", .key = dir / "bench.key", .ca = dir / "ca" / "ca.crt"};
    auto started = net::NetServer::Start(
        schemes::BuiltinRegistry(),
        {.listen = "127.0.0.1:0",
         .data_dir = dir / "data",
         .tls = {.cert = dir / "server.crt", .key = dir / "server.key", .ca = client.ca},
         .grants_file = dir / "grants.toml",
         .log = [](const std::string&) {}});
    if (!started.ok()) Die("server", started.error());
    server = std::move(started).value();
  }
  net::RemoteOptions Remote(const std::string& index) const {
    return {.server = "localhost:" + std::to_string(server->port()), .index = index, .tls = client};
  }
};

// An index built in-process (bench::Bench) and the same corpus built through the server.
struct Pair {
  std::unique_ptr<Bench> local;
  std::unique_ptr<bench::PrivateDir> client_root;
  std::shared_ptr<index::RemoteServer> remote;
  std::unique_ptr<index::EncryptedIndex> remote_index;
};

std::unique_ptr<Network> g_network;
std::map<std::string, std::unique_ptr<Pair>> g_pairs;

Pair& PairOf(const std::string& scheme) {
  if (!g_network) g_network = std::make_unique<Network>();
  std::unique_ptr<Pair>& p = g_pairs[scheme];
  if (p) return *p;
  p = std::make_unique<Pair>();
  p->local = bench::BuildBench(scheme, {}, bench::StandardCorpus());
  p->client_root = std::make_unique<bench::PrivateDir>("sselab-netbench-client");
  auto remote = net::ConnectRemote(g_network->Remote(scheme));
  if (!remote.ok()) Die("connect", remote.error());
  p->remote = *remote;
  auto corpus = index::NewSyntheticSource(bench::StandardCorpus());
  auto built = index::EncryptedIndex::Create(
      schemes::BuiltinRegistry(),
      {.scheme = scheme, .dir = p->client_root->path() / "db", .remote = p->remote}, *corpus);
  if (!built.ok()) Die("remote build", built.error());
  p->remote_index = std::move(built).value();
  return *p;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

void BM_RemoteSearch(benchmark::State& state, std::string scheme) {
  const auto n = static_cast<uint64_t>(state.range(0));
  const std::string keyword = index::PlantedKeyword(n);
  Pair& p = PairOf(scheme);
  for (auto* idx : {p.local->index.get(), p.remote_index.get()}) {
    auto warm = idx->Search(keyword);
    if (!warm.ok()) Die("warm search", warm.error());
    if (warm->size() != n) Die("warm search", InternalError("wrong number of results"));
  }
  // The three are interleaved, one of each per iteration, so that the machine's drift
  // (its memory speed varies by tens of percent over seconds) falls on all three alike.
  std::vector<double> samples;
  double local_total = 0, rtt_total = 0, remote_total = 0;
  uint64_t searches = 0;
  uint64_t remote_bytes = 0;
  uint64_t remote_calls = 0;
  for (auto _ : state) {
    auto t = Clock::now();
    benchmark::DoNotOptimize(p.local->index->Search(keyword));
    local_total += std::chrono::duration<double, std::nano>(Clock::now() - t).count();
    auto rtt = net::PingNanos(*p.remote);
    if (!rtt.ok()) Die("ping", rtt.error());
    rtt_total += static_cast<double>(*rtt);
    auto before = net::TrafficOf(*p.remote);
    t = Clock::now();
    benchmark::DoNotOptimize(p.remote_index->Search(keyword));
    const double ns = std::chrono::duration<double, std::nano>(Clock::now() - t).count();
    auto after = net::TrafficOf(*p.remote);
    remote_bytes +=
        (after->request_bytes + after->reply_bytes) - (before->request_bytes + before->reply_bytes);
    remote_calls += after->calls - before->calls;
    samples.push_back(ns);
    remote_total += ns;
    ++searches;
  }
  const double count = static_cast<double>(searches);
  const double local_ns = local_total / count;
  const double rtt_ns = rtt_total / count;
  const double remote_ns = remote_total / count;
  state.counters["remote_us"] = remote_ns / 1e3;
  state.counters["local_us"] = local_ns / 1e3;
  state.counters["rtt_us"] = rtt_ns / 1e3;
  state.counters["x_local_plus_rtt"] = remote_ns / (local_ns + rtt_ns);
  // A scheme whose search takes several exchanges (Orion's ORAM paths, a paged search)
  // pays one round trip each: measured against that too.
  const double rounds = static_cast<double>(remote_calls) / count;
  state.counters["rounds"] = rounds;
  state.counters["x_local_plus_rounds_rtt"] = remote_ns / (local_ns + rounds * rtt_ns);
  state.counters["p50_us"] = Percentile(samples, 0.50) / 1e3;
  state.counters["p99_us"] = Percentile(samples, 0.99) / 1e3;
  state.counters["bytes_per_search"] = static_cast<double>(remote_bytes) / count;
}

void BM_RemoteUpdate(benchmark::State& state, std::string scheme) {
  Pair& p = PairOf(scheme);
  std::vector<double> samples;
  auto before = net::TrafficOf(*p.remote);
  uint64_t batches = 0;
  index::DocId next = 1ULL << 40;
  for (auto _ : state) {
    std::vector<index::Document> docs(8);
    for (auto& d : docs) {
      d.id = next++;
      for (int k = 0; k < 8; ++k) d.keywords.push_back("netbench" + std::to_string(k));
    }
    const auto t = Clock::now();
    Check(p.remote_index->UpdateBatch(index::UpdateKind::kAdd, docs), "remote update");
    samples.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t).count());
    ++batches;
  }
  auto after = net::TrafficOf(*p.remote);
  state.counters["pairs_per_batch"] = 64;
  state.counters["p50_us"] = Percentile(samples, 0.50) / 1e3;
  state.counters["p99_us"] = Percentile(samples, 0.99) / 1e3;
  state.counters["bytes_per_batch"] =
      static_cast<double>((after->request_bytes + after->reply_bytes) -
                          (before->request_bytes + before->reply_bytes)) /
      static_cast<double>(batches);
}

// Searches per second of `clients` threads, each with its own client and connection.
double SearchRate(Pair& p, const std::string& scheme, int clients, const std::string& keyword) {
  std::vector<std::unique_ptr<index::EncryptedIndex>> indexes;
  for (int i = 0; i < clients; ++i) {
    auto remote = net::ConnectRemote(g_network->Remote(scheme));
    if (!remote.ok()) Die("connect", remote.error());
    index::OpenOptions open{.dir = p.client_root->path() / "db", .remote = *remote};
    auto idx = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), open);
    if (!idx.ok()) Die("open", idx.error());
    auto warm = (*idx)->Search(keyword);
    if (!warm.ok()) Die("warm search", warm.error());
    indexes.push_back(std::move(idx).value());
  }
  std::atomic<uint64_t> searches{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (auto& idx : indexes) {
    threads.emplace_back([&, raw = idx.get()] {
      while (!stop.load(std::memory_order_relaxed)) {
        auto found = raw->Search(keyword);
        if (!found.ok()) Die("search", found.error());
        searches.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  const auto start = Clock::now();
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const uint64_t done = searches.load();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  stop = true;
  for (auto& t : threads) t.join();
  return static_cast<double>(done) / seconds;
}

void BM_Throughput(benchmark::State& state, std::string scheme) {
  const int clients = static_cast<int>(state.range(0));
  Pair& p = PairOf(scheme);
  const std::string keyword = index::PlantedKeyword(100);
  double one = 0, many = 0;
  for (auto _ : state) {
    one = SearchRate(p, scheme, 1, keyword);
    many = clients == 1 ? one : SearchRate(p, scheme, clients, keyword);
  }
  state.counters["searches_per_s"] = many;
  state.counters["one_client_per_s"] = one;
  state.counters["x_one_client"] = many / one;
}

std::vector<std::string> NetSchemes() {
  const char* env = std::getenv("SSELAB_NET_SCHEMES");
  const std::string list = env != nullptr && *env != '\0' ? env : "pibas,diana";
  std::vector<std::string> out;
  if (list == "all") {
    for (const index::SchemeEntry* e : schemes::BuiltinRegistry().All()) {
      if (!e->info.capabilities.linear_search) out.push_back(e->info.name);
    }
    return out;
  }
  for (size_t start = 0; start <= list.size();) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

void Register() {
  for (const std::string& scheme : NetSchemes()) {
    auto entry = schemes::BuiltinRegistry().Find(scheme);
    if (!entry.ok()) Die("SSELAB_NET_SCHEMES", entry.error());
    auto* s = benchmark::RegisterBenchmark(("BM_RemoteSearch/" + scheme).c_str(), BM_RemoteSearch,
                                           scheme);
    s->ArgName("result")->Unit(benchmark::kMicrosecond);
    for (uint64_t n : bench::PlantedSizes()) {
      if (n <= 10'000) s->Arg(static_cast<int64_t>(n));
    }
    if ((*entry)->info.capabilities.dynamic) {
      benchmark::RegisterBenchmark(("BM_RemoteUpdate/" + scheme).c_str(), BM_RemoteUpdate, scheme)
          ->Unit(benchmark::kMicrosecond);
    }
  }
  benchmark::RegisterBenchmark("BM_Throughput/pibas", BM_Throughput, std::string("pibas"))
      ->ArgName("clients")
      ->Arg(8)
      ->Iterations(1)
      ->Unit(benchmark::kMillisecond);
}

}  // namespace
}  // namespace sselab

int main(int argc, char** argv) {
  return sselab::bench::RunBenchmarks(argc, argv, sselab::Register, [] {
    sselab::g_pairs.clear();
    sselab::g_network.reset();
  });
}
