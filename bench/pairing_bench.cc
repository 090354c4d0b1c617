// Micro-benchmarks of the BLS12-381 pairing (crypto/pairing). Issue 4's target: one
// pairing <= 1.0 ms on the project's 2-core machines. Issue 18's, independent of the
// machine: BM_Pairing <= 20 900 Fp multiplications of the same run. Every benchmark
// above Fp reports that unit as the counter fp_muls: its time per operation over one Fp
// multiplication, timed once per process (FpMulSeconds). Google Benchmark prints this
// inverted rate with a seconds suffix: fp_muls=18.4ks reads 18 400. On a shared machine
// compare the minimum of several repetitions (--benchmark_repetitions), as other load
// moves single runs by 10% and more.
#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "crypto/pairing/encoding.h"
#include "crypto/pairing/hash_to_curve.h"
#include "crypto/pairing/pairing.h"
#include "crypto/random.h"

namespace sselab::crypto::pairing {
namespace {

// One Fp multiplication, in seconds: the fastest of five timed runs of 2^20 dependent
// products, measured once per process. The unit of the fp_muls counters.
double FpMulSeconds() {
  static const double seconds = [] {
    Fp a = Fp::FromBytesReduced(RandomBytes(64));
    const Fp b = Fp::FromBytesReduced(RandomBytes(64));
    constexpr int kProducts = 1 << 20;
    double best = 1e9;
    for (int run = 0; run < 5; ++run) {
      const auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < kProducts; ++i) {
        a = a * b;
        benchmark::DoNotOptimize(a);
      }
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
      best = std::min(best, took.count() / kProducts);
    }
    return best;
  }();
  return seconds;
}

// fp_muls = (time per iteration) / FpMulSeconds(): an iteration-invariant rate of
// FpMulSeconds() per iteration, inverted.
void ReportFpMuls(benchmark::State& state) {
  state.counters["fp_muls"] = benchmark::Counter(
      FpMulSeconds(), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_FpMul(benchmark::State& state) {
  Fp a = Fp::FromBytesReduced(RandomBytes(64));
  const Fp b = Fp::FromBytesReduced(RandomBytes(64));
  for (auto _ : state) {
    a = a * b;
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_FpMul);

void BM_FpInverse(benchmark::State& state) {
  Fp a = Fp::FromBytesReduced(RandomBytes(64));
  for (auto _ : state) {
    a = a.Inverse();
    benchmark::DoNotOptimize(a);
  }
  ReportFpMuls(state);
}
BENCHMARK(BM_FpInverse);

void BM_FpAdd(benchmark::State& state) {
  Fp a = Fp::FromBytesReduced(RandomBytes(64));
  const Fp b = Fp::FromBytesReduced(RandomBytes(64));
  for (auto _ : state) {
    a = a + b;
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_FpAdd);

Fp2 RandomFp2() {
  return {Fp::FromBytesReduced(RandomBytes(64)), Fp::FromBytesReduced(RandomBytes(64))};
}

void BM_Fp2Mul(benchmark::State& state) {
  Fp2 a = RandomFp2();
  const Fp2 b = RandomFp2();
  for (auto _ : state) {
    a = a * b;
    benchmark::DoNotOptimize(a);
  }
  ReportFpMuls(state);
}
BENCHMARK(BM_Fp2Mul);

void BM_Fp2Square(benchmark::State& state) {
  Fp2 a = RandomFp2();
  for (auto _ : state) {
    a = a.Square();
    benchmark::DoNotOptimize(a);
  }
  ReportFpMuls(state);
}
BENCHMARK(BM_Fp2Square);

// A pairing value, so that cyclotomic squaring applies.
Fp12 GtValue() { return Pairing(G1Generator().Mul(Fr::Random()), G2Generator()).value(); }

void BM_Fp12Mul(benchmark::State& state) {
  Fp12 a = GtValue();
  const Fp12 b = GtValue();
  for (auto _ : state) {
    a = a * b;
    benchmark::DoNotOptimize(a);
  }
  ReportFpMuls(state);
}
BENCHMARK(BM_Fp12Mul);

void BM_Fp12CyclotomicSquare(benchmark::State& state) {
  Fp12 a = GtValue();
  for (auto _ : state) {
    a = a.CyclotomicSquare();
    benchmark::DoNotOptimize(a);
  }
  ReportFpMuls(state);
}
BENCHMARK(BM_Fp12CyclotomicSquare);

void BM_Fp12MulBy014(benchmark::State& state) {
  Fp12 a = GtValue();
  const Fp2 l0 = RandomFp2(), l1 = RandomFp2(), l4 = RandomFp2();
  for (auto _ : state) {
    a = a.MulBy014(l0, l1, l4);
    benchmark::DoNotOptimize(a);
  }
  ReportFpMuls(state);
}
BENCHMARK(BM_Fp12MulBy014);

void BM_Fp12Square(benchmark::State& state) {
  Fp12 a = GtValue();
  for (auto _ : state) {
    a = a.Square();
    benchmark::DoNotOptimize(a);
  }
  ReportFpMuls(state);
}
BENCHMARK(BM_Fp12Square);

void BM_G1Mul(benchmark::State& state) {
  const G1 g = G1Generator();
  const Fr k = Fr::Random();
  for (auto _ : state) benchmark::DoNotOptimize(g.Mul(k));
  ReportFpMuls(state);
}
BENCHMARK(BM_G1Mul);

void BM_G2Mul(benchmark::State& state) {
  const G2 g = G2Generator();
  const Fr k = Fr::Random();
  for (auto _ : state) benchmark::DoNotOptimize(g.Mul(k));
  ReportFpMuls(state);
}
BENCHMARK(BM_G2Mul);

void BM_G1Msm(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  std::vector<G1> pts;
  std::vector<Fr> ks;
  for (size_t i = 0; i < n; ++i) {
    pts.push_back(G1Generator().Mul(Fr::Random()));
    ks.push_back(Fr::Random());
  }
  for (auto _ : state) benchmark::DoNotOptimize(G1::MultiScalarMulVartime(pts, ks));
}
BENCHMARK(BM_G1Msm)->ArgName("points")->Arg(16)->Arg(256);

void BM_HashToG1(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(HashToG1(AsBytes("keyword"), AsBytes("BENCH")));
  ReportFpMuls(state);
}
BENCHMARK(BM_HashToG1);

void BM_HashToG2(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(HashToG2(AsBytes("keyword"), AsBytes("BENCH")));
  ReportFpMuls(state);
}
BENCHMARK(BM_HashToG2);

void BM_G1Decompress(benchmark::State& state) {
  const auto b = G1ToCompressed(G1Generator().Mul(Fr::Random()));
  for (auto _ : state) benchmark::DoNotOptimize(G1FromCompressed(b));
}
BENCHMARK(BM_G1Decompress);

void BM_G2Decompress(benchmark::State& state) {
  const auto b = G2ToCompressed(G2Generator().Mul(Fr::Random()));
  for (auto _ : state) benchmark::DoNotOptimize(G2FromCompressed(b));
}
BENCHMARK(BM_G2Decompress);

void BM_MillerLoop(benchmark::State& state) {
  const G1 p = G1Generator().Mul(Fr::Random());
  const G2 q = G2Generator().Mul(Fr::Random());
  for (auto _ : state) benchmark::DoNotOptimize(MillerLoop(p, G2Prepared(q)));
  ReportFpMuls(state);
}
BENCHMARK(BM_MillerLoop);

void BM_MillerLoopPrepared(benchmark::State& state) {
  const G1 p = G1Generator().Mul(Fr::Random());
  const G2Prepared q(G2Generator().Mul(Fr::Random()));
  for (auto _ : state) benchmark::DoNotOptimize(MillerLoop(p, q));
  ReportFpMuls(state);
}
BENCHMARK(BM_MillerLoopPrepared);

void BM_FinalExponentiation(benchmark::State& state) {
  const Fp12 f = MillerLoop(G1Generator(), G2Prepared(G2Generator()));
  for (auto _ : state) benchmark::DoNotOptimize(FinalExponentiation(f));
  ReportFpMuls(state);
}
BENCHMARK(BM_FinalExponentiation);

void BM_Pairing(benchmark::State& state) {
  const G1 p = G1Generator().Mul(Fr::Random());
  const G2 q = G2Generator().Mul(Fr::Random());
  for (auto _ : state) benchmark::DoNotOptimize(Pairing(p, q));
  ReportFpMuls(state);
}
BENCHMARK(BM_Pairing);

// Report per extra pair: time(pairs=n) - time(pairs=1) over n - 1.
void BM_MultiPairing(benchmark::State& state) {
  std::vector<std::pair<G1, G2>> pairs;
  for (int64_t i = 0; i < state.range(0); ++i) {
    pairs.emplace_back(G1Generator().Mul(Fr::Random()), G2Generator().Mul(Fr::Random()));
  }
  for (auto _ : state) benchmark::DoNotOptimize(MultiPairing(pairs));
  ReportFpMuls(state);
}
BENCHMARK(BM_MultiPairing)->ArgName("pairs")->Arg(1)->Arg(2)->Arg(8);

void BM_GtPow(benchmark::State& state) {
  const Gt e = Pairing(G1Generator(), G2Generator());
  const Fr k = Fr::Random();
  for (auto _ : state) benchmark::DoNotOptimize(e.Pow(k));
  ReportFpMuls(state);
}
BENCHMARK(BM_GtPow);

}  // namespace
}  // namespace sselab::crypto::pairing
