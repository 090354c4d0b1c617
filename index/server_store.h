// Where an index's server half keeps its store: DIR/server, an embedded RocksDB (the
// default), or a namespace on a Redis Cluster (storage/redis_cluster_store.h), named by a
// URI. An index on a cluster records where in DIR/client/store.json, so that later opens
// need only DIR:
//   {"uri": "redis-cluster://HOST:PORT,...", "namespace": "<index id>",
//    "tls": {"cert": "...", "key": "...", "ca": "..."}}
// The file holds paths, not secrets: the TLS key stays in its own 0600 file.
#ifndef SSELAB_INDEX_SERVER_STORE_H_
#define SSELAB_INDEX_SERVER_STORE_H_

#include <filesystem>
#include <optional>
#include <string>

#include "base/result.h"
#include "base/tls_files.h"
#include "storage/redis_cluster_store.h"

namespace sselab::index {

struct ServerStoreConfig {
  // Empty: DIR/server. Otherwise "redis-cluster://HOST:PORT[,HOST:PORT...]".
  std::string uri;
  TlsFiles tls;  // the cluster's TLS files (--store-tls-cert, -key, -ca)
  // Buckets per table (RedisClusterStoreOptions::buckets); 0: the store's default.
  uint32_t buckets = 0;

  bool local() const { return uri.empty(); }
};

// The cluster store's options for an index with namespace `ns`: the URI parsed, TLS paths
// made absolute. kInvalidArgument for a URI that is not redis-cluster://.
Result<storage::RedisClusterStoreOptions> ClusterStoreOptions(const ServerStoreConfig& config,
                                                              const std::string& ns);

// The file that names a cluster store, for any holder of one: an index directory's
// DIR/client/store.json, a hosted index's DATA/indexes/NAME/store.json (net/index_host.h).
Status WriteClusterStoreFile(const std::filesystem::path& path,
                             const storage::RedisClusterStoreOptions& options);
// nullopt if `path` does not exist; kCorruption naming it if it is malformed.
Result<std::optional<storage::RedisClusterStoreOptions>> ReadClusterStoreFile(
    const std::filesystem::path& path);

std::filesystem::path ServerStoreConfigPath(const std::filesystem::path& dir);
// Writes DIR/client/store.json (0600) for `options`.
Status WriteServerStoreConfig(const std::filesystem::path& dir,
                              const storage::RedisClusterStoreOptions& options);
// nullopt for an index whose store is DIR/server (no store.json); kCorruption naming the
// file if it is malformed.
Result<std::optional<storage::RedisClusterStoreOptions>> ReadServerStoreConfig(
    const std::filesystem::path& dir);

}  // namespace sselab::index

#endif  // SSELAB_INDEX_SERVER_STORE_H_
