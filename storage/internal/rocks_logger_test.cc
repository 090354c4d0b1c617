#include "storage/internal/rocks_logger.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "storage/internal/temp_dir.h"

namespace sselab::storage::internal {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(WarningLoggerTest, KeepsWarningsAndDropsInfoAndHeaders) {
  TempDir temp;
  const std::filesystem::path path = temp.path() / "LOG";
  {
    std::shared_ptr<rocksdb::Logger> logger = NewWarningLogger(path.string());
    rocksdb::Header(logger, "header %d", 1);
    rocksdb::Log(rocksdb::InfoLogLevel::INFO_LEVEL, logger, "info %d", 2);
    EXPECT_FALSE(std::filesystem::exists(path));  // created by the first warning only
    rocksdb::Log(rocksdb::InfoLogLevel::WARN_LEVEL, logger, "warn %d", 3);
    rocksdb::Log(rocksdb::InfoLogLevel::ERROR_LEVEL, logger, "error %s", "four");
  }
  const std::string log = ReadFile(path);
  EXPECT_EQ(log.find("header"), std::string::npos);
  EXPECT_EQ(log.find("info"), std::string::npos);
  EXPECT_NE(log.find("[WARN] warn 3\n"), std::string::npos) << log;
  EXPECT_NE(log.find("[ERROR] error four\n"), std::string::npos) << log;
}

}  // namespace
}  // namespace sselab::storage::internal
