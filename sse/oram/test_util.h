// Test helpers for sse/oram (not installed): a server over a MemoryStore, and a
// BucketStore decorator that records what the server is asked to read.
#ifndef SSELAB_SSE_ORAM_TEST_UTIL_H_
#define SSELAB_SSE_ORAM_TEST_UTIL_H_

#include <cmath>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "crypto/secret_key.h"
#include "sse/oram/bucket_store.h"
#include "storage/memory_store.h"
#include "storage/store.h"

namespace sselab::sse::oram::testing {

inline constexpr std::string_view kTable = "oram";

inline crypto::SecretKey TestKey(uint8_t fill = 7) {
  Bytes k(32, fill);
  return crypto::SecretKey::FromBytes(k).value();
}

// The server's side: a store with the bucket table, and the writes applied to it.
struct TestServer {
  TestServer()
      : store(storage::NewMemoryStore()),
        buckets(StoreBucketStore::Open(*store, std::string(kTable)).value()) {}
  Status Apply(const SealedBuckets& writes) { return ApplyBucketWrites(*store, kTable, writes); }

  std::unique_ptr<storage::Store> store;
  StoreBucketStore buckets;
};

// Records the bucket ids of every Read: the server's view of the client's accesses.
class RecordingBucketStore : public BucketStore {
 public:
  explicit RecordingBucketStore(BucketStore& inner) : inner_(inner) {}
  Result<std::vector<Bytes>> Read(std::span<const uint64_t> bucket_ids) override {
    reads_.emplace_back(bucket_ids.begin(), bucket_ids.end());
    return inner_.Read(bucket_ids);
  }
  const std::vector<std::vector<uint64_t>>& reads() const { return reads_; }
  void Clear() { reads_.clear(); }

 private:
  BucketStore& inner_;
  std::vector<std::vector<uint64_t>> reads_;
};

// Pearson's chi-square statistic of `counts` against the uniform distribution.
inline double ChiSquareUniform(const std::vector<uint64_t>& counts) {
  double total = 0;
  for (uint64_t c : counts) total += static_cast<double>(c);
  const double expected = total / static_cast<double>(counts.size());
  double chi2 = 0;
  for (uint64_t c : counts) {
    const double d = static_cast<double>(c) - expected;
    chi2 += d * d / expected;
  }
  return chi2;
}

// The chi-square value that a uniform sample exceeds with probability about 1e-9, for
// `df` degrees of freedom (Wilson–Hilferty approximation, z = 6).
inline double ChiSquareThreshold(int df) {
  const double k = df;
  const double a = 2.0 / (9.0 * k);
  return k * std::pow(1.0 - a + 6.0 * std::sqrt(a), 3.0);
}

}  // namespace sselab::sse::oram::testing

#endif  // SSELAB_SSE_ORAM_TEST_UTIL_H_
