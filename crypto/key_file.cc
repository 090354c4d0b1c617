#include "crypto/key_file.h"

#include <cryptopp/misc.h>
#include <cryptopp/secblock.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <system_error>

#include "crypto/hash.h"
#include "crypto/random.h"

namespace sselab::crypto {
namespace {

namespace fs = std::filesystem;

// Format v1, see key_file.h.
constexpr std::string_view kMagic = "SSELABKY";
constexpr uint8_t kVersion = 1;
constexpr size_t kVersionOffset = 8;
constexpr size_t kKeyLengthOffset = 9;
constexpr size_t kReservedOffset = 10;
constexpr size_t kKeyOffset = 12;
constexpr size_t kChecksumOffset = kKeyOffset + kMasterKeySize;  // 44
constexpr size_t kChecksumSize = 20;
constexpr size_t kFileSize = kChecksumOffset + kChecksumSize;  // 64
constexpr std::string_view kKeyCheckMessage = "sselab key check v1";

std::string Quoted(const fs::path& p) { return "'" + p.string() + "'"; }

std::string ErrnoText(int err) { return std::error_code(err, std::generic_category()).message(); }

// Closes a descriptor on every path out of a function.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now and reports whether close succeeded (it can report a deferred write error).
  bool Close() {
    int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

void Checksum(const uint8_t* image, uint8_t* out) {
  Digest256 digest = Sha256(ByteView(image, kChecksumOffset));
  std::copy_n(digest.begin(), kChecksumSize, out);
}

Status WriteAll(int fd, ByteView data, const fs::path& tmp) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("cannot write key file " + Quoted(tmp) + ": " + ErrnoText(errno));
    data = data.subspan(static_cast<size_t>(n));
  }
  return OkStatus();
}

// Moves `tmp` to `path` unless `path` exists. RENAME_NOREPLACE makes the check atomic;
// on file systems without it, link() gives the same guarantee.
Status PublishNoReplace(const fs::path& tmp, const fs::path& path) {
  if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0) {
    return OkStatus();
  }
  int err = errno;
  if (err == EINVAL || err == ENOSYS) {
    if (::link(tmp.c_str(), path.c_str()) == 0) {
      ::unlink(tmp.c_str());
      return OkStatus();
    }
    err = errno;
  }
  if (err == EEXIST) {
    return AlreadyExistsError("refusing to overwrite existing key file " + Quoted(path));
  }
  return IoError("cannot move key file into place at " + Quoted(path) + ": " + ErrnoText(err));
}

// Makes the new directory entry durable. Best effort: the key file is already complete.
void SyncDirectory(const fs::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() >= 0) ::fsync(fd.get());
}

Status WriteTempAndPublish(const fs::path& path, ByteView image) {
  fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  fs::path tmp = dir / ("." + path.filename().string() + ".tmp-" + HexEncode(RandomBytes(8)));
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (fd.get() < 0) {
    return IoError("cannot create key file in directory " + Quoted(dir) + ": " + ErrnoText(errno));
  }
  Status s = OkStatus();
  if (::fchmod(fd.get(), 0600) != 0) {  // exact mode, whatever the umask
    s = IoError("cannot set mode 0600 on " + Quoted(tmp) + ": " + ErrnoText(errno));
  }
  if (s.ok()) s = WriteAll(fd.get(), image, tmp);
  if (s.ok() && ::fsync(fd.get()) != 0) {
    s = IoError("cannot sync key file " + Quoted(tmp) + ": " + ErrnoText(errno));
  }
  if (s.ok() && !fd.Close()) {
    s = IoError("cannot close key file " + Quoted(tmp) + ": " + ErrnoText(errno));
  }
  if (s.ok()) s = PublishNoReplace(tmp, path);
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  SyncDirectory(dir);
  return OkStatus();
}

// Reads at most `limit` bytes; fewer only at end of file.
Result<size_t> ReadUpTo(int fd, uint8_t* out, size_t limit, const fs::path& path) {
  size_t total = 0;
  while (total < limit) {
    ssize_t n = ::read(fd, out + total, limit - total);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("cannot read key file " + Quoted(path) + ": " + ErrnoText(errno));
    if (n == 0) break;
    total += static_cast<size_t>(n);
  }
  return total;
}

