#include "index/backup.h"

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "base/bytes.h"
#include "base/files.h"
#include "crypto/hash.h"
#include "index/build_staging.h"
#include "index/encrypted_index.h"
#include "index/index_meta.h"
#include "storage/rocks_store.h"

namespace sselab::index {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kManifest = "manifest.json";
constexpr std::string_view kServerDump = "server.dump";
constexpr std::string_view kMetaFile = "client/meta.json";
constexpr std::string_view kStateDump = "client/state.dump";
constexpr std::string_view kStoreFile = "client/store.json";
constexpr std::string_view kKeyFile = "client/key";

// Small stores for a backup's or a restore's own use: it reads or loads once.
storage::RocksStoreOptions OneShot(bool create) {
  return {.create_if_missing = create,
          .block_cache_bytes = 16ULL << 20,
          .write_buffer_bytes = 16ULL << 20,
          .background_threads = 1};
}

Result<BackupFile> Describe(const fs::path& root, std::string_view rel) {
  const fs::path path = root / rel;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return NotFoundError("backup " + root.string() + ": " + std::string(rel) + " is missing");
  crypto::Sha256Hasher hasher;
  std::vector<char> buf(1 << 20);
  uint64_t bytes = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = static_cast<size_t>(in.gcount());
    hasher.Update(ByteView(reinterpret_cast<const uint8_t*>(buf.data()), n));
    bytes += n;
  }
  const crypto::Digest256 digest = hasher.Finish();
  return BackupFile{std::string(rel), bytes, HexEncode(ByteView(digest.data(), digest.size()))};
}

Status CopyPrivate(const fs::path& from, const fs::path& to) {
  SSELAB_ASSIGN_OR_RETURN(const std::string data, ReadFileToString(from));
  return WriteFileAtomically(to, data, 0600);
}

std::string ManifestJson(const BackupManifest& m) {
  nlohmann::json j;
  j["format"] = m.format;
  j["created_utc"] = m.created_utc;
  j["index_id"] = m.index_id;
  j["scheme"] = m.scheme;
  j["source_store"] = m.source_store;
  j["client"] = m.client;
  j["key"] = m.key;
  j["files"] = nlohmann::json::array();
  for (const BackupFile& f : m.files) {
    j["files"].push_back({{"path", f.path}, {"bytes", f.bytes}, {"sha256", f.sha256}});
  }
  return j.dump(2) + "\n";
}

Result<BackupManifest> ParseManifest(const fs::path& path, const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto bad = [&](const std::string& why) {
    return CorruptionError("backup manifest " + path.string() + " is malformed: " + why);
  };
  if (!j.is_object()) return bad("not a JSON object");
  BackupManifest m;
  for (auto [name, field] :
       {std::pair{"format", &m.format}, std::pair{"created_utc", &m.created_utc},
        std::pair{"index_id", &m.index_id}, std::pair{"scheme", &m.scheme},
        std::pair{"source_store", &m.source_store}}) {
    if (!j.contains(name) || !j[name].is_string()) return bad(std::string("no ") + name);
    *field = j[name].get<std::string>();
  }
  if (m.format != kBackupFormat)
    return bad("format '" + m.format + "' is not " + std::string(kBackupFormat));
  if (!j.contains("client") || !j["client"].is_boolean() || !j.contains("key") ||
      !j["key"].is_boolean()) {
    return bad("no client/key flags");
  }
  m.client = j["client"].get<bool>();
  m.key = j["key"].get<bool>();
  if (!j.contains("files") || !j["files"].is_array()) return bad("no file list");
  for (const auto& f : j["files"]) {
    if (!f.is_object() || !f.contains("path") || !f["path"].is_string() || !f.contains("bytes") ||
        !f["bytes"].is_number_unsigned() || !f.contains("sha256") || !f["sha256"].is_string()) {
      return bad("a file entry lacks path, bytes or sha256");
    }
    BackupFile file{f["path"].get<std::string>(), f["bytes"].get<uint64_t>(),
                    f["sha256"].get<std::string>()};
    // Only the names a backup writes: a manifest cannot point outside its directory.
    if (file.path != kServerDump && file.path != kMetaFile && file.path != kStateDump &&
        file.path != kStoreFile && file.path != kKeyFile) {
      return bad("unknown file '" + file.path + "'");
    }
    m.files.push_back(std::move(file));
  }
  return m;
}

