#include "storage/rocks_store.h"

#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/metadata.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <system_error>
#include <vector>

#include "storage/internal/checks.h"
#include "storage/internal/rocks_bulk_load.h"
#include "storage/internal/rocks_file_checks.h"
#include "storage/internal/rocks_options.h"
#include "storage/internal/rocks_status.h"

namespace sselab::storage {
namespace {

namespace fs = std::filesystem;
using internal::FromRocks;
using internal::FromSlice;
using internal::ToSlice;

// Bulk loads stage their SST files under <dir>/<kTempDirName>/load-<n>/; TempDirectory().
constexpr const char* kTempDirName = "sselab_tmp";
// A point-lookup table takes a bulk load of at most this many bytes of keys and values,
// and at most half its own size, through the memtable (RocksStore::BulkLoad).
constexpr uint64_t kMemtableLoadBytes = 16ULL << 20;

class RocksStore final : public Store {
 public:
  RocksStore(fs::path dir, internal::RocksOptions options, rocksdb::DB* db,
             const std::vector<rocksdb::ColumnFamilyHandle*>& handles,
             const std::map<std::string, TableOptions>& table_options, bool read_only)
      : dir_(std::move(dir)),
        where_("store " + dir_.string()),
        options_(std::move(options)),
        db_(db),
        read_only_(read_only) {
    for (rocksdb::ColumnFamilyHandle* handle : handles) {
      if (handle->GetName() == rocksdb::kDefaultColumnFamilyName) {
        default_ = handle;
      } else {
        auto it = table_options.find(handle->GetName());
        tables_.emplace(handle->GetName(),
                        Table{handle, it == table_options.end() ? TableOptions{} : it->second});
      }
    }
  }

  ~RocksStore() override {
    for (auto& [name, table] : tables_) (void)db_->DestroyColumnFamilyHandle(table.handle);
    (void)db_->DestroyColumnFamilyHandle(default_);
    (void)db_->Close();  // waits for background work; nothing to report it to
    delete db_;
  }

  Status CreateTable(std::string_view table, const TableOptions& options) override {
    SSELAB_RETURN_IF_ERROR(internal::ValidateTableName(table));
    SSELAB_RETURN_IF_ERROR(internal::ValidateTableOptions(table, options));
    std::unique_lock lock(mu_);
    if (tables_.contains(table)) return OkStatus();
    if (read_only_) {
      return FailedPreconditionError(Where("creating table", table) +
                                     ": the store is open read-only");
    }
    rocksdb::ColumnFamilyHandle* handle = nullptr;
    const rocksdb::Status s =
        db_->CreateColumnFamily(options_.ForTable(options), std::string(table), &handle);
    // The column family can exist even when persisting its options failed afterwards.
    if (handle != nullptr) tables_.emplace(std::string(table), Table{handle, options});
    if (!s.ok()) return FromRocks(s, Where("creating table", table));
    return OkStatus();
  }

  bool HasTable(std::string_view table) const override {
    std::shared_lock lock(mu_);
    return tables_.contains(table);
  }

  std::vector<std::string> Tables() const override {
    std::shared_lock lock(mu_);
    std::vector<std::string> names;
    for (const auto& entry : tables_) names.push_back(entry.first);
    return names;  // std::map keeps them sorted
  }

  Result<TableOptions> Options(std::string_view table) const override {
    SSELAB_ASSIGN_OR_RETURN(const Table t, Find(table));
    return t.options;
  }

  Result<std::optional<Bytes>> Get(std::string_view table, ByteView key) override {
    SSELAB_ASSIGN_OR_RETURN(const Table t, Find(table));
    if (!internal::CanHold(t.options, key)) return std::optional<Bytes>();
    rocksdb::PinnableSlice value;
    const rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), t.handle, ToSlice(key), &value);
    if (s.IsNotFound()) return std::optional<Bytes>();
    if (!s.ok()) return FromRocks(s, Where("get from table", table));
    return std::optional<Bytes>(ToBytes(FromSlice(value)));
  }

  Result<std::vector<std::optional<Bytes>>> MultiGet(std::string_view table,
                                                     std::span<const ByteView> keys) override {
    SSELAB_ASSIGN_OR_RETURN(const Table t, Find(table));
    // Keys the table cannot hold are answered here; the others go in one MultiGet.
    std::vector<size_t> asked;
    std::vector<rocksdb::Slice> slices;
    asked.reserve(keys.size());
    slices.reserve(keys.size());
    for (size_t i = 0; i < keys.size(); ++i) {
      if (!internal::CanHold(t.options, keys[i])) continue;
      asked.push_back(i);
      slices.push_back(ToSlice(keys[i]));
    }
    std::vector<rocksdb::PinnableSlice> values(slices.size());
    std::vector<rocksdb::Status> statuses(slices.size());
    db_->MultiGet(rocksdb::ReadOptions(), t.handle, slices.size(), slices.data(), values.data(),
                  statuses.data());
    std::vector<std::optional<Bytes>> out(keys.size());
    for (size_t j = 0; j < slices.size(); ++j) {
      if (statuses[j].IsNotFound()) continue;
      if (!statuses[j].ok()) return FromRocks(statuses[j], Where("multi-get from table", table));
      out[asked[j]] = ToBytes(FromSlice(values[j]));
    }
    return out;
  }

