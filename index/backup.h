// Backups of an index, for both kinds of server store (index/server_store.h): the server's
// store as a dump (storage/store_dump.h), and, only when asked, the client's directory
// (its meta.json, its state as a dump, store.json) and, only when asked separately, the key.
//
//   BACKUP/               created with mode 0700; must not exist
//     server.dump         every table of the server's store (what the server holds anyway)
//     client/meta.json    --with-client
//     client/state.dump   --with-client, for a scheme with client state
//     client/store.json   --with-client, for an index whose store is on a Redis Cluster
//     client/key          --with-key (needs --with-client), mode 0600
//     manifest.json       written last: the index, the scheme, each file's size and SHA-256
//
// A backup is consistent when nothing updates the index while it runs: it holds the
// server store's lock (RocksDB) and the client state's lock, which keeps out every sselab
// process that would update the index, except updates of an index without client state
// whose store is a Redis Cluster (that store has no lock: do not run `index add` then).
// A restore checks the manifest and every file before it writes anything, and writes into
// a staging directory published by one rename: a damaged, truncated or incomplete backup
// is refused and leaves nothing behind.
#ifndef SSELAB_INDEX_BACKUP_H_
#define SSELAB_INDEX_BACKUP_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"
#include "index/registry.h"
#include "index/server_store.h"
#include "storage/store_dump.h"

namespace sselab::index {

inline constexpr std::string_view kBackupFormat = "sselab-backup 1";

struct BackupOptions {
  std::filesystem::path db;
  std::filesystem::path to;
  bool with_client = false;        // the client directory: meta, state, store.json
  bool with_key = false;           // the key too (requires with_client)
  std::filesystem::path key_path;  // with_key: where the key is, if not DB/client/key
};

struct BackupFile {
  std::string path;  // relative to the backup, e.g. "server.dump"
  uint64_t bytes = 0;
  std::string sha256;  // hex
};

struct BackupManifest {
  std::string format;
  std::string created_utc;
  std::string index_id;
  std::string scheme;
  std::string source_store;  // "embedded" or the cluster's URI
  bool client = false;
  bool key = false;
  std::vector<BackupFile> files;
};

struct BackupSummary {
  BackupManifest manifest;
  storage::DumpCounts server;
  storage::DumpCounts state;
};

// kNotFound for no index at DB; kFailedPrecondition for an index served by a remote server
// (its server half is not here to back up); kAlreadyExists if BACKUP exists; kIoError if a
// store is locked by a running process (the message says so). On error nothing is left
// at BACKUP.
Result<BackupSummary> BackupIndex(const Registry& registry, const BackupOptions& options);

// Reads BACKUP/manifest.json and checks every file it lists (present, same size, same
// SHA-256). kNotFound for a directory without a manifest (an incomplete backup, or none);
// kCorruption naming the file for a malformed manifest or a damaged, truncated or missing
// file.
Result<BackupManifest> VerifyBackup(const std::filesystem::path& backup);

struct RestoreOptions {
  std::filesystem::path from;
  std::filesystem::path db;
  // Where the restored server store goes: DB/server (default) or a Redis Cluster, in the
  // namespace of the index's id (which must not exist there).
  ServerStoreConfig store;
};

struct RestoreSummary {
  BackupManifest manifest;
  storage::DumpCounts server;
  bool created_db = false;  // the backup held the client: DB was created whole
};

// With a backup that holds the client directory, DB must not exist and is created whole.
// Without it, DB must be this index's client directory (same index id) with no server
// store: the server store alone is restored into it. Errors: as VerifyBackup; kAlreadyExists
// for DB (or the cluster namespace) already there; kFailedPrecondition for a DB of another
// index or one that already has a server store.
Result<RestoreSummary> RestoreIndex(const Registry& registry, const RestoreOptions& options);

}  // namespace sselab::index

#endif  // SSELAB_INDEX_BACKUP_H_