bool Lists(const BackupManifest& m, std::string_view rel) {
  for (const BackupFile& f : m.files) {
    if (f.path == rel) return true;
  }
  return false;
}

}  // namespace

Result<BackupSummary> BackupIndex(const Registry& registry, const BackupOptions& options) {
  if (options.with_key && !options.with_client) {
    return InvalidArgumentError("a backup with the key needs the client too (--with-client)");
  }
  SSELAB_ASSIGN_OR_RETURN(const IndexMeta meta, EncryptedIndex::ReadMeta(registry, options.db));
  SSELAB_ASSIGN_OR_RETURN(const SchemeEntry* entry, registry.Find(meta.scheme));
  std::error_code ec;
  if (fs::exists(EncryptedIndex::RemoteConfigPath(options.db), ec)) {
    return FailedPreconditionError("the index at " + options.db.string() +
                                   " is served by a remote server: its server half is not "
                                   "here to back up");
  }
  SSELAB_ASSIGN_OR_RETURN(const auto cluster, ReadServerStoreConfig(options.db));

  // The stores, opened for writing so that their locks keep updates out meanwhile.
  std::unique_ptr<storage::Store> server;
  if (cluster.has_value()) {
    SSELAB_ASSIGN_OR_RETURN(server, storage::OpenRedisClusterStore(*cluster));
  } else {
    SSELAB_ASSIGN_OR_RETURN(server, storage::OpenRocksStore(options.db / "server", OneShot(false)));
  }
  std::unique_ptr<storage::Store> state;
  if (entry->info.client_state) {
    SSELAB_ASSIGN_OR_RETURN(
        state, storage::OpenRocksStore(options.db / "client" / "state", OneShot(false)));
  }

  if (fs::exists(options.to, ec) || fs::is_symlink(options.to, ec)) {
    return AlreadyExistsError("backup " + options.to.string() + " already exists");
  }
  if (!fs::create_directory(options.to, ec)) {
    return IoError("cannot create " + options.to.string() + ": " + ec.message());
  }
  RemoveOnExit cleanup(options.to);
  fs::permissions(options.to, fs::perms::owner_all, fs::perm_options::replace, ec);

  BackupSummary summary;
  BackupManifest& m = summary.manifest;
  m.format = std::string(kBackupFormat);
  m.created_utc = UtcNow();
  m.index_id = meta.index_id;
  m.scheme = meta.scheme;
  m.source_store = cluster.has_value() ? ServerStoreConfigPath(options.db).string() : "embedded";
  if (cluster.has_value()) {
    std::string uri(storage::kRedisClusterScheme);
    for (size_t i = 0; i < cluster->cluster.seeds.size(); ++i) {
      uri += (i ? "," : "") + cluster->cluster.seeds[i].ToString();
    }
    m.source_store = uri;
  }
  std::vector<std::string> written;
  SSELAB_ASSIGN_OR_RETURN(summary.server, storage::DumpStore(*server, options.to / kServerDump));
  written.emplace_back(kServerDump);
  if (options.with_client) {
    m.client = true;
    fs::create_directory(options.to / "client", ec);
    fs::permissions(options.to / "client", fs::perms::owner_all, fs::perm_options::replace, ec);
    SSELAB_RETURN_IF_ERROR(CopyPrivate(options.db / kMetaFile, options.to / kMetaFile));
    written.emplace_back(kMetaFile);
    if (state != nullptr) {
      SSELAB_ASSIGN_OR_RETURN(summary.state, storage::DumpStore(*state, options.to / kStateDump));
      written.emplace_back(kStateDump);
    }
    if (cluster.has_value()) {
      SSELAB_RETURN_IF_ERROR(CopyPrivate(options.db / kStoreFile, options.to / kStoreFile));
      written.emplace_back(kStoreFile);
    }
    if (options.with_key) {
      m.key = true;
      const fs::path key = options.key_path.empty() ? options.db / kKeyFile : options.key_path;
      if (!fs::exists(key, ec)) {
        return NotFoundError("key file " + key.string() + " does not exist (--key names another)");
      }
      SSELAB_RETURN_IF_ERROR(CopyPrivate(key, options.to / kKeyFile));
      written.emplace_back(kKeyFile);
    }
  }
  for (const std::string& rel : written) {
    SSELAB_ASSIGN_OR_RETURN(BackupFile f, Describe(options.to, rel));
    m.files.push_back(std::move(f));
  }
  SSELAB_RETURN_IF_ERROR(WriteFileAtomically(options.to / kManifest, ManifestJson(m), 0600));
  SSELAB_RETURN_IF_ERROR(SyncDirectory(options.to));
  cleanup.Release();
  return summary;
}