Error Corrupt(const fs::path& path, const std::string& what) {
  return CorruptionError("key file " + Quoted(path) + " is not a valid sselab key file: " + what);
}

}  // namespace

Status WriteKeyFile(const fs::path& path, const SecretKey& key) {
  if (key.size() != kMasterKeySize) {
    return InvalidArgumentError("a master key must be 32 bytes, got " + std::to_string(key.size()) +
                                " (writing " + Quoted(path) + ")");
  }
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec))) {
    return AlreadyExistsError("refusing to overwrite existing key file " + Quoted(path));
  }
  CryptoPP::SecByteBlock image(kFileSize);  // holds the key; wiped when freed
  std::fill(image.begin(), image.end(), uint8_t{0});
  std::copy(kMagic.begin(), kMagic.end(), image.begin());
  image[kVersionOffset] = kVersion;
  image[kKeyLengthOffset] = static_cast<uint8_t>(kMasterKeySize);
  ByteView k = key.UnsafeBytes();
  std::copy(k.begin(), k.end(), image.begin() + kKeyOffset);
  Checksum(image.data(), image.data() + kChecksumOffset);
  return WriteTempAndPublish(path, ByteView(image.data(), image.size()));
}

Result<SecretKey> ReadKeyFile(const fs::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    int err = errno;
    if (err == ENOENT) return NotFoundError("key file " + Quoted(path) + " does not exist");
    return IoError("cannot open key file " + Quoted(path) + ": " + ErrnoText(err));
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) {
    return IoError("cannot stat key file " + Quoted(path) + ": " + ErrnoText(errno));
  }
  if (!S_ISREG(st.st_mode)) return Corrupt(path, "it is not a regular file");
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof(mode), "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return FailedPreconditionError("key file " + Quoted(path) + " has mode " + mode +
                                   ", so group or others can access it; run: chmod 600 " +
                                   Quoted(path));
  }
  CryptoPP::SecByteBlock image(kFileSize + 1);  // one extra byte detects trailing data
  SSELAB_ASSIGN_OR_RETURN(size_t n, ReadUpTo(fd.get(), image.data(), image.size(), path));
  if (n >= kMagic.size() && !std::equal(kMagic.begin(), kMagic.end(), image.begin())) {
    return Corrupt(path, "bad magic (expected \"SSELABKY\")");
  }
  if (n > kVersionOffset && image[kVersionOffset] != kVersion) {
    return Corrupt(path, "unsupported version " + std::to_string(image[kVersionOffset]) +
                             " (this build reads version 1)");
  }
  if (n != kFileSize) {
    return Corrupt(path, "size is " + std::to_string(st.st_size) +
                             " bytes, a version 1 key file is exactly 64 bytes" +
                             (n < kFileSize ? " (truncated)" : " (trailing data)"));
  }
  if (image[kKeyLengthOffset] != kMasterKeySize) {
    return Corrupt(
        path, "key length field is " + std::to_string(image[kKeyLengthOffset]) + ", expected 32");
  }
  if (image[kReservedOffset] != 0 || image[kReservedOffset + 1] != 0) {
    return Corrupt(path, "reserved bytes are not zero");
  }
  uint8_t expected[kChecksumSize];
  Checksum(image.data(), expected);
  if (!CryptoPP::VerifyBufsEqual(expected, image.data() + kChecksumOffset, kChecksumSize)) {
    return Corrupt(path, "checksum mismatch (the file is damaged)");
  }
  return SecretKey::FromBytes(ByteView(image.data() + kKeyOffset, kMasterKeySize));
}

std::string KeyCheckValue(const SecretKey& key) {
  Digest256 mac = HmacSha256(key, AsBytes(kKeyCheckMessage));
  return HexEncode(ByteView(mac.data(), 16));
}

}  // namespace sselab::crypto
