// Whole-file checksums: the integrity check of point-lookup tables, whose hash-format
// files have no block checksums (storage/README.md, "Table layouts").
//
// RocksDB keeps a checksum of every table file in its MANIFEST (DBOptions::
// file_checksum_gen_factory, crc32c). Its own routines that read a file whole to compute
// one (at ingestion, in DB::VerifyFileChecksums) fail on a database opened for mmap reads,
// so sselab reads the files itself, with plain reads, through the same generator.
#ifndef SSELAB_STORAGE_INTERNAL_ROCKS_FILE_CHECKS_H_
#define SSELAB_STORAGE_INTERNAL_ROCKS_FILE_CHECKS_H_

#include <rocksdb/db.h>

#include <map>
#include <string>

#include "base/result.h"
#include "storage/store.h"

namespace sselab::storage::internal {

// The name under which the MANIFEST records the checksums FileChecksum() computes.
std::string FileChecksumName();

// The checksum of the file at `path`, as RocksDB's crc32c file checksum generator
// computes it. kIoError naming the file if it cannot be read.
Result<std::string> FileChecksum(const std::string& path);

// If any table of `tables` is a point-lookup table: checks every live file of such a
// table against the checksum the MANIFEST holds for it, reading each file whole.
// kCorruption, naming `where` and the file, for a file without a checksum or whose
// contents do not match it; kIoError if a file cannot be read. Reads nothing otherwise.
// `read_only`: `db` was opened read-only, maybe beside a writer; a listed file that the
// writer has compacted away since is skipped.
Status VerifyHashFormatFiles(rocksdb::DB& db, const std::map<std::string, TableOptions>& tables,
                             const std::string& where, bool read_only = false);

}  // namespace sselab::storage::internal

#endif  // SSELAB_STORAGE_INTERNAL_ROCKS_FILE_CHECKS_H_