  Status Put(std::string_view table, ByteView key, ByteView value) override {
    SSELAB_ASSIGN_OR_RETURN(const Table t, Find(table));
    SSELAB_RETURN_IF_ERROR(internal::ValidateKey(table, t.options, key));
    const rocksdb::Status s =
        db_->Put(rocksdb::WriteOptions(), t.handle, ToSlice(key), ToSlice(value));
    if (!s.ok()) return FromRocks(s, Where("put into table", table));
    return OkStatus();
  }

  Status Erase(std::string_view table, ByteView key) override {
    SSELAB_ASSIGN_OR_RETURN(const Table t, Find(table));
    rocksdb::ColumnFamilyHandle* handle = t.handle;
    const rocksdb::Status s = db_->Delete(rocksdb::WriteOptions(), handle, ToSlice(key));
    if (!s.ok()) return FromRocks(s, Where("erase from table", table));
    return OkStatus();
  }

  Status Write(const WriteBatch& batch) override {
    if (batch.empty()) return OkStatus();
    rocksdb::WriteBatch rocks_batch;
    for (const WriteBatch::Op* op_in_order : InKeyOrder(batch)) {
      const WriteBatch::Op& op = *op_in_order;
      SSELAB_ASSIGN_OR_RETURN(const Table t, Find(op.table));
      if (op.kind == WriteBatch::Kind::kPut) {
        SSELAB_RETURN_IF_ERROR(internal::ValidateKey(op.table, t.options, op.key));
      }
      const rocksdb::Status s = op.kind == WriteBatch::Kind::kPut
                                    ? rocks_batch.Put(t.handle, ToSlice(op.key), ToSlice(op.value))
                                    : rocks_batch.Delete(t.handle, ToSlice(op.key));
      if (!s.ok()) return FromRocks(s, Where("building a batch for table", op.table));
    }
    const rocksdb::Status s = db_->Write(rocksdb::WriteOptions(), &rocks_batch);
    if (!s.ok()) return FromRocks(s, where_ + ": writing a batch");
    return OkStatus();
  }

  // The batch's operations sorted by (table, key), those on one key in batch order, which
  // leaves the batch's effect unchanged. The memtable is a skip list that starts each
  // insert from where the previous one ended, so inserts in key order search less than
  // inserts in the random order of keyed-hash keys: an update batch's client state (some
  // 60 000 counters at 10^7 entries) took Diana from 162 000 to 172 000 pairs/s.
  static std::vector<const WriteBatch::Op*> InKeyOrder(const WriteBatch& batch) {
    std::vector<const WriteBatch::Op*> ops;
    ops.reserve(batch.ops().size());
    for (const WriteBatch::Op& op : batch.ops()) ops.push_back(&op);
    std::stable_sort(ops.begin(), ops.end(), [](const WriteBatch::Op* a, const WriteBatch::Op* b) {
      if (a->table != b->table) return a->table < b->table;
      return internal::CompareBytes(a->key, b->key) < 0;
    });
    return ops;
  }

