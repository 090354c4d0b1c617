// The key schema of RedisClusterStore (storage/README.md, "Key schema" under
// "RedisClusterStore"): the names of a store's keys, how a table's entries split into
// buckets, how a table's record reads, and the Lua scripts that run inside one bucket.
#ifndef SSELAB_STORAGE_REDIS_KEY_SCHEMA_H_
#define SSELAB_STORAGE_REDIS_KEY_SCHEMA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "storage/store.h"

namespace sselab::storage::redis {

// The value of a namespace's marker key: it holds a store of this format.
inline constexpr std::string_view kStoreMagic = "sselab-store v1";

// "sselab:{NS}:store", "sselab:{NS}:tables": the marker and the table registry (a hash).
std::string MarkerKey(std::string_view ns);
std::string RegistryKey(std::string_view ns);
// "sselab:{NS:TABLE:b}", followed by ":h" (entries), ":z" (keys, ordered), ":l" (a load's
// staged entries): one hash tag, so one slot, for all three.
std::string BucketTag(std::string_view ns, std::string_view table, uint32_t bucket);

// 1 to 64 characters of [A-Za-z0-9._-].
bool ValidNamespace(std::string_view ns);

// What the registry records of a table.
struct TableInfo {
  TableOptions options;
  uint32_t buckets = 0;
};
// "buckets=B compress=0|1 bloom=N point=N".
std::string EncodeTableInfo(const TableInfo& t);
// nullopt unless every field is there, once, and in range.
std::optional<TableInfo> DecodeTableInfo(std::string_view text);
// The bucket of `key`: FNV-1a 64 of the key, modulo the table's buckets.
uint32_t BucketOf(const TableInfo& t, ByteView key);

// Lua, run by EVAL with KEYS = a bucket's keys (Redis runs a script alone, and replicates
// its effects as one unit):
// kWriteScript: KEYS h, z; ARGV = op, key, value, ... ('p' put, 'e' erase), in order.
// kScanScript: KEYS h, z; ARGV = ZRANGEBYLEX min, max, limit; returns key, value, ...
// kCommitScript: KEYS l, h, z; moves a load's staged entries in, deletes l.
extern const std::string_view kWriteScript;
extern const std::string_view kScanScript;
extern const std::string_view kCommitScript;

}  // namespace sselab::storage::redis

#endif  // SSELAB_STORAGE_REDIS_KEY_SCHEMA_H_
