// BuildStaging: the hidden directory an index is built in before it is published.
//
// An index DIR = PARENT/NAME is built in PARENT/.NAME.building-XXXXXXXXXXXX (12 random hex
// digits; mode 0700, with client/ of mode 0700 inside) and renamed to DIR when complete, so
// no incomplete index ever opens. The build holds an exclusive flock(2) on its staging
// directory from creation to publication; the kernel drops it when the process dies,
// however it dies. A staging directory of DIR whose lock can be taken is therefore the
// remains of a build that died (a server store, sealed sort spills, maybe the key), and
// RemoveStaleStaging() deletes it; one whose lock is held belongs to a build that is still
// running, and the new build is refused.
//
// Thread safety: none; one object per build.
#ifndef SSELAB_INDEX_BUILD_STAGING_H_
#define SSELAB_INDEX_BUILD_STAGING_H_

#include <filesystem>
#include <memory>

#include "base/result.h"

namespace sselab::index {

// `dir` made absolute and lexically normal, without a trailing separator ("idx/" and
// "idx/." name idx). kInvalidArgument if it names no directory that could be created
// ("/", or a path ending in "..").
Result<std::filesystem::path> NormalizeIndexDirectory(const std::filesystem::path& dir);

// Removes every staging directory of `dir` (normalized) left by a build that died, and the
// Redis Cluster namespace its client/store.json names, if any (index/server_store.h).
// kFailedPrecondition naming it if one belongs to a build that is still running; kIoError
// naming it if it cannot be removed; the cluster's error if its namespace cannot be.
Status RemoveStaleStaging(const std::filesystem::path& dir);

class BuildStaging {
 public:
  // Creates and locks a new staging directory for `dir` (normalized). kIoError naming the
  // path on failure.
  static Result<std::unique_ptr<BuildStaging>> Begin(const std::filesystem::path& dir);
  // Removes the staging directory (with whatever the build wrote) unless published.
  ~BuildStaging();
  BuildStaging(const BuildStaging&) = delete;
  BuildStaging& operator=(const BuildStaging&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path client_dir() const { return path_ / "client"; }

  // Renames the staging directory to `dir` (never replacing anything there) and syncs the
  // parent directory. kAlreadyExists if `dir` appeared meanwhile (the build is discarded,
  // what is at `dir` is untouched); kIoError naming both paths otherwise.
  Status Publish();

 private:
  BuildStaging(std::filesystem::path dir, std::filesystem::path path, int fd)
      : dir_(std::move(dir)), path_(std::move(path)), fd_(fd) {}

  std::filesystem::path dir_;
  std::filesystem::path path_;
  int fd_;  // the staging directory, flocked
  bool published_ = false;
};

}  // namespace sselab::index

#endif  // SSELAB_INDEX_BUILD_STAGING_H_
