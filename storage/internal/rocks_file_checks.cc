#include "storage/internal/rocks_file_checks.h"

#include <fcntl.h>
#include <rocksdb/file_checksum.h>
#include <rocksdb/metadata.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>
#include <vector>

#include "storage/internal/rocks_status.h"

namespace sselab::storage::internal {
namespace {

std::unique_ptr<rocksdb::FileChecksumGenerator> NewGenerator(const std::string& path) {
  rocksdb::FileChecksumGenContext context;
  context.file_name = path;
  return rocksdb::GetFileChecksumGenCrc32cFactory()->CreateFileChecksumGenerator(context);
}

}  // namespace

std::string FileChecksumName() { return NewGenerator("")->Name(); }

Result<std::string> FileChecksum(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("reading " + path + ": " + std::strerror(errno));
  std::unique_ptr<rocksdb::FileChecksumGenerator> generator = NewGenerator(path);
  std::vector<char> buffer(size_t{1} << 20);
  while (true) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return IoError("reading " + path + ": " + std::strerror(error));
    }
    if (n == 0) break;
    generator->Update(buffer.data(), static_cast<size_t>(n));
  }
  ::close(fd);
  generator->Finalize();
  return generator->GetChecksum();
}

namespace {

Status VerifyListedFiles(rocksdb::DB& db, const std::set<std::string>& hashed,
                         const std::string& where, bool read_only) {
  std::vector<rocksdb::LiveFileMetaData> files;
  db.GetLiveFilesMetaData(&files);
  const std::string expected_name = FileChecksumName();
  for (const rocksdb::LiveFileMetaData& file : files) {
    if (!hashed.contains(file.column_family_name)) continue;
    const std::string what =
        where + ": file " + file.relative_filename + " of table '" + file.column_family_name + "'";
    if (file.file_checksum.empty() || file.file_checksum_func_name != expected_name) {
      return CorruptionError(what + " has no checksum in the MANIFEST, so it cannot be verified");
    }
    const std::string path = file.db_path + "/" + file.relative_filename;
    // A writer beside a read-only open may have compacted the file away since.
    if (read_only && !std::filesystem::exists(path)) continue;
    SSELAB_ASSIGN_OR_RETURN(const std::string actual, FileChecksum(path));
    if (actual != file.file_checksum) {
      return CorruptionError(what + " does not match its checksum (damaged or altered)");
    }
  }
  return OkStatus();
}

}  // namespace

Status VerifyHashFormatFiles(rocksdb::DB& db, const std::map<std::string, TableOptions>& tables,
                             const std::string& where, bool read_only) {
  std::set<std::string> hashed;
  for (const auto& [name, options] : tables) {
    if (options.point_lookup_key_bytes > 0) hashed.insert(name);
  }
  if (hashed.empty()) return OkStatus();
  // A read-only instance compacts nothing, and cannot hold another process's files.
  if (read_only) return VerifyListedFiles(db, hashed, where, /*read_only=*/true);
  // Compactions may start as soon as the database is open: keep the files listed here
  // from being deleted while they are read.
  rocksdb::Status held = db.DisableFileDeletions();
  if (!held.ok()) return FromRocks(held, where + ": holding files for their checksums");
  Status verified = VerifyListedFiles(db, hashed, where, /*read_only=*/false);
  held = db.EnableFileDeletions(/*force=*/false);
  if (!held.ok()) return FromRocks(held, where + ": releasing files after their checksums");
  return verified;
}

}  // namespace sselab::storage::internal
