#include "storage/internal/rocks_options.h"

#include <rocksdb/convenience.h>
#include <rocksdb/env.h>
#include <rocksdb/file_checksum.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/options_util.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <vector>

#include "storage/internal/checks.h"
#include "storage/internal/rocks_logger.h"
#include "storage/internal/rocks_status.h"

namespace sselab::storage::internal {
namespace {

// How ForTable() names its filter policy in the OPTIONS file ("bloomfilter:10:false").
constexpr std::string_view kBloomIdPrefix = "bloomfilter:";
// How ForTable() names a point-lookup table's prefix extractor ("rocksdb.FixedPrefix.32").
constexpr std::string_view kFixedPrefixIdPrefix = "rocksdb.FixedPrefix.";

}  // namespace

Status ValidateRocksStoreOptions(const RocksStoreOptions& options) {
  if (options.background_threads < 1) {
    return InvalidArgumentError("RocksStoreOptions.background_threads must be at least 1, got " +
                                std::to_string(options.background_threads));
  }
  if (options.write_buffer_bytes == 0) {
    return InvalidArgumentError("RocksStoreOptions.write_buffer_bytes must be positive");
  }
  return OkStatus();
}

RocksOptions::RocksOptions(const RocksStoreOptions& options, const std::string& dir)
    : options_(options),
      block_cache_(rocksdb::NewLRUCache(options.block_cache_bytes)),
      logger_(NewWarningLogger(dir + "/LOG")) {}

rocksdb::DBOptions RocksOptions::ForDb() const {
  rocksdb::DBOptions db;
  db.create_if_missing = options_.create_if_missing;
  db.create_missing_column_families = false;
  db.paranoid_checks = true;
  // A table's options live in the OPTIONS file: refuse to go on if it cannot be written.
  db.fail_if_options_file_error = true;
  db.max_background_jobs = options_.background_threads;
  // Only warnings and errors reach the info LOG, without RocksDB's options dump.
  db.info_log = logger_;
  db.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  db.stats_dump_period_sec = 0;
  db.stats_persist_period_sec = 0;
  // A point-lookup table's hash-format files are read through mmap (RocksDB's cuckoo
  // reader requires it), and they have no block checksums: a checksum of every file,
  // kept in the MANIFEST, is what OpenRocksStore verifies for them instead.
  db.allow_mmap_reads = true;
  db.file_checksum_gen_factory = rocksdb::GetFileChecksumGenCrc32cFactory();
  return db;
}

std::shared_ptr<rocksdb::TableFactory> RocksOptions::ForSortedFiles(
    const TableOptions& options) const {
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = block_cache_;
  const int bloom = options.point_lookup_key_bytes > 0 ? TableOptions{}.bloom_bits_per_key
                                                       : options.bloom_bits_per_key;
  if (bloom > 0) table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(bloom, false));
  return std::shared_ptr<rocksdb::TableFactory>(rocksdb::NewBlockBasedTableFactory(table));
}

rocksdb::ColumnFamilyOptions RocksOptions::ForTable(const TableOptions& options) const {
  rocksdb::ColumnFamilyOptions cf;
  cf.write_buffer_size = options_.write_buffer_bytes;
  cf.level_compaction_dynamic_level_bytes = true;
  // Encrypted values and PRF-output keys are incompressible: compressing them only costs CPU.
  cf.compression = options.compress ? PlaintextCompression() : rocksdb::kNoCompression;
  cf.bottommost_compression = rocksdb::kDisableCompressionOption;  // follow `compression`
  cf.table_factory = ForSortedFiles(options);
  if (options.point_lookup_key_bytes > 0) {
    // Flushes and compactions write cuckoo hash files (a lookup probes a few slots of one
    // mmapped file, no index search, no block cache); bulk loads ingest sorted files,
    // which the adaptive factory reads too.
    std::shared_ptr<rocksdb::TableFactory> cuckoo(
        rocksdb::NewCuckooTableFactory(rocksdb::CuckooTableOptions()));
    cf.table_factory.reset(
        rocksdb::NewAdaptiveTableFactory(cuckoo, cf.table_factory, nullptr, cuckoo));
    cf.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(options.point_lookup_key_bytes));
  }
  return cf;
}

