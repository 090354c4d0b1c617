#include "base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

namespace sselab {
namespace fs = std::filesystem;
namespace {

std::string Errno() { return std::strerror(errno); }

std::string TempName(const fs::path& path) {
  std::random_device rd;
  return path.string() + ".tmp-" + std::to_string(rd()) + std::to_string(getpid());
}

}  // namespace

Status SyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open directory " + dir.string() + ": " + Errno());
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return IoError("cannot sync directory " + dir.string() + ": " + Errno());
  return OkStatus();
}

Status WriteFileAtomically(const fs::path& path, std::string_view data, mode_t mode) {
  std::string tmp = TempName(path);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return IoError("cannot create " + tmp + ": " + Errno());
  const char* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::string err = Errno();
      ::close(fd);
      ::unlink(tmp.c_str());
      return IoError("cannot write " + path.string() + ": " + err);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) {
    std::string err = Errno();
    ::close(fd);
    ::unlink(tmp.c_str());
    return IoError("cannot sync " + path.string() + ": " + err);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string err = Errno();
    ::unlink(tmp.c_str());
    return IoError("cannot rename into " + path.string() + ": " + err);
  }
  return SyncDirectory(path.parent_path());
}

Result<std::string> ReadFileToString(const fs::path& path, size_t max_bytes) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return NotFoundError(path.string() + " does not exist");
  uint64_t size = fs::file_size(path, ec);
  if (ec) return IoError("cannot stat " + path.string() + ": " + ec.message());
  if (size > max_bytes) {
    return InvalidArgumentError(path.string() + " is " + std::to_string(size) +
                                " bytes, more than the limit of " + std::to_string(max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read " + path.string());
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return IoError("cannot read " + path.string());
  return buf.str();
}

uint64_t DirectorySize(const fs::path& dir) {
  std::error_code ec;
  uint64_t total = 0;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) {
      uint64_t s = it->file_size(size_ec);
      if (!size_ec) total += s;
    }
  }
  return total;
}

bool PathIsWithin(const fs::path& inner, const fs::path& outer) {
  std::error_code ec;
  fs::path a = fs::weakly_canonical(fs::absolute(inner, ec), ec);
  fs::path b = fs::weakly_canonical(fs::absolute(outer, ec), ec);
  auto ai = a.begin();
  for (auto bi = b.begin(); bi != b.end(); ++bi, ++ai) {
    if (bi->empty()) continue;  // trailing separator
    if (ai == a.end() || *ai != *bi) return false;
  }
  return true;
}

}  // namespace sselab