  Status Scan(std::string_view table, ByteView prefix, const ScanVisitor& visit) override {
    SSELAB_ASSIGN_OR_RETURN(const Table t, Find(table));
    rocksdb::ColumnFamilyHandle* handle = t.handle;
    rocksdb::ReadOptions read;
    // A point-lookup table's prefix extractor spans the whole key: seek in total order.
    read.total_order_seek = true;
    // Scan prefixes vary per scheme: an upper bound lets RocksDB stop at the end of the
    // prefix range, the comparison below is the definitive stop.
    const std::optional<Bytes> end = internal::PrefixSuccessor(prefix);
    rocksdb::Slice end_slice;
    if (end.has_value()) {
      end_slice = ToSlice(*end);
      read.iterate_upper_bound = &end_slice;
    }
    // RocksDB's cuckoo files seek only to keys of their full length: a point-lookup table
    // seeks to the smallest key of its length that starts with the prefix.
    Bytes start = ToBytes(prefix);
    if (const uint32_t length = t.options.point_lookup_key_bytes; length > 0) {
      if (start.size() > length) return OkStatus();  // no key of the table is that long
      start.resize(length, 0);
    }
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, handle));
    for (it->Seek(ToSlice(start)); it->Valid(); it->Next()) {
      const ByteView key = FromSlice(it->key());
      if (!internal::StartsWith(key, prefix)) break;
      if (!visit(key, FromSlice(it->value()))) break;
    }
    if (!it->status().ok()) return FromRocks(it->status(), Where("scanning table", table));
    return OkStatus();
  }

  Status BulkLoad(std::string_view table, EntrySource& sorted) override {
    SSELAB_ASSIGN_OR_RETURN(const Table t, Find(table));
    if (t.options.point_lookup_key_bytes == 0) return LoadFiles(table, t, sorted);
    // A file ingested into a hash table costs RocksDB a sort of every hash file it may
    // overlap (its level assignment iterates them, and a cuckoo iterator sorts its file's
    // keys first): a load that is small against the table goes through the memtable.
    rocksdb::ColumnFamilyMetaData meta;
    db_->GetColumnFamilyMetaData(t.handle, &meta);
    SSELAB_ASSIGN_OR_RETURN(
        internal::LoadPrefix prefix,
        internal::ReadLoadPrefix(table, t.options, sorted,
                                 std::min<uint64_t>(meta.size / 2, kMemtableLoadBytes)));
    if (!prefix.complete) {
      internal::ReplaySource all(std::move(prefix.entries), sorted);
      return LoadFiles(table, t, all);
    }
    rocksdb::WriteBatch batch;
    for (const Entry& e : prefix.entries) {
      const rocksdb::Status s = batch.Put(t.handle, ToSlice(e.key), ToSlice(e.value));
      if (!s.ok()) return FromRocks(s, Where("building a load for table", table));
    }
    const rocksdb::Status s = db_->Write(rocksdb::WriteOptions(), &batch);
    if (!s.ok()) return FromRocks(s, Where("writing a load into table", table));
    return OkStatus();
  }

  fs::path TempDirectory() const override { return dir_ / kTempDirName; }

  // RocksDB ingests sorted files only, and a loaded file that overlaps nothing stays as
  // it is in the last level: a point-lookup table rewrites itself in its hash format
  // (a compaction, whose output follows ForTable()) when the load was at least half of
  // it, as a build's load is. Smaller loads (update batches) are rewritten by RocksDB's
  // own compactions in due course; until then their lookups take the sorted path. The
  // rewrite costs at most twice the bytes loaded, summed over all loads.
  Status RewriteInHashFormat(std::string_view table, rocksdb::ColumnFamilyHandle* handle,
                             uint64_t loaded_bytes) {
    rocksdb::ColumnFamilyMetaData meta;
    db_->GetColumnFamilyMetaData(handle, &meta);
    if (2 * loaded_bytes < meta.size) return OkStatus();
    rocksdb::CompactRangeOptions compact;
    compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
    const rocksdb::Status s = db_->CompactRange(compact, handle, nullptr, nullptr);
    if (!s.ok()) return FromRocks(s, Where("rewriting in its hash format the table", table));
    return OkStatus();
  }

  Result<uint64_t> SizeOnDisk() override {
    uint64_t total = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code size_ec;  // a file compacted away meanwhile just counts as gone
      if (it->is_regular_file(size_ec)) {
        const uintmax_t size = it->file_size(size_ec);
        if (!size_ec) total += size;
      }
    }
    if (ec) return IoError(where_ + ": listing files: " + ec.message());
    return total;
  }

  Status Flush() override {
    if (read_only_) return OkStatus();  // nothing of its own to flush
    std::vector<rocksdb::ColumnFamilyHandle*> handles = {default_};
    {
      std::shared_lock lock(mu_);
      for (const auto& entry : tables_) handles.push_back(entry.second.handle);
    }
    rocksdb::FlushOptions flush;
    flush.wait = true;
    rocksdb::Status s = db_->Flush(flush, handles);
    if (!s.ok()) return FromRocks(s, where_ + ": flushing");
    return Sync();
  }

  Status Sync() override {
    if (read_only_) return OkStatus();
    const rocksdb::Status s = db_->SyncWAL();
    if (!s.ok()) return FromRocks(s, where_ + ": syncing the write-ahead log");
    return OkStatus();
  }

 private:
  struct Table {
    rocksdb::ColumnFamilyHandle* handle;  // lives until the destructor
    TableOptions options;
  };

  // BulkLoad through sorted files, ingested.
  Status LoadFiles(std::string_view table, const Table& t, EntrySource& sorted) {
    const fs::path staging = dir_ / kTempDirName / ("load-" + std::to_string(++bulk_loads_));
    internal::ScopedDirRemover remover(staging);
    std::error_code ec;
    fs::create_directories(staging, ec);
    if (ec) return IoError(where_ + ": creating " + staging.string() + ": " + ec.message());
    rocksdb::Options writer = db_->GetOptions(t.handle);
    writer.table_factory = options_.ForSortedFiles(t.options);
    SSELAB_ASSIGN_OR_RETURN(const std::vector<std::string> files,
                            internal::WriteSstFiles(writer, t.handle, table, staging, sorted,
                                                    internal::kSstFileBytes, t.options));
    if (files.empty()) return OkStatus();
    // One call for all files: RocksDB commits them in one version edit, all or nothing.
    // Their checksums go with them (rocks_file_checks.h says why they are computed here).
    rocksdb::IngestExternalFileArg ingest;
    ingest.column_family = t.handle;
    ingest.external_files = files;
    ingest.options.move_files = true;
    ingest.options.verify_file_checksum = false;  // they were just computed from the files
    uint64_t loaded_bytes = 0;
    for (const std::string& file : files) {
      SSELAB_ASSIGN_OR_RETURN(std::string checksum, internal::FileChecksum(file));
      ingest.files_checksums.push_back(std::move(checksum));
      ingest.files_checksum_func_names.push_back(internal::FileChecksumName());
      loaded_bytes += fs::file_size(file, ec);
    }
    const rocksdb::Status s = db_->IngestExternalFiles({ingest});
    if (!s.ok()) return FromRocks(s, Where("ingesting a bulk load into table", table));
    if (t.options.point_lookup_key_bytes > 0) {
      SSELAB_RETURN_IF_ERROR(RewriteInHashFormat(table, t.handle, loaded_bytes));
    }
    return OkStatus();
  }

  Result<Table> Find(std::string_view table) const {
    std::shared_lock lock(mu_);
    auto it = tables_.find(table);
    if (it == tables_.end()) {
      return NotFoundError("table '" + std::string(table) + "' does not exist in " + where_);
    }
    return it->second;
  }

  std::string Where(std::string_view what, std::string_view table) const {
    return where_ + ": " + std::string(what) + " '" + std::string(table) + "'";
  }

  const fs::path dir_;
  const std::string where_;  // "store <dir>", the prefix of every error message
  const internal::RocksOptions options_;
  rocksdb::DB* const db_;
  const bool read_only_;
  rocksdb::ColumnFamilyHandle* default_ = nullptr;
  mutable std::shared_mutex mu_;  // guards tables_
  std::map<std::string, Table, std::less<>> tables_;
  std::atomic<uint64_t> bulk_loads_{0};
};

}  // namespace