rocksdb::ColumnFamilyOptions RocksOptions::ForDefault() const {
  TableOptions unused;
  unused.bloom_bits_per_key = 0;
  rocksdb::ColumnFamilyOptions cf = ForTable(unused);
  cf.write_buffer_size = std::min<uint64_t>(options_.write_buffer_bytes, 1 << 20);
  return cf;
}

rocksdb::CompressionType PlaintextCompression() {
  static const rocksdb::CompressionType kChosen = [] {
    const std::vector<rocksdb::CompressionType> supported = rocksdb::GetSupportedCompressions();
    for (rocksdb::CompressionType c :
         {rocksdb::kLZ4Compression, rocksdb::kZSTD, rocksdb::kSnappyCompression}) {
      if (std::find(supported.begin(), supported.end(), c) != supported.end()) return c;
    }
    return rocksdb::kNoCompression;
  }();
  return kChosen;
}

Result<TableOptions> TableOptionsFromRocks(const rocksdb::ColumnFamilyOptions& options) {
  TableOptions out;
  out.compress = options.compression != rocksdb::kNoCompression;
  if (options.prefix_extractor != nullptr) {
    const std::string id = options.prefix_extractor->GetId();
    uint32_t bytes = 0;
    const char* first = id.data() + kFixedPrefixIdPrefix.size();
    const char* last = id.data() + id.size();
    if (!id.starts_with(kFixedPrefixIdPrefix) ||
        std::from_chars(first, last, bytes).ec != std::errc() || bytes == 0 ||
        bytes > kMaxPointLookupKeyBytes) {
      return CorruptionError("unrecognized prefix extractor '" + id + "' in the OPTIONS file");
    }
    out.point_lookup_key_bytes = bytes;
    return out;  // bloom_bits_per_key: the default (see the header)
  }
  out.bloom_bits_per_key = 0;
  const auto* table = options.table_factory == nullptr
                          ? nullptr
                          : options.table_factory->GetOptions<rocksdb::BlockBasedTableOptions>();
  if (table == nullptr || table->filter_policy == nullptr) return out;
  const std::string id = table->filter_policy->GetId();
  double bits = 0;
  const char* first = id.data() + kBloomIdPrefix.size();
  const char* last = id.data() + id.size();
  if (!id.starts_with(kBloomIdPrefix) || std::from_chars(first, last, bits).ec != std::errc() ||
      bits <= 0 || bits > kMaxBloomBitsPerKey) {
    return CorruptionError("unrecognized filter policy '" + id + "' in the OPTIONS file");
  }
  out.bloom_bits_per_key = static_cast<int>(std::lround(bits));
  return out;
}

Result<std::map<std::string, TableOptions>> LoadTableOptions(const std::string& dir) {
  rocksdb::ConfigOptions config;
  config.ignore_unknown_options = true;
  config.env = rocksdb::Env::Default();
  rocksdb::DBOptions db;
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  const rocksdb::Status s = rocksdb::LoadLatestOptions(config, dir, &db, &families);
  std::map<std::string, TableOptions> out;
  if (s.IsNotFound()) return out;
  const std::string context = "store " + dir + ": reading table options from its OPTIONS file";
  if (s.IsIOError()) return FromRocks(s, context);
  if (!s.ok()) return CorruptionError(context + ": " + s.ToString());
  for (const rocksdb::ColumnFamilyDescriptor& family : families) {
    if (family.name == rocksdb::kDefaultColumnFamilyName) continue;
    auto options = TableOptionsFromRocks(family.options);
    if (!options.ok())
      return options.error().WithContext(context + ", table '" + family.name + "'");
    out.emplace(family.name, *options);
  }
  return out;
}

}  // namespace sselab::storage::internal
