#include "crypto/random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>
#include <vector>

namespace sselab::crypto {
namespace {

TEST(RandomTest, RandomBytesHasTheRequestedSizeAndVaries) {
  EXPECT_TRUE(RandomBytes(0).empty());
  Bytes a = RandomBytes(32);
  Bytes b = RandomBytes(32);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);  // equal with probability 2^-256
}

TEST(RandomTest, SpanOverloadFillsEveryByte) {
  // Each position is zero in all of 16 draws with probability 2^-128.
  std::vector<uint8_t> seen_nonzero(100, 0);
  for (int round = 0; round < 16; ++round) {
    std::vector<uint8_t> buf(100, 0);
    RandomBytes(std::span<uint8_t>(buf));
    for (size_t i = 0; i < buf.size(); ++i) seen_nonzero[i] |= buf[i];
  }
  EXPECT_TRUE(std::all_of(seen_nonzero.begin(), seen_nonzero.end(), [](uint8_t v) { return v; }));
}

TEST(RandomTest, RandomU64DoesNotRepeat) {
  std::set<uint64_t> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(RandomU64());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RandomTest, ThreadsGetIndependentStreams) {
  std::vector<Bytes> out(4);
  std::vector<std::thread> threads;
  threads.reserve(out.size());
  for (auto& o : out) threads.emplace_back([&o] { o = RandomBytes(32); });
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(out[i].size(), 32u);
    for (size_t j = i + 1; j < out.size(); ++j) EXPECT_NE(out[i], out[j]) << i << " " << j;
  }
}

}  // namespace
}  // namespace sselab::crypto
