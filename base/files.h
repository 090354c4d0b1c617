// Small filesystem helpers with the error model: atomic writes, whole-file reads, sizes.
#ifndef SSELAB_BASE_FILES_H_
#define SSELAB_BASE_FILES_H_

#include <sys/types.h>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.h"

namespace sselab {

// Writes `data` to `path` atomically: a temporary file in the same directory created with
// `mode`, written, fsynced and renamed over `path`; then the directory is fsynced.
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view data,
                           mode_t mode = 0644);

// The whole file. kNotFound if it does not exist, kIoError if unreadable; kInvalidArgument
// if larger than `max_bytes`.
Result<std::string> ReadFileToString(const std::filesystem::path& path,
                                     size_t max_bytes = 64 << 20);

// Sum of the sizes of the regular files below `dir` (0 if it does not exist).
uint64_t DirectorySize(const std::filesystem::path& dir);

// True if `inner` is `outer` or lies below it, comparing absolute, normalized paths
// (symlinks resolved for the parts that exist).
bool PathIsWithin(const std::filesystem::path& inner, const std::filesystem::path& outer);

// fsyncs a directory so that renames inside it are durable.
Status SyncDirectory(const std::filesystem::path& dir);

// Removes a file or directory tree when it goes out of scope, unless released: what a
// failed operation created goes with it. An empty path removes nothing.
class RemoveOnExit {
 public:
  explicit RemoveOnExit(std::filesystem::path path) : path_(std::move(path)) {}
  ~RemoveOnExit() {
    if (!path_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(path_, ec);
    }
  }
  RemoveOnExit(const RemoveOnExit&) = delete;
  RemoveOnExit& operator=(const RemoveOnExit&) = delete;
  void Release() { path_.clear(); }

 private:
  std::filesystem::path path_;
};

}  // namespace sselab

#endif  // SSELAB_BASE_FILES_H_
