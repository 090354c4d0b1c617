#include "storage/external_sorter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace sselab::storage {
namespace {

std::vector<Entry> Drain(EntrySource& src) {
  std::vector<Entry> out;
  Entry e;
  while (true) {
    auto more = src.Next(e);
    EXPECT_TRUE(more.ok());
    if (!more.ok() || !*more) return out;
    out.push_back(e);
  }
}

class ExternalSorterTest : public ::testing::TestWithParam<uint64_t> {};

TEST_P(ExternalSorterTest, SortsLikeStableSortWithAnyBudget) {
  std::mt19937_64 rng(GetParam());
  std::vector<Entry> input;
  for (int i = 0; i < 5000; ++i) {
    Bytes key(1 + rng() % 6);
    for (auto& b : key) b = static_cast<uint8_t>(rng() % 4);  // many duplicates, zero bytes
    Bytes value = {static_cast<uint8_t>(i >> 8), static_cast<uint8_t>(i)};
    input.push_back({key, value});
  }
  auto sorter = ExternalSorter::Create({.memory_budget = GetParam()});
  ASSERT_TRUE(sorter.ok());
  for (const Entry& e : input) ASSERT_TRUE((*sorter)->Add(e.key, e.value).ok());
  auto merged = (*sorter)->Finish();
  ASSERT_TRUE(merged.ok()) << merged.error().ToString();
  std::vector<Entry> got = Drain(**merged);
  std::stable_sort(input.begin(), input.end(),
                   [](const Entry& a, const Entry& b) { return a.key < b.key; });
  ASSERT_EQ(got.size(), input.size());
  for (size_t i = 0; i < got.size(); ++i) {
    ASSERT_EQ(got[i].key, input[i].key) << i;
    ASSERT_EQ(got[i].value, input[i].value) << i;  // stable: insertion order among equals
  }
  if (GetParam() <= 2048) {
    EXPECT_GT((*sorter)->runs_spilled(), 64u);  // more runs than one merge takes
  } else if (GetParam() <= 65536) {
    EXPECT_GE((*sorter)->runs_spilled(), 2u);
  } else {
    EXPECT_EQ((*sorter)->runs_spilled(), 0u);  // fits in memory: no disk at all
  }
}

INSTANTIATE_TEST_SUITE_P(Budgets, ExternalSorterTest,
                         ::testing::Values(1, 2048, 65536, uint64_t{1} << 30));

// Buffers of 2^16 records and more are sorted as two halves on two threads: in memory the
// halves are merged on the fly, on disk they become two runs. Both must stay stable.
TEST(ExternalSorterLargeTest, SplitSortIsStableInMemoryAndOnDisk) {
  std::mt19937_64 rng(7);
  std::vector<Entry> input;
  for (uint32_t i = 0; i < 200000; ++i) {
    Bytes key(1 + rng() % 20);  // across the 16-byte prefix
    for (auto& b : key) b = static_cast<uint8_t>(rng() % 2);
    Bytes value = {static_cast<uint8_t>(i >> 16), static_cast<uint8_t>(i >> 8),
                   static_cast<uint8_t>(i)};
    input.push_back({key, value});
  }
  std::vector<Entry> expected = input;
  std::stable_sort(expected.begin(), expected.end(),
                   [](const Entry& a, const Entry& b) { return a.key < b.key; });
  for (uint64_t budget : {uint64_t{1} << 30, uint64_t{8} << 20}) {
    auto sorter = ExternalSorter::Create({.memory_budget = budget});
    ASSERT_TRUE(sorter.ok());
    for (const Entry& e : input) ASSERT_TRUE((*sorter)->Add(e.key, e.value).ok());
    auto merged = (*sorter)->Finish();
    ASSERT_TRUE(merged.ok()) << merged.error().ToString();
    std::vector<Entry> got = Drain(**merged);
    ASSERT_EQ(got.size(), expected.size()) << budget;
    for (size_t i = 0; i < got.size(); ++i) {
      ASSERT_EQ(got[i].key, expected[i].key) << budget << " " << i;
      ASSERT_EQ(got[i].value, expected[i].value) << budget << " " << i;
    }
  }
}

TEST(ExternalSorterEdgeTest, EmptyInputAndCleanup) {
  std::filesystem::path parent =
      std::filesystem::temp_directory_path() / ("sselab-sorter-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(parent);
  {
    auto sorter = ExternalSorter::Create({.memory_budget = 1, .temp_parent = parent});
    ASSERT_TRUE(sorter.ok());
    auto merged = (*sorter)->Finish();
    ASSERT_TRUE(merged.ok());
    EXPECT_TRUE(Drain(**merged).empty());
    EXPECT_FALSE((*sorter)->Finish().ok());
    auto other = ExternalSorter::Create({.memory_budget = 1, .temp_parent = parent});
    ASSERT_TRUE((*other)->Add(Bytes{1}, Bytes{2}).ok());
    EXPECT_FALSE(std::filesystem::is_empty(parent));
  }
  EXPECT_TRUE(std::filesystem::is_empty(parent));  // spill directories removed
  std::filesystem::remove_all(parent);
}

}  // namespace
}  // namespace sselab::storage
