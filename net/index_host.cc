#include "net/index_host.h"

#include <optional>
#include <shared_mutex>
#include <utility>

#include "base/bytes.h"
#include "base/files.h"
#include "crypto/random.h"
#include "index/index_meta.h"
#include "index/message.h"
#include "index/setup_protocol.h"
#include "leakage/server_recorder.h"
#include "leakage/transcript_file.h"
#include "net/grants.h"
#include "net/internal/guarded_store.h"
#include "storage/redis_cluster_store.h"

namespace sselab::net {
namespace fs = std::filesystem;
namespace {

// Beside index::kMetaSchemeKey and kMetaParamsKey, which a local DIR/server holds too.
constexpr std::string_view kCreatedKey = "created_utc";
constexpr std::string_view kCreatingSuffix = ".creating";
constexpr std::string_view kDroppingSuffix = ".dropping";
// In an index's directory: its store is this namespace on a Redis Cluster.
constexpr std::string_view kClusterStoreFile = "store.json";

std::vector<std::string> SplitParams(std::string_view text) {
  std::vector<std::string> out;
  if (text == "-" || text.empty()) return out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    out.emplace_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::vector<std::string> ParamList(const index::Params& params) {
  std::vector<std::string> out;
  for (const auto& [k, v] : params.values()) out.push_back(k + "=" + v);
  return out;
}

Result<std::string> ReadMetaValue(storage::Store& store, std::string_view key,
                                  const fs::path& dir) {
  SSELAB_ASSIGN_OR_RETURN(auto value, store.Get(index::kMetaTable, AsBytes(key)));
  if (!value.has_value()) {
    return CorruptionError("index store " + dir.string() + " has no '" + std::string(key) +
                           "' in its meta table");
  }
  return std::string(AsChars(*value));
}

// RECORD/NAME.view, or NAME.2.view, NAME.3.view, ...: the first that does not exist.
fs::path FreeRecordPath(const fs::path& record_dir, const std::string& name) {
  fs::path path = record_dir / (name + ".view");
  for (int n = 2; fs::exists(path); ++n) {
    path = record_dir / (name + "." + std::to_string(n) + ".view");
  }
  return path;
}

}  // namespace

struct IndexHost::Hosted {
  std::string name;
  fs::path dir;
  std::string scheme;
  index::Params params;
  std::string created_utc;
  std::shared_mutex mu;  // shared: kRead requests; exclusive: the rest, and Drop
  bool dropped = false;  // under mu
  // Opened at the host's start with its setup incomplete: the entries a build uploaded
  // before the restart were held in the server's memory and are gone, so the build must
  // not go on (its commit would publish a partial index).
  bool upload_lost = false;
  std::unique_ptr<storage::Store> rocks;  // RocksDB in `dir`, or a cluster namespace
  std::optional<storage::RedisClusterStoreOptions> cluster;  // set: the store is on a cluster
  // Recording: the server's view of this index (its store() sits between guarded and
  // rocks), the file it goes to, and the first error recording met (then it is not
  // written: a view with holes would let the lab miss what is at rest).
  std::unique_ptr<leakage::ServerRecorder> recorder;
  fs::path record_path;
  Status record_error = OkStatus();
  std::unique_ptr<internal::GuardedStore> guarded;
  const index::SchemeEntry* entry = nullptr;
  std::unique_ptr<index::Server> server;
};

IndexHost::IndexHost(const index::Registry& registry, HostOptions options)
    : registry_(registry), options_(std::move(options)) {}

IndexHost::~IndexHost() {
  std::lock_guard lock(mu_);
  for (auto& [name, hosted] : indexes_) {
    std::unique_lock index_lock(hosted->mu);
    hosted->server.reset();
    hosted->guarded.reset();
    hosted->recorder.reset();
    hosted->rocks.reset();
  }
}

void IndexHost::Log(const std::string& line) const {
  if (options_.log) options_.log(line);
}

fs::path IndexHost::IndexesDir() const { return options_.data_dir / "indexes"; }

Result<std::unique_ptr<IndexHost>> IndexHost::Open(const index::Registry& registry,
                                                   HostOptions options) {
  std::unique_ptr<IndexHost> host(new IndexHost(registry, std::move(options)));
  const fs::path dir = host->IndexesDir();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return IoError("cannot create " + dir.string() + ": " + ec.message());
  fs::permissions(host->options_.data_dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (!host->options_.record_dir.empty()) {
    fs::create_directories(host->options_.record_dir, ec);
    if (ec) {
      return IoError("cannot create the record directory " + host->options_.record_dir.string() +
                     ": " + ec.message());
    }
    fs::permissions(host->options_.record_dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  }
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with('.')) {
      // What a create or drop that died left: never a published index.
      fs::remove_all(entry.path(), ec);
      continue;
    }
    names.push_back(name);
  }
  if (ec) return IoError("cannot list " + dir.string() + ": " + ec.message());
  for (const std::string& name : names) {
    SSELAB_ASSIGN_OR_RETURN(auto hosted, host->OpenIndex(name, /*at_start=*/true));
    host->indexes_.emplace(name, std::move(hosted));
  }
  return host;
}

Result<std::shared_ptr<IndexHost::Hosted>> IndexHost::OpenIndex(const std::string& name,
                                                                bool at_start) {
  auto hosted = std::make_shared<Hosted>();
  hosted->name = name;
  hosted->dir = IndexesDir() / name;
  auto cluster = index::ReadClusterStoreFile(hosted->dir / kClusterStoreFile);
  if (!cluster.ok()) return cluster.error().WithContext("index " + name);
  hosted->cluster = *cluster;
  storage::RocksStoreOptions store_options = options_.store_options;
  store_options.create_if_missing = false;
  auto store = hosted->cluster.has_value() ? storage::OpenRedisClusterStore(*hosted->cluster)
                                           : storage::OpenRocksStore(hosted->dir, store_options);
  if (!store.ok()) return store.error().WithContext("index " + name);
  hosted->rocks = std::move(store).value();
  SSELAB_ASSIGN_OR_RETURN(hosted->scheme,
                          ReadMetaValue(*hosted->rocks, index::kMetaSchemeKey, hosted->dir));
  SSELAB_ASSIGN_OR_RETURN(std::string params,
                          ReadMetaValue(*hosted->rocks, index::kMetaParamsKey, hosted->dir));
  auto created = ReadMetaValue(*hosted->rocks, kCreatedKey, hosted->dir);
  hosted->created_utc = created.ok() ? *created : "";
  auto entry = registry_.Find(hosted->scheme);
  if (!entry.ok()) return entry.error().WithContext("index " + name);
  auto parsed = index::Params::Parse(hosted->scheme, (*entry)->info.params, SplitParams(params));
  if (!parsed.ok()) return CorruptionError("index " + name + ": " + parsed.error().message());
  hosted->params = std::move(parsed).value();
  hosted->upload_lost = at_start && !index::CheckSetupComplete(*hosted->rocks).ok();
  storage::Store* below_guard = hosted->rocks.get();
  if (!options_.record_dir.empty()) {
    auto recorder =
        leakage::ServerRecorder::Create(*hosted->rocks, hosted->scheme, ParamList(hosted->params));
    if (!recorder.ok()) return recorder.error().WithContext("recording index " + name);
    hosted->recorder = std::move(recorder).value();
    below_guard = &hosted->recorder->store();
    hosted->record_path = FreeRecordPath(options_.record_dir, name);
  }
  hosted->guarded = std::make_unique<internal::GuardedStore>(*below_guard, "index " + name);
  hosted->entry = *entry;
  auto server = (*entry)->new_server({hosted->params, *hosted->guarded});
  if (!server.ok()) return server.error().WithContext("index " + name);
  hosted->server = std::move(server).value();
  return hosted;
}

Result<HostedIndexInfo> IndexHost::Create(std::string_view name, std::string_view scheme,
                                          const std::vector<std::string>& params) {
  if (!ValidIndexName(name)) {
    return InvalidArgumentError("invalid index name '" + std::string(name) +
                                "': use 1 to 64 of A-Z a-z 0-9 . _ -, not starting with '.'");
  }
  SSELAB_ASSIGN_OR_RETURN(const index::SchemeEntry* entry, registry_.Find(scheme));
  SSELAB_ASSIGN_OR_RETURN(index::Params parsed,
                          index::Params::Parse(scheme, entry->info.params, params));
  std::lock_guard lock(mu_);
  if (indexes_.contains(name)) {
    return AlreadyExistsError("the server already holds an index named '" + std::string(name) +
                              "'");
  }
  const fs::path staging = IndexesDir() / ("." + std::string(name) + std::string(kCreatingSuffix));
  std::error_code ec;
  fs::remove_all(staging, ec);
  {
    storage::RocksStoreOptions store_options = options_.store_options;
    store_options.create_if_missing = true;
    std::unique_ptr<storage::Store> store;
    if (options_.store.local()) {
      SSELAB_ASSIGN_OR_RETURN(store, storage::OpenRocksStore(staging, store_options));
    } else {
      // A namespace of its own on the cluster, named in the index's directory.
      SSELAB_ASSIGN_OR_RETURN(
          storage::RedisClusterStoreOptions cluster,
          index::ClusterStoreOptions(options_.store, HexEncode(crypto::RandomBytes(16))));
      fs::create_directories(staging, ec);
      fs::permissions(staging, fs::perms::owner_all, fs::perm_options::replace, ec);
      SSELAB_RETURN_IF_ERROR(index::WriteClusterStoreFile(staging / kClusterStoreFile, cluster));
      cluster.create_if_missing = true;
      SSELAB_ASSIGN_OR_RETURN(store, storage::OpenRedisClusterStore(cluster));
    }
    SSELAB_RETURN_IF_ERROR(store->CreateTable(index::kMetaTable, {.compress = true}));
    storage::WriteBatch batch;
    batch.Put(index::kMetaTable, AsBytes(index::kMetaSchemeKey), AsBytes(scheme));
    batch.Put(index::kMetaTable, AsBytes(index::kMetaParamsKey), AsBytes(parsed.ToString()));
    batch.Put(index::kMetaTable, AsBytes(kCreatedKey), AsBytes(index::UtcNow()));
    SSELAB_RETURN_IF_ERROR(store->Write(batch));
    SSELAB_RETURN_IF_ERROR(store->Flush());
  }
  const std::string key(name);
  fs::rename(staging, IndexesDir() / key, ec);
  if (ec) return IoError("cannot publish index " + key + ": " + ec.message());
  SSELAB_RETURN_IF_ERROR(SyncDirectory(IndexesDir()));
  SSELAB_ASSIGN_OR_RETURN(auto hosted, OpenIndex(key, /*at_start=*/false));
  HostedIndexInfo info = InfoOf(*hosted);
  indexes_.emplace(key, std::move(hosted));
  return info;
}

Status IndexHost::Drop(std::string_view name) {
  std::shared_ptr<Hosted> hosted;
  {
    std::lock_guard lock(mu_);
    auto it = indexes_.find(name);
    if (it == indexes_.end()) {
      return NotFoundError("the server holds no index named '" + std::string(name) + "'");
    }
    hosted = it->second;
    indexes_.erase(it);
  }
  std::unique_lock index_lock(hosted->mu);  // waits for the running requests
  hosted->dropped = true;
  Status saved = SaveRecording(*hosted);
  if (!saved.ok()) Log(saved.error().ToString());
  hosted->server.reset();
  hosted->guarded.reset();
  hosted->recorder.reset();
  hosted->rocks.reset();
  if (hosted->cluster.has_value()) {
    // The namespace first: a host that dies now still has the directory naming it.
    Status dropped = storage::DropRedisClusterStore(*hosted->cluster);
    if (!dropped.ok()) return dropped.error().WithContext("dropping index " + hosted->name);
  }
  const fs::path doomed = IndexesDir() / ("." + hosted->name + std::string(kDroppingSuffix));
  std::error_code ec;
  fs::rename(hosted->dir, doomed, ec);
  if (ec) return IoError("cannot drop index " + hosted->name + ": " + ec.message());
  SSELAB_RETURN_IF_ERROR(SyncDirectory(IndexesDir()));
  fs::remove_all(doomed, ec);
  return OkStatus();
}

Result<std::shared_ptr<IndexHost::Hosted>> IndexHost::Find(std::string_view name) {
  std::lock_guard lock(mu_);
  auto it = indexes_.find(name);
  if (it == indexes_.end()) {
    return NotFoundError("the server holds no index named '" + std::string(name) + "'");
  }
  return it->second;
}

HostedIndexInfo IndexHost::InfoOf(Hosted& hosted) {
  uint64_t server_bytes = DirectorySize(hosted.dir);
  if (hosted.cluster.has_value() && hosted.rocks != nullptr) {
    auto size = hosted.rocks->SizeOnDisk();
    server_bytes = size.ok() ? *size : 0;
  }
  return {.name = hosted.name,
          .scheme = hosted.scheme,
          .params = ParamList(hosted.params),
          .created_utc = hosted.created_utc,
          .server_bytes = server_bytes,
          .recording = hosted.recorder != nullptr};
}

Result<HostedIndexInfo> IndexHost::Describe(std::string_view name) {
  SSELAB_ASSIGN_OR_RETURN(auto hosted, Find(name));
  return InfoOf(*hosted);
}

std::vector<HostedIndexInfo> IndexHost::List() {
  std::vector<std::shared_ptr<Hosted>> all;
  {
    std::lock_guard lock(mu_);
    for (auto& [name, hosted] : indexes_) all.push_back(hosted);
  }
  std::vector<HostedIndexInfo> out;
  for (auto& hosted : all) out.push_back(InfoOf(*hosted));
  return out;
}

Result<Bytes> IndexHost::Call(std::string_view name, ByteView request, uint64_t operation,
                              const Authorize& authorize) {
  SSELAB_ASSIGN_OR_RETURN(auto hosted, Find(name));
  index::Access access;
  {
    std::shared_lock lock(hosted->mu);
    if (hosted->dropped) return NotFoundError("index '" + hosted->name + "' was dropped");
    access = hosted->server->AccessOf(request);
  }
  SSELAB_RETURN_IF_ERROR(authorize(access));
  if (access == index::Access::kRead && hosted->recorder == nullptr) {
    std::shared_lock lock(hosted->mu);
    if (hosted->dropped) return NotFoundError("index '" + hosted->name + "' was dropped");
    internal::ReadOnlyScope read_only;
    return index::EncodeReply(hosted->server->Handle(request));
  }
  std::unique_lock lock(hosted->mu);
  if (hosted->dropped) return NotFoundError("index '" + hosted->name + "' was dropped");
  if (access == index::Access::kSetup && hosted->upload_lost) {
    return FailedPreconditionError(
        "index '" + hosted->name +
        "' was being built when the server restarted, and the entries uploaded before are "
        "lost: drop it and build it again");
  }
  std::optional<internal::ReadOnlyScope> read_only;
  if (access == index::Access::kRead) read_only.emplace();
  Bytes frame = index::EncodeReply(hosted->server->Handle(request));
  if (hosted->recorder != nullptr) {
    Status recorded =
        hosted->recorder->Record(operation, hosted->server->PurposeOf(request), request, frame);
    if (!recorded.ok() && hosted->record_error.ok()) {
      hosted->record_error = recorded.error().WithContext("index " + hosted->name);
      Log(hosted->record_error.error().ToString() + "; its recording will not be written");
    }
  }
  return frame;
}

Status IndexHost::AbandonSetup(std::string_view name) {
  SSELAB_ASSIGN_OR_RETURN(auto hosted, Find(name));
  std::unique_lock lock(hosted->mu);
  if (hosted->dropped || index::CheckSetupComplete(*hosted->rocks).ok()) return OkStatus();
  // The upload is held by the scheme server's setup receiver: a new server starts empty.
  hosted->server.reset();
  auto server = hosted->entry->new_server({hosted->params, *hosted->guarded});
  if (!server.ok()) return server.error().WithContext("index " + hosted->name);
  hosted->server = std::move(server).value();
  Log("index " + hosted->name + ": an unfinished build was abandoned; its upload is discarded");
  return OkStatus();
}

Status IndexHost::Flush(std::string_view name) {
  SSELAB_ASSIGN_OR_RETURN(auto hosted, Find(name));
  std::shared_lock lock(hosted->mu);
  if (hosted->dropped) return NotFoundError("index '" + hosted->name + "' was dropped");
  SSELAB_RETURN_IF_ERROR(hosted->rocks->Flush());
  Status saved = SaveRecording(*hosted);
  if (!saved.ok()) Log(saved.error().ToString());
  return OkStatus();
}

Result<Bytes> IndexHost::EncodedRecording(Hosted& hosted) {
  if (hosted.recorder == nullptr) {
    return FailedPreconditionError(
        "this server does not record what it sees (start `sselab serve` with --record DIR)");
  }
  if (!hosted.record_error.ok()) return hosted.record_error.error();
  return leakage::EncodeView(hosted.recorder->view());
}

Status IndexHost::SaveRecording(Hosted& hosted) {
  if (hosted.recorder == nullptr) return OkStatus();
  SSELAB_ASSIGN_OR_RETURN(Bytes encoded, EncodedRecording(hosted));
  Status written = WriteFileAtomically(hosted.record_path, AsChars(encoded), 0600);
  if (!written.ok()) return written.error().WithContext("recording of index " + hosted.name);
  Log("recording of index " + hosted.name + " (" +
      std::to_string(hosted.recorder->view().ops.size()) + " operations) written to " +
      hosted.record_path.string());
  return OkStatus();
}

Result<Bytes> IndexHost::Recording(std::string_view name) {
  SSELAB_ASSIGN_OR_RETURN(auto hosted, Find(name));
  std::shared_lock lock(hosted->mu);
  if (hosted->dropped) return NotFoundError("index '" + hosted->name + "' was dropped");
  return EncodedRecording(*hosted);
}

Status IndexHost::SaveRecordings() {
  if (options_.record_dir.empty()) return OkStatus();
  std::vector<std::shared_ptr<Hosted>> all;
  {
    std::lock_guard lock(mu_);
    for (auto& [name, hosted] : indexes_) all.push_back(hosted);
  }
  Status first = OkStatus();
  for (auto& hosted : all) {
    std::shared_lock lock(hosted->mu);
    if (hosted->dropped) continue;
    Status saved = SaveRecording(*hosted);
    if (!saved.ok() && first.ok()) first = saved;
  }
  return first;
}

}  // namespace sselab::net