Result<std::unique_ptr<Store>> OpenRocksStore(const fs::path& dir,
                                              const RocksStoreOptions& options) {
  SSELAB_RETURN_IF_ERROR(internal::ValidateRocksStoreOptions(options));
  const std::string name = dir.string();
  std::error_code ec;
  // RocksDB reports a missing database as kInvalidArgument; check for it first.
  const bool exists = fs::exists(dir / "CURRENT", ec);
  if (!exists && (!options.create_if_missing || options.read_only)) {
    return NotFoundError("no store at " + name);
  }
  if (!exists) {
    fs::create_directories(dir, ec);
    if (ec) return IoError("store " + name + ": creating the directory: " + ec.message());
  }

  internal::RocksOptions rocks(options, name);
  const rocksdb::DBOptions db_options = rocks.ForDb();
  std::vector<std::string> families = {rocksdb::kDefaultColumnFamilyName};
  std::map<std::string, TableOptions> table_options;
  if (exists) {
    const rocksdb::Status s = rocksdb::DB::ListColumnFamilies(db_options, name, &families);
    if (!s.ok()) return FromRocks(s, "store " + name + ": listing tables");
    SSELAB_ASSIGN_OR_RETURN(table_options, internal::LoadTableOptions(name));
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& family : families) {
    if (family == rocksdb::kDefaultColumnFamilyName) {
      descriptors.emplace_back(family, rocks.ForDefault());
    } else {
      // A table missing from the OPTIONS file (only after a crash mid-CreateTable) gets defaults.
      auto it = table_options.find(family);
      descriptors.emplace_back(
          family, rocks.ForTable(it == table_options.end() ? TableOptions{} : it->second));
    }
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  const rocksdb::Status s =
      options.read_only ? rocksdb::DB::OpenForReadOnly(db_options, name, descriptors, &handles, &db)
                        : rocksdb::DB::Open(db_options, name, descriptors, &handles, &db);
  if (!s.ok()) return FromRocks(s, "store " + name + ": opening");
  auto store = std::make_unique<RocksStore>(dir, std::move(rocks), db, handles, table_options,
                                            options.read_only);
  SSELAB_RETURN_IF_ERROR(
      internal::VerifyHashFormatFiles(*db, table_options, name, options.read_only));
  // Staging files of a load that crashed (a read-only store leaves them: they may be a
  // writer's, running).
  if (!options.read_only) fs::remove_all(dir / kTempDirName, ec);
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace sselab::storage
