#include "index/build_staging.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "base/bytes.h"
#include "base/files.h"
#include "crypto/random.h"
#include "index/server_store.h"

namespace sselab::index {
namespace fs = std::filesystem;
namespace {

constexpr size_t kRandomHexDigits = 12;

std::string Errno() { return std::strerror(errno); }

std::string StagingPrefix(const fs::path& dir) {
  return "." + dir.filename().string() + ".building-";
}

bool IsStagingName(const std::string& name, const std::string& prefix) {
  if (name.size() != prefix.size() + kRandomHexDigits || !name.starts_with(prefix)) return false;
  for (size_t i = prefix.size(); i < name.size(); ++i) {
    const char c = name[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Status MakePrivateDirectory(const fs::path& path) {
  if (::mkdir(path.c_str(), 0700) != 0 || ::chmod(path.c_str(), 0700) != 0) {
    return IoError("cannot create " + path.string() + ": " + Errno());
  }
  return OkStatus();
}

// Moves `from` to `to` unless `to` exists (then EEXIST in errno).
int RenameNoReplace(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return -1;
  // A file system without RENAME_NOREPLACE: check, then rename (which replaces at most an
  // empty directory).
  struct stat st;
  if (::lstat(to.c_str(), &st) == 0) {
    errno = EEXIST;
    return -1;
  }
  return ::rename(from.c_str(), to.c_str());
}

}  // namespace

Result<fs::path> NormalizeIndexDirectory(const fs::path& dir) {
  if (dir.empty()) return InvalidArgumentError("no index directory given");
  std::error_code ec;
  fs::path path = fs::absolute(dir, ec);
  if (ec)
    return IoError("cannot resolve the index directory " + dir.string() + ": " + ec.message());
  path = path.lexically_normal();
  if (!path.has_filename()) path = path.parent_path();  // "idx/" names idx
  if (path.filename().empty() || path.filename() == "..") {
    return InvalidArgumentError(dir.string() + " cannot be an index directory");
  }
  return path;
}

Status RemoveStaleStaging(const fs::path& dir) {
  const fs::path parent = dir.parent_path();
  const std::string prefix = StagingPrefix(dir);
  std::error_code ec;
  fs::directory_iterator it(parent, ec);
  if (ec) {
    if (ec == std::errc::no_such_file_or_directory) return OkStatus();
    return IoError("cannot list " + parent.string() + ": " + ec.message());
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path path = it->path();
    if (!IsStagingName(path.filename().string(), prefix)) continue;
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) continue;  // its build just finished or cleaned up
      return IoError("cannot open " + path.string() + ", left by a build of " + dir.string() +
                     ": " + Errno());
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      ::close(fd);
      if (err == EWOULDBLOCK) {
        return FailedPreconditionError("another build of " + dir.string() +
                                       " is running (it holds " + path.string() +
                                       "); wait for it to finish or build elsewhere");
      }
      return IoError("cannot lock " + path.string() + ": " + std::strerror(err));
    }
    // A build onto a Redis Cluster names its namespace in the staging directory: what the
    // killed build put there goes first, while the name is still known.
    auto cluster = ReadServerStoreConfig(path);
    if (cluster.ok() && cluster->has_value()) {
      Status dropped = storage::DropRedisClusterStore(**cluster);
      if (!dropped.ok()) {
        ::close(fd);
        return dropped.error().WithContext("removing what an interrupted build of " + dir.string() +
                                           " left on its Redis Cluster");
      }
    }
    std::error_code remove_ec;
    fs::remove_all(path, remove_ec);  // under the lock: no build can take it over meanwhile
    ::close(fd);
    if (remove_ec) {
      return IoError("cannot remove " + path.string() + ", left by an interrupted build of " +
                     dir.string() + ": " + remove_ec.message() + "; remove it by hand");
    }
  }
  if (ec) return IoError("cannot list " + parent.string() + ": " + ec.message());
  return OkStatus();
}

Result<std::unique_ptr<BuildStaging>> BuildStaging::Begin(const fs::path& dir) {
  const fs::path parent = dir.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) return IoError("cannot create " + parent.string() + ": " + ec.message());
  const fs::path path = parent / (StagingPrefix(dir) + HexEncode(crypto::RandomBytes(6)));
  if (::mkdir(path.c_str(), 0700) != 0) {
    return IoError("cannot create the staging directory " + path.string() + ": " + Errno());
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) != 0 || ::fchmod(fd, 0700) != 0) {
    Error error = IoError("cannot lock the staging directory " + path.string() + ": " + Errno());
    if (fd >= 0) ::close(fd);
    fs::remove_all(path, ec);
    return error;
  }
  std::unique_ptr<BuildStaging> staging(new BuildStaging(dir, path, fd));
  SSELAB_RETURN_IF_ERROR(MakePrivateDirectory(staging->client_dir()));
  return staging;
}

BuildStaging::~BuildStaging() {
  if (!published_) {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  if (fd_ >= 0) ::close(fd_);
}

Status BuildStaging::Publish() {
  if (RenameNoReplace(path_, dir_) != 0) {
    if (errno == EEXIST || errno == ENOTEMPTY) {
      return AlreadyExistsError(dir_.string() +
                                " appeared during the build; it was left as it is and the new "
                                "index discarded");
    }
    return IoError("cannot move the built index from " + path_.string() + " to " + dir_.string() +
                   ": " + Errno());
  }
  published_ = true;
  ::close(fd_);
  fd_ = -1;
  return SyncDirectory(dir_.parent_path());
}

}  // namespace sselab::index