Result<BackupManifest> VerifyBackup(const fs::path& backup) {
  const fs::path manifest = backup / kManifest;
  std::error_code ec;
  if (!fs::exists(manifest, ec)) {
    return NotFoundError(fs::is_directory(backup, ec)
                             ? "backup " + backup.string() +
                                   " has no manifest.json: it is incomplete (a backup writes "
                                   "its manifest last) or not a backup"
                             : "no backup at " + backup.string());
  }
  SSELAB_ASSIGN_OR_RETURN(const std::string text, ReadFileToString(manifest));
  SSELAB_ASSIGN_OR_RETURN(BackupManifest m, ParseManifest(manifest, text));
  if (!Lists(m, kServerDump)) {
    return CorruptionError("backup manifest " + manifest.string() + " lists no server.dump");
  }
  if (m.client != Lists(m, kMetaFile) || m.key != Lists(m, kKeyFile)) {
    return CorruptionError("backup manifest " + manifest.string() +
                           " does not list the files its flags say it holds");
  }
  for (const BackupFile& f : m.files) {
    auto actual = Describe(backup, f.path);
    if (!actual.ok()) return CorruptionError(actual.error().message());
    if (actual->bytes != f.bytes) {
      return CorruptionError("backup " + backup.string() + ": " + f.path + " has " +
                             std::to_string(actual->bytes) + " bytes, the manifest says " +
                             std::to_string(f.bytes) + " (truncated or altered)");
    }
    if (actual->sha256 != f.sha256) {
      return CorruptionError("backup " + backup.string() + ": " + f.path +
                             " does not match its SHA-256 in the manifest (damaged or altered)");
    }
  }
  return m;
}

namespace {

// Loads the backup's server dump into the store `config` names (a cluster namespace named
// by the index id) or into `server_dir`; for a cluster, writes the store file into
// `client_dir`. On error nothing is left on the cluster.
Result<storage::DumpCounts> RestoreServer(const fs::path& backup, const BackupManifest& m,
                                          const ServerStoreConfig& config,
                                          const fs::path& server_dir, const fs::path& client_dir) {
  if (config.local()) {
    SSELAB_ASSIGN_OR_RETURN(auto store, storage::OpenRocksStore(server_dir, OneShot(true)));
    SSELAB_ASSIGN_OR_RETURN(auto counts, storage::LoadStoreDump(backup / kServerDump, *store));
    SSELAB_RETURN_IF_ERROR(store->Flush());
    return counts;
  }
  SSELAB_ASSIGN_OR_RETURN(storage::RedisClusterStoreOptions cluster,
                          ClusterStoreOptions(config, m.index_id));
  {
    auto existing = storage::OpenRedisClusterStore(cluster);
    if (existing.ok()) {
      return AlreadyExistsError("the cluster already holds index " + m.index_id + " (namespace " +
                                m.index_id + "): drop it first or restore into DB/server");
    }
    if (existing.error().code() != ErrorCode::kNotFound) return existing.error();
  }
  cluster.create_if_missing = true;
  auto loaded = [&]() -> Result<storage::DumpCounts> {
    SSELAB_ASSIGN_OR_RETURN(auto store, storage::OpenRedisClusterStore(cluster));
    return storage::LoadStoreDump(backup / kServerDump, *store);
  }();
  if (loaded.ok()) {
    Status written = WriteServerStoreConfig(client_dir.parent_path(), cluster);
    if (written.ok()) return loaded;
    loaded = written.error();
  }
  (void)storage::DropRedisClusterStore(cluster);
  return loaded.error();
}

}  // namespace

