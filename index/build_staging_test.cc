#include "index/build_staging.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/testing/temp_dir.h"

namespace sselab::index {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Names(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(BuildStagingTest, NormalizesTheIndexDirectory) {
  sselab::testing::TempDir temp;
  const fs::path idx = temp / "idx";
  for (const char* spelling : {"idx", "idx/", "idx/.", "./idx//", "sub/../idx"}) {
    auto got = NormalizeIndexDirectory(temp.path().string() + "/" + spelling);
    ASSERT_TRUE(got.ok()) << spelling;
    EXPECT_EQ(*got, idx) << spelling;
  }
  EXPECT_EQ(NormalizeIndexDirectory("").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(NormalizeIndexDirectory("/").error().code(), ErrorCode::kInvalidArgument);
}

TEST(BuildStagingTest, PublishesPrivatelyOrRemovesEverything) {
  sselab::testing::TempDir temp;
  const fs::path idx = temp / "idx";
  {
    auto staging = BuildStaging::Begin(idx);
    ASSERT_TRUE(staging.ok()) << staging.error().ToString();
    const fs::path path = (*staging)->path();
    EXPECT_EQ(path.parent_path(), temp.path());
    EXPECT_TRUE(path.filename().string().starts_with(".idx.building-"));
    EXPECT_EQ(fs::status(path).permissions(), fs::perms::owner_all);
    EXPECT_EQ(fs::status((*staging)->client_dir()).permissions(), fs::perms::owner_all);
    std::ofstream((*staging)->client_dir() / "key") << "secret";
  }
  EXPECT_TRUE(fs::is_empty(temp.path()));  // not published: removed with its contents
  auto staging = BuildStaging::Begin(idx);
  ASSERT_TRUE(staging.ok());
  ASSERT_TRUE((*staging)->Publish().ok());
  EXPECT_EQ(Names(temp.path()), std::vector<std::string>{"idx"});
  EXPECT_TRUE(fs::is_directory(idx / "client"));
}

TEST(BuildStagingTest, NeverReplacesWhatAppearedAtTheTarget) {
  sselab::testing::TempDir temp;
  const fs::path idx = temp / "idx";
  for (bool empty : {true, false}) {
    auto staging = BuildStaging::Begin(idx);
    ASSERT_TRUE(staging.ok());
    fs::create_directory(idx);
    if (!empty) std::ofstream(idx / "data") << "kept";
    Status s = (*staging)->Publish();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code(), ErrorCode::kAlreadyExists) << s.error().message();
    EXPECT_NE(s.error().message().find(idx.string()), std::string::npos);
    EXPECT_FALSE(fs::exists(idx / "client"));
    staging->reset();
    fs::remove_all(idx);
  }
}

TEST(BuildStagingTest, StaleStagingIsRemovedAndARunningBuildIsRefused) {
  sselab::testing::TempDir temp;
  const fs::path idx = temp / "idx";
  // Left by a build that died: nobody holds its lock.
  fs::create_directories(temp / ".idx.building-0123456789ab/client/sselab-sort-x");
  std::ofstream(temp / ".idx.building-0123456789ab/client/key") << "secret";
  // Not ours: other names, another index's staging.
  fs::create_directories(temp / ".idx.building-keep");
  fs::create_directories(temp / ".idx2.building-0123456789ab");
  fs::create_directories(temp / "idx.building-0123456789ab");
  ASSERT_TRUE(RemoveStaleStaging(idx).ok());
  EXPECT_EQ(Names(temp.path()),
            (std::vector<std::string>{".idx.building-keep", ".idx2.building-0123456789ab",
                                      "idx.building-0123456789ab"}));

  auto running = BuildStaging::Begin(idx);
  ASSERT_TRUE(running.ok());
  Status s = RemoveStaleStaging(idx);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(s.error().message().find((*running)->path().string()), std::string::npos)
      << s.error().message();
  EXPECT_TRUE(fs::is_directory((*running)->client_dir()));
  running->reset();
  EXPECT_TRUE(RemoveStaleStaging(idx).ok());
  EXPECT_TRUE(RemoveStaleStaging(temp / "missing-parent" / "idx").ok());
}

}  // namespace
}  // namespace sselab::index
