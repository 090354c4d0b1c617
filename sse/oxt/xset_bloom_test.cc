#include "sse/oxt/xset_bloom.h"

#include <gtest/gtest.h>

#include "crypto/random.h"

namespace sselab::sse::oxt {
namespace {

XSetKey RandomKey() {
  XSetKey k{};
  const Bytes r = crypto::RandomBytes(k.size());
  std::copy(r.begin(), r.end(), k.begin());
  return k;
}

// Every added key tests positive; keys not added test positive at about the rate the
// filter was sized for, or less.
TEST(XSetBloomTest, NoFalseNegativesAndTheFalsePositiveRateItWasSizedFor) {
  for (double fp : {0.01, 0.001}) {
    const uint64_t n = 20000;
    XSetBloom bloom(n, fp);
    std::vector<XSetKey> added;
    for (uint64_t i = 0; i < n; ++i) {
      added.push_back(RandomKey());
      bloom.Add(added.back());
    }
    for (const XSetKey& k : added) ASSERT_TRUE(bloom.MayContain(k));
    const uint64_t probes = 400000;
    uint64_t positives = 0;
    for (uint64_t i = 0; i < probes; ++i) positives += bloom.MayContain(RandomKey()) ? 1 : 0;
    const double rate = static_cast<double>(positives) / static_cast<double>(probes);
    EXPECT_LE(rate, 1.5 * fp) << "sized for " << fp;
    // Memory: about 1.3 log2(1/fp) / ln 2 bits per key.
    EXPECT_LT(static_cast<double>(bloom.bytes()) * 8 / static_cast<double>(n),
              2.0 * std::log2(1 / fp) / std::log(2.0));
  }
}

TEST(XSetBloomTest, AnEmptyFilterHoldsNothing) {
  XSetBloom bloom(0, 1e-9);
  EXPECT_FALSE(bloom.MayContain(RandomKey()));
  EXPECT_GT(bloom.bytes(), 0u);
}

}  // namespace
}  // namespace sselab::sse::oxt
