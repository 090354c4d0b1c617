#include "storage/external_sorter.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

#include "storage/internal/temp_dir.h"

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

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The regular files below `dir`.
std::vector<fs::path> FilesBelow(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  return files;
}

// (memory budget, encrypt_spills)
class ExternalSorterTest : public ::testing::TestWithParam<std::tuple<uint64_t, bool>> {
 protected:
  uint64_t Budget() const { return std::get<0>(GetParam()); }
  internal::TempDir temp_;
};

TEST_P(ExternalSorterTest, SortsLikeStableSortWithAnyBudget) {
  std::mt19937_64 rng(Budget());
  std::vector<Entry> input;
  for (int i = 0; i < 5000; ++i) {
    Bytes key(1 + rng() % 6);
    for (auto& b : key) b = static_cast<uint8_t>(rng() % 4);  // many duplicates, zero bytes
    Bytes value = {static_cast<uint8_t>(i >> 8), static_cast<uint8_t>(i)};
    input.push_back({key, value});
  }
  auto sorter = ExternalSorter::Create({.memory_budget = Budget(),
                                        .spill_parent = temp_.path(),
                                        .encrypt_spills = std::get<1>(GetParam())});
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
  if (Budget() <= 2048) {
    EXPECT_GT((*sorter)->runs_spilled(), 64u);  // more runs than one merge takes
  } else if (Budget() <= 65536) {
    EXPECT_GE((*sorter)->runs_spilled(), 2u);
  } else {
    EXPECT_EQ((*sorter)->runs_spilled(), 0u);  // fits in memory: no disk at all
    EXPECT_TRUE(fs::is_empty(temp_.path()));
  }
  (*sorter).reset();
  EXPECT_TRUE(fs::is_empty(temp_.path()));  // spill directory removed
}

INSTANTIATE_TEST_SUITE_P(Budgets, ExternalSorterTest,
                         ::testing::Combine(::testing::Values(1, 2048, 65536, uint64_t{1} << 30),
                                            ::testing::Bool()));

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
  internal::TempDir temp;
  for (uint64_t budget : {uint64_t{1} << 30, uint64_t{8} << 20}) {
    auto sorter = ExternalSorter::Create(
        {.memory_budget = budget, .spill_parent = temp.path(), .encrypt_spills = budget < 1 << 30});
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
  internal::TempDir temp;
  const fs::path parent = temp.path() / "not-yet";  // created by the first spill
  {
    auto sorter = ExternalSorter::Create({.memory_budget = 1, .spill_parent = parent});
    ASSERT_TRUE(sorter.ok());
    auto merged = (*sorter)->Finish();
    ASSERT_TRUE(merged.ok());
    EXPECT_TRUE(Drain(**merged).empty());
    EXPECT_FALSE((*sorter)->Finish().ok());
    EXPECT_FALSE(fs::exists(parent));  // nothing spilled, nothing created
    auto other = ExternalSorter::Create({.memory_budget = 1, .spill_parent = parent});
    ASSERT_TRUE((*other)->Add(Bytes{1}, Bytes{2}).ok());
    EXPECT_FALSE(fs::is_empty(parent));
  }
  EXPECT_TRUE(fs::is_empty(parent));  // spill directories removed
}

// Spills are private whatever the umask, and sealed ones hold none of the records' bytes.
TEST(ExternalSorterSpillTest, PrivateAndSealed) {
  internal::TempDir temp;
  const std::string marker = "needle-in-the-spill";
  for (bool sealed : {false, true}) {
    const mode_t old_umask = ::umask(0);
    auto sorter = ExternalSorter::Create(
        {.memory_budget = 4096, .spill_parent = temp.path(), .encrypt_spills = sealed});
    ASSERT_TRUE(sorter.ok());
    for (int i = 0; i < 2000; ++i) {
      ASSERT_TRUE((*sorter)->Add(AsBytes(marker + std::to_string(i)), AsBytes(marker)).ok());
    }
    ::umask(old_umask);
    ASSERT_GT((*sorter)->runs_spilled(), 2u);
    bool found = false;
    for (const auto& e : fs::directory_iterator(temp.path())) {
      EXPECT_TRUE(e.path().filename().string().starts_with("sselab-sort-"));
      EXPECT_EQ(fs::status(e.path()).permissions(), fs::perms::owner_all);
    }
    for (const fs::path& run : FilesBelow(temp.path())) {
      EXPECT_EQ(fs::status(run).permissions(), fs::perms::owner_read | fs::perms::owner_write);
      found = found || ReadAll(run).find(marker) != std::string::npos;
    }
    EXPECT_EQ(found, !sealed);
    auto merged = (*sorter)->Finish();
    ASSERT_TRUE(merged.ok());
    EXPECT_EQ(Drain(**merged).size(), 2000u);
  }
}

