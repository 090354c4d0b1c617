#include "storage/internal/rocks_logger.h"

#include <time.h>

#include <cstdarg>
#include <cstdio>
#include <mutex>

namespace sselab::storage::internal {
namespace {

class WarningLogger final : public rocksdb::Logger {
 public:
  explicit WarningLogger(std::string path)
      : Logger(rocksdb::InfoLogLevel::WARN_LEVEL), path_(std::move(path)) {}
  WarningLogger(const WarningLogger&) = delete;
  WarningLogger& operator=(const WarningLogger&) = delete;
  ~WarningLogger() override {
    if (file_ != nullptr) std::fclose(file_);
  }

  using rocksdb::Logger::Logv;
  void Logv(rocksdb::InfoLogLevel level, const char* format, va_list ap) override {
    if (level < GetInfoLogLevel() || level > rocksdb::InfoLogLevel::FATAL_LEVEL)
      return;  // and headers
    static constexpr const char* kNames[] = {"DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
    const time_t now = time(nullptr);
    struct tm local;
    char stamp[32];
    strftime(stamp, sizeof(stamp), "%Y/%m/%d-%H:%M:%S", localtime_r(&now, &local));
    std::lock_guard lock(mu_);
    if (file_ == nullptr) file_ = std::fopen(path_.c_str(), "a");
    if (file_ == nullptr) return;  // nowhere to report that logging failed
    std::fprintf(file_, "%s [%s] ", stamp, kNames[static_cast<int>(level)]);
    std::vfprintf(file_, format, ap);
    std::fputc('\n', file_);
    std::fflush(file_);
  }
  void LogHeader(const char* /*format*/, va_list /*ap*/) override {}

 private:
  const std::string path_;
  std::mutex mu_;
  std::FILE* file_ = nullptr;
};

}  // namespace

std::shared_ptr<rocksdb::Logger> NewWarningLogger(std::string path) {
  return std::make_shared<WarningLogger>(std::move(path));
}

}  // namespace sselab::storage::internal
