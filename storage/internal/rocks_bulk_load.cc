#include "storage/internal/rocks_bulk_load.h"

#include <rocksdb/env.h>
#include <rocksdb/sst_file_writer.h>

#include <cstdio>
#include <memory>
#include <system_error>

#include "storage/internal/checks.h"
#include "storage/internal/rocks_status.h"

namespace sselab::storage::internal {

Result<std::vector<std::string>> WriteSstFiles(const rocksdb::Options& options,
                                               rocksdb::ColumnFamilyHandle* family,
                                               std::string_view table,
                                               const std::filesystem::path& dir,
                                               EntrySource& source, uint64_t roll_bytes,
                                               const TableOptions& table_options) {
  const std::string context = "bulk load into table '" + std::string(table) + "'";
  std::vector<std::string> files;
  std::unique_ptr<rocksdb::SstFileWriter> writer;
  uint64_t file_bytes = 0;
  AscendingKeyCheck order(table);
  Entry entry;
  while (true) {
    SSELAB_ASSIGN_OR_RETURN(const bool more, source.Next(entry));
    if (!more) break;
    SSELAB_RETURN_IF_ERROR(order.Next(entry.key));
    SSELAB_RETURN_IF_ERROR(ValidateKey(table, table_options, entry.key));
    if (writer == nullptr) {
      // Opened lazily: RocksDB refuses to finish an SST file without entries.
      char name[32];
      std::snprintf(name, sizeof(name), "%06zu.sst", files.size() + 1);
      files.push_back((dir / name).string());
      writer =
          std::make_unique<rocksdb::SstFileWriter>(rocksdb::EnvOptions(options), options, family);
      const rocksdb::Status s = writer->Open(files.back());
      if (!s.ok()) return FromRocks(s, context + ": creating " + files.back());
    }
    const rocksdb::Status s = writer->Put(ToSlice(entry.key), ToSlice(entry.value));
    if (!s.ok()) return FromRocks(s, context + ": writing " + files.back());
    file_bytes += entry.key.size() + entry.value.size();
    if (file_bytes >= roll_bytes) {
      const rocksdb::Status f = writer->Finish();
      if (!f.ok()) return FromRocks(f, context + ": finishing " + files.back());
      writer.reset();
      file_bytes = 0;
    }
  }
  if (writer != nullptr) {
    const rocksdb::Status f = writer->Finish();
    if (!f.ok()) return FromRocks(f, context + ": finishing " + files.back());
  }
  return files;
}

Result<LoadPrefix> ReadLoadPrefix(std::string_view table, const TableOptions& table_options,
                                  EntrySource& source, uint64_t max_bytes) {
  LoadPrefix prefix;
  AscendingKeyCheck order(table);
  uint64_t bytes = 0;
  while (bytes <= max_bytes) {
    Entry entry;
    SSELAB_ASSIGN_OR_RETURN(const bool more, source.Next(entry));
    if (!more) {
      prefix.complete = true;
      break;
    }
    SSELAB_RETURN_IF_ERROR(order.Next(entry.key));
    SSELAB_RETURN_IF_ERROR(ValidateKey(table, table_options, entry.key));
    bytes += entry.key.size() + entry.value.size();
    prefix.entries.push_back(std::move(entry));
  }
  return prefix;
}

ScopedDirRemover::~ScopedDirRemover() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
  std::filesystem::remove(dir_.parent_path(), ec);  // only succeeds if now empty
}

}  // namespace sselab::storage::internal