// Values larger than a frame (64 KiB) or a plain run's write buffer (1 MiB) round-trip.
TEST(ExternalSorterSpillTest, LargeValuesCrossFrames) {
  internal::TempDir temp;
  for (bool sealed : {false, true}) {
    auto sorter = ExternalSorter::Create(
        {.memory_budget = 1, .spill_parent = temp.path(), .encrypt_spills = sealed});
    ASSERT_TRUE(sorter.ok());
    std::vector<size_t> sizes = {0, 1, (64 << 10) - 3, 64 << 10, (200 << 10) + 5, (3 << 20) + 1};
    for (size_t i = 0; i < sizes.size(); ++i) {
      Bytes value(sizes[i]);
      for (size_t j = 0; j < value.size(); ++j) value[j] = static_cast<uint8_t>(j * 31 + i);
      ASSERT_TRUE((*sorter)->Add(Bytes{static_cast<uint8_t>(sizes.size() - i)}, value).ok());
    }
    auto merged = (*sorter)->Finish();
    ASSERT_TRUE(merged.ok()) << merged.error().ToString();
    std::vector<Entry> got = Drain(**merged);
    ASSERT_EQ(got.size(), sizes.size());
    for (size_t k = 0; k < got.size(); ++k) {
      const size_t i = sizes.size() - 1 - k;  // keys were inserted in descending order
      ASSERT_EQ(got[k].value.size(), sizes[i]) << sealed;
      for (size_t j = 0; j < sizes[i]; j += 4099) {
        ASSERT_EQ(got[k].value[j], static_cast<uint8_t>(j * 31 + i)) << sealed << " " << j;
      }
    }
  }
}

// A sealed run changed on disk is refused, naming the file; nothing wrong is returned.
TEST(ExternalSorterSpillTest, TamperedSealedRunIsCorruption) {
  for (int damage = 0; damage < 3; ++damage) {
    internal::TempDir temp;
    auto sorter = ExternalSorter::Create(
        {.memory_budget = 1 << 16, .spill_parent = temp.path(), .encrypt_spills = true});
    ASSERT_TRUE(sorter.ok());
    for (uint32_t i = 0; i < 20000; ++i) {
      Bytes key = {static_cast<uint8_t>(i >> 8), static_cast<uint8_t>(i)};
      ASSERT_TRUE((*sorter)->Add(key, Bytes(8, 7)).ok());
    }
    std::vector<fs::path> runs = FilesBelow(temp.path());
    ASSERT_GE(runs.size(), 2u);
    const fs::path victim = runs.front();
    std::string bytes = ReadAll(victim);
    if (damage == 0) bytes[bytes.size() / 2] ^= 1;       // a flipped bit
    if (damage == 1) bytes.resize(bytes.size() - 1);     // a torn last frame
    if (damage == 2) bytes = ReadAll(runs.back()) + "";  // another run's frames
    std::ofstream(victim, std::ios::binary | std::ios::trunc) << bytes;
    auto merged = (*sorter)->Finish();
    Status status = OkStatus();
    if (!merged.ok()) {
      status = merged.error();
    } else {
      Entry e;
      while (status.ok()) {
        auto more = (*merged)->Next(e);
        if (!more.ok()) status = more.error();
        if (more.ok() && !*more) break;
      }
    }
    ASSERT_FALSE(status.ok()) << damage;
    EXPECT_EQ(status.error().code(), ErrorCode::kCorruption) << damage;
    EXPECT_NE(status.error().message().find(victim.string()), std::string::npos)
        << status.error().message();
  }
}

TEST(ExternalSorterSpillTest, UnusableSpillParentIsNamed) {
  internal::TempDir temp;
  const fs::path file = temp.path() / "a-file";
  std::ofstream(file) << "x";
  auto sorter = ExternalSorter::Create({.memory_budget = 1, .spill_parent = file / "below"});
  ASSERT_TRUE(sorter.ok());
  Status s = (*sorter)->Add(Bytes{1}, Bytes{2});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kIoError);
  EXPECT_NE(s.error().message().find(file.string()), std::string::npos) << s.error().message();
}

}  // namespace
}  // namespace sselab::storage
