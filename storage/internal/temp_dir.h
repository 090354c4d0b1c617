// A fresh directory under the system temp dir, removed with everything in it on
// destruction. For tests.
#ifndef SSELAB_STORAGE_INTERNAL_TEMP_DIR_H_
#define SSELAB_STORAGE_INTERNAL_TEMP_DIR_H_

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace sselab::storage::internal {

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sselab-storage-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) abort();  // tests cannot run without it
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace sselab::storage::internal

#endif  // SSELAB_STORAGE_INTERNAL_TEMP_DIR_H_
