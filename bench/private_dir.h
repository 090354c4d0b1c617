// A benchmark's working directory: a fresh directory under the system's temporary
// directory, created by mkdtemp (mode 0700: only its owner reads what the benchmarked
// parties keep there, and an index's build staging, a sibling of the index, stays inside
// it too), removed with everything in it when the object goes.
#ifndef SSELAB_BENCH_PRIVATE_DIR_H_
#define SSELAB_BENCH_PRIVATE_DIR_H_

#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace sselab::bench {

class PrivateDir {
 public:
  explicit PrivateDir(std::string_view prefix) {
    std::string name =
        (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
    if (::mkdtemp(name.data()) == nullptr) {
      std::perror("mkdtemp");
      std::abort();
    }
    path_ = name;
  }
  ~PrivateDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  PrivateDir(const PrivateDir&) = delete;
  PrivateDir& operator=(const PrivateDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace sselab::bench

#endif  // SSELAB_BENCH_PRIVATE_DIR_H_