Result<RestoreSummary> RestoreIndex(const Registry& registry, const RestoreOptions& options) {
  SSELAB_ASSIGN_OR_RETURN(BackupManifest m, VerifyBackup(options.from));
  SSELAB_ASSIGN_OR_RETURN(const SchemeEntry* entry, registry.Find(m.scheme));
  RestoreSummary summary;
  summary.manifest = m;
  std::error_code ec;
  if (m.client) {
    SSELAB_ASSIGN_OR_RETURN(const fs::path dir, NormalizeIndexDirectory(options.db));
    SSELAB_RETURN_IF_ERROR(RemoveStaleStaging(dir));
    if (fs::exists(dir, ec)) {
      return AlreadyExistsError(options.db.string() +
                                " already exists; restore into a new directory");
    }
    SSELAB_ASSIGN_OR_RETURN(std::unique_ptr<BuildStaging> staging, BuildStaging::Begin(dir));
    const fs::path client = staging->client_dir();
    fs::create_directories(client, ec);
    fs::permissions(client, fs::perms::owner_all, fs::perm_options::replace, ec);
    SSELAB_RETURN_IF_ERROR(CopyPrivate(options.from / kMetaFile, staging->path() / kMetaFile));
    // The meta must be this index's, and readable as one.
    SSELAB_ASSIGN_OR_RETURN(const IndexMeta meta,
                            EncryptedIndex::ReadMeta(registry, staging->path()));
    if (meta.index_id != m.index_id || meta.scheme != m.scheme) {
      return CorruptionError("backup " + options.from.string() +
                             ": its meta.json is of another index than its manifest");
    }
    if (Lists(m, kStateDump)) {
      SSELAB_ASSIGN_OR_RETURN(auto state, storage::OpenRocksStore(client / "state", OneShot(true)));
      SSELAB_ASSIGN_OR_RETURN(const storage::DumpCounts loaded,
                              storage::LoadStoreDump(options.from / kStateDump, *state));
      (void)loaded;
      SSELAB_RETURN_IF_ERROR(state->Flush());
    } else if (entry->info.client_state) {
      return CorruptionError("backup " + options.from.string() + " holds no client state, which " +
                             m.scheme + " keeps");
    }
    if (m.key) SSELAB_RETURN_IF_ERROR(CopyPrivate(options.from / kKeyFile, client / "key"));
    SSELAB_ASSIGN_OR_RETURN(summary.server, RestoreServer(options.from, m, options.store,
                                                          staging->path() / "server", client));
    Status published = staging->Publish();
    if (!published.ok()) {
      if (!options.store.local()) {
        auto cluster = ClusterStoreOptions(options.store, m.index_id);
        if (cluster.ok()) (void)storage::DropRedisClusterStore(*cluster);
      }
      return published.error();
    }
    summary.created_db = true;
    return summary;
  }

  // The server half alone, into an existing client directory of this index.
  SSELAB_ASSIGN_OR_RETURN(const IndexMeta meta, EncryptedIndex::ReadMeta(registry, options.db));
  if (meta.index_id != m.index_id) {
    return FailedPreconditionError("the index at " + options.db.string() + " is not the one " +
                                   "backed up in " + options.from.string() + " (index " +
                                   meta.index_id + ", the backup's " + m.index_id + ")");
  }
  if (fs::exists(options.db / "server", ec) || fs::exists(ServerStoreConfigPath(options.db), ec) ||
      fs::exists(EncryptedIndex::RemoteConfigPath(options.db), ec)) {
    return FailedPreconditionError("the index at " + options.db.string() +
                                   " already has a server store; restore into a new directory "
                                   "(with a backup made --with-client)");
  }
  const fs::path staging = options.db / ".server-restoring";
  fs::remove_all(staging, ec);
  RemoveOnExit cleanup(staging);
  SSELAB_ASSIGN_OR_RETURN(summary.server, RestoreServer(options.from, m, options.store, staging,
                                                        options.db / "client"));
  if (options.store.local()) {
    fs::rename(staging, options.db / "server", ec);
    if (ec) return IoError("cannot publish the restored store: " + ec.message());
    SSELAB_RETURN_IF_ERROR(SyncDirectory(options.db));
  }
  return summary;
}

}  // namespace sselab::index
