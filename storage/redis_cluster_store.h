// RedisClusterStore: a Store on a Redis Cluster, over TLS, for an index that outgrows one
// machine. storage/README.md ("RedisClusterStore") gives the key schema and why.
//
// Everything of one store lives under one namespace `ns` (an index's random id): keys
// "sselab:{ns}:..." for the store's own records and "sselab:{ns:TABLE:b}:..." for bucket b
// of a table. A table is split into `buckets` buckets by a hash of the key (FNV-1a 64);
// each bucket is a hash (key -> value) and a sorted set of its keys (all scores 0, so
// ZRANGEBYLEX gives them in bytewise order), under one hash tag, hence in one slot on one
// master. Get is one HGET, MultiGet one HMGET per bucket it touches, pipelined per node; a
// prefix scan asks every bucket of that table (not the whole cluster) for the keys in the
// prefix's range, in pages, and merges them in order.
//
// Atomicity. A Write is applied bucket by bucket, each bucket's operations by one Lua
// script (atomic, replicated as one unit). Across buckets it is not atomic: if the cluster
// fails beyond `retry_for` in the middle, some buckets hold the batch and the call fails.
// Argument errors (an unknown table, a key of the wrong length) are found before anything
// is sent, so they never leave part of a batch. Every sselab server writes under this rule
// correctly because a batch only puts entries under keys that are fresh PRF outputs (or
// erases or rewrites keys the same way every time): running a failed batch again completes
// it, and the client's crash rule (storage/README.md) runs it again before any other
// operation. A reader between the two sees part of an unacknowledged update, which the
// schemes already tolerate from a crash. A BulkLoad stages its entries beside each bucket
// and moves them in only after the whole stream was read and checked: an unsorted stream
// or a failing source loads nothing; a cluster failure during the final move can leave
// some buckets loaded (the same load, run again, completes it).
//
// Durability. Every write call returns only after each master it wrote to has confirmed it
// on `min_replicas` replicas (WAIT); with AOF on (everysec), what a master failure can lose
// is an acknowledged write whose replicas all fail too within that second. Flush and Sync
// have nothing more to do.
//
// Errors: as Store; kNotFound for a namespace that holds no store (without
// create_if_missing); kUnavailable when the cluster cannot complete a call within
// `retry_for` (an operation that may be retried as a whole); kPermissionDenied for a TLS
// refusal. Messages name the store as redis-cluster://SEEDS/NS and never hold key bytes.
// Thread safety: as Store: concurrent readers; writers serialized by the caller.
#ifndef SSELAB_STORAGE_REDIS_CLUSTER_STORE_H_
#define SSELAB_STORAGE_REDIS_CLUSTER_STORE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "storage/redis/cluster.h"
#include "storage/store.h"

namespace sselab::storage {

inline constexpr std::string_view kRedisClusterScheme = "redis-cluster://";

struct RedisClusterStoreOptions {
  redis::ClusterOptions cluster;
  // The store's namespace: 1 to 64 characters of [A-Za-z0-9._-].
  std::string ns;
  bool create_if_missing = false;
  // For readers beside a writer (as RocksStoreOptions::read_only): writes and new tables
  // are kFailedPrecondition, and opening leaves a running load's staged entries alone.
  bool read_only = false;
  // Buckets of a table created by this store (recorded with the table): more spread a table
  // over more masters, fewer make a prefix scan cheaper (it asks every bucket).
  uint32_t buckets = 64;
};

// "redis-cluster://HOST:PORT[,HOST:PORT...]" -> the seeds. kInvalidArgument, saying which
// part is wrong, for anything else.
Result<std::vector<redis::Endpoint>> ParseRedisClusterUri(std::string_view uri);

// Opens the store `options.ns` on the cluster (creating it if asked). Removes what a load
// that died left staged.
Result<std::unique_ptr<Store>> OpenRedisClusterStore(const RedisClusterStoreOptions& options);

// Removes every key of the namespace `options.ns`: the store and all its tables. A
// namespace that holds nothing is not an error.
Status DropRedisClusterStore(const RedisClusterStoreOptions& options);

}  // namespace sselab::storage

#endif  // SSELAB_STORAGE_REDIS_CLUSTER_STORE_H_
