#include "index/encrypted_index.h"

#include "base/bytes.h"
#include "base/files.h"
#include "crypto/key_file.h"
#include "crypto/random.h"
#include "index/build_staging.h"
#include "index/inverted.h"
#include "index/operation.h"
#include "index/setup_protocol.h"
#include "storage/rocks_store.h"

namespace sselab::index {
namespace fs = std::filesystem;
namespace {

fs::path ServerDir(const fs::path& dir) { return dir / "server"; }
fs::path ClientDir(const fs::path& dir) { return dir / "client"; }
fs::path MetaPath(const fs::path& dir) { return ClientDir(dir) / "meta.json"; }
fs::path DefaultKeyPath(const fs::path& dir) { return ClientDir(dir) / "key"; }
fs::path StateDir(const fs::path& dir) { return ClientDir(dir) / "state"; }

// The client-state store's record of the index it belongs to.
constexpr std::string_view kStateOwnerTable = "owner";
constexpr std::string_view kStateOwnerKey = "index_id";

// The key for a new index: read from `key_path` if it exists, else generated (and, for a
// custom path, written there at once; `created` reports that).
Result<crypto::SecretKey> KeyForNewIndex(const CreateOptions& options, bool& created) {
  created = false;
  if (!options.key_path.empty()) {
    if (PathIsWithin(options.key_path, ServerDir(options.dir))) {
      return InvalidArgumentError(
          "key file " + options.key_path.string() + " would lie inside the server directory " +
          ServerDir(options.dir).string() + "; the server must never hold the key");
    }
    std::error_code ec;
    if (fs::exists(options.key_path, ec)) return crypto::ReadKeyFile(options.key_path);
  }
  crypto::SecretKey key = crypto::SecretKey::Generate(crypto::kMasterKeySize);
  if (!options.key_path.empty()) {
    SSELAB_RETURN_IF_ERROR(crypto::WriteKeyFile(options.key_path, key));
    created = true;
  }
  return key;
}

// Drops a remote index when it goes out of scope, unless released: a failed build leaves
// nothing on the server either.
class DropOnExit {
 public:
  explicit DropOnExit(RemoteServer* remote) : remote_(remote) {}
  ~DropOnExit() {
    if (remote_ != nullptr) (void)remote_->DropIndex();
  }
  DropOnExit(const DropOnExit&) = delete;
  DropOnExit& operator=(const DropOnExit&) = delete;
  void Release() { remote_ = nullptr; }

 private:
  RemoteServer* remote_;
};

// Drops a new index's namespace on a Redis Cluster when it goes out of scope, unless
// released: a failed build leaves nothing on the cluster either.
class DropClusterStoreOnExit {
 public:
  explicit DropClusterStoreOnExit(std::optional<storage::RedisClusterStoreOptions> options)
      : options_(std::move(options)) {}
  ~DropClusterStoreOnExit() {
    if (options_.has_value()) (void)storage::DropRedisClusterStore(*options_);
  }
  DropClusterStoreOnExit(const DropClusterStoreOnExit&) = delete;
  DropClusterStoreOnExit& operator=(const DropClusterStoreOnExit&) = delete;
  void Release() { options_.reset(); }

 private:
  std::optional<storage::RedisClusterStoreOptions> options_;
};

}  // namespace

EncryptedIndex::~EncryptedIndex() { Close(); }

void EncryptedIndex::Close() {
  // The client may still talk to the server while being destroyed; the stores go last.
  client_.reset();
  channel_.reset();
  server_.reset();
  store_ = nullptr;
  decorated_.reset();
  rocks_.reset();
  state_ = nullptr;
  state_decorated_.reset();
  state_rocks_.reset();
}

Status EncryptedIndex::OpenState(const fs::path& dir, bool create, const StoreDecorator& decorate) {
  const fs::path state_dir = StateDir(dir);
  auto store = storage::OpenRocksStore(state_dir, {.create_if_missing = create,
                                                   .block_cache_bytes = 16ULL << 20,
                                                   .write_buffer_bytes = 16ULL << 20,
                                                   .background_threads = 1,
                                                   .read_only = read_only_});
  if (!store.ok()) {
    if (store.error().code() == ErrorCode::kNotFound) {
      return CorruptionError("index " + dir_.string() + " has no client state at " +
                             state_dir.string() + " (scheme " + meta_.scheme + " keeps one)");
    }
    return store.error().WithContext("client state");
  }
  state_rocks_ = std::move(store).value();
  if (decorate) state_decorated_ = decorate(*state_rocks_);
  state_ = state_decorated_ ? state_decorated_.get() : state_rocks_.get();
  SSELAB_RETURN_IF_ERROR(state_->CreateTable(kStateOwnerTable, {}));
  if (create) {
    SSELAB_RETURN_IF_ERROR(
        state_->Put(kStateOwnerTable, AsBytes(kStateOwnerKey), AsBytes(meta_.index_id)));
    return state_->Sync();
  }
  SSELAB_ASSIGN_OR_RETURN(auto owner, state_->Get(kStateOwnerTable, AsBytes(kStateOwnerKey)));
  if (!owner.has_value() || AsChars(*owner) != meta_.index_id) {
    return CorruptionError(
        "client state " + state_dir.string() + " belongs to another index (its owner record " +
        (owner.has_value() ? "is " + std::string(AsChars(*owner)) : std::string("is missing")) +
        ", this index is " + meta_.index_id + ")");
  }
  return OkStatus();
}

Status EncryptedIndex::Wire(const fs::path& dir, bool create, const StoreDecorator& decorate,
                            const StoreDecorator& decorate_state,
                            storage::RocksStoreOptions store_options) {
  if (remote_ != nullptr) {
    if (entry_->info.client_state) SSELAB_RETURN_IF_ERROR(OpenState(dir, create, decorate_state));
    SSELAB_ASSIGN_OR_RETURN(channel_, remote_->NewChannel());
    return WireClient(dir, create);
  }
  const fs::path server_dir = ServerDir(dir);
  store_options.create_if_missing = create;
  store_options.read_only = read_only_;
  Result<std::unique_ptr<storage::Store>> store = [&] {
    if (!cluster_.has_value()) return storage::OpenRocksStore(server_dir, store_options);
    storage::RedisClusterStoreOptions cluster = *cluster_;
    cluster.create_if_missing = create;
    cluster.read_only = read_only_;
    return storage::OpenRedisClusterStore(cluster);
  }();
  if (!store.ok()) {
    if (store.error().code() == ErrorCode::kNotFound) {
      return CorruptionError(
          "index " + dir_.string() + " has no server store" +
          (cluster_.has_value() ? ": " + store.error().message() : " at " + server_dir.string()));
    }
    return store.error();
  }
  rocks_ = std::move(store).value();
  if (decorate) decorated_ = decorate(*rocks_);
  store_ = decorated_ ? decorated_.get() : rocks_.get();
  SSELAB_RETURN_IF_ERROR(store_->CreateTable(kMetaTable, {.compress = true}));
  if (create) {
    storage::WriteBatch batch;
    batch.Put(kMetaTable, AsBytes(kMetaSchemeKey), AsBytes(meta_.scheme));
    batch.Put(kMetaTable, AsBytes(kMetaParamsKey), AsBytes(meta_.params.ToString()));
    SSELAB_RETURN_IF_ERROR(store_->Write(batch));
  } else {
    SSELAB_ASSIGN_OR_RETURN(auto scheme, store_->Get(kMetaTable, AsBytes(kMetaSchemeKey)));
    if (!scheme.has_value() || AsChars(*scheme) != meta_.scheme) {
      return CorruptionError("server store " + server_dir.string() + " does not hold a '" +
                             meta_.scheme + "' index");
    }
  }
  if (entry_->info.client_state) SSELAB_RETURN_IF_ERROR(OpenState(dir, create, decorate_state));
  SSELAB_ASSIGN_OR_RETURN(server_, entry_->new_server({meta_.params, *store_}));
  channel_ = std::make_unique<LocalChannel>(*server_);
  return WireClient(dir, create);
}

Status EncryptedIndex::WireClient(const fs::path& dir, bool create) {
  const crypto::SecretKey* key = key_.has_value() ? &*key_ : nullptr;
  SSELAB_ASSIGN_OR_RETURN(client_, entry_->new_client({meta_.params, key, *channel_, state_}));
  if (!create) {
    OperationScope operation;
    Status recovered = client_->Recover();
    if (!recovered.ok()) {
      return recovered.error().WithContext("completing the update interrupted in " + dir.string());
    }
  }
  return OkStatus();
}

Status EncryptedIndex::WriteMeta() const {
  return WriteFileAtomically(MetaPath(dir_), IndexMetaToJson(meta_), 0600);
}

Result<std::unique_ptr<EncryptedIndex>> EncryptedIndex::Create(const Registry& registry,
                                                               const CreateOptions& options,
                                                               DocumentSource& corpus) {
  SSELAB_ASSIGN_OR_RETURN(const SchemeEntry* entry, registry.Find(options.scheme));
  SSELAB_ASSIGN_OR_RETURN(Params params,
                          Params::Parse(options.scheme, entry->info.params, options.params));
  SSELAB_ASSIGN_OR_RETURN(const fs::path dir, NormalizeIndexDirectory(options.dir));
  // Before anything else: what a build of DIR that died left behind holds index data.
  SSELAB_RETURN_IF_ERROR(RemoveStaleStaging(dir));
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    return AlreadyExistsError(options.dir.string() +
                              " already exists; remove it or choose another directory");
  }
  if (!entry->info.needs_key && !options.key_path.empty()) {
    return InvalidArgumentError("scheme " + options.scheme + " uses no key; drop --key");
  }

  // Declared before the index, so that on error the index's store closes before its
  // directory is removed.
  SSELAB_ASSIGN_OR_RETURN(std::unique_ptr<BuildStaging> staging, BuildStaging::Begin(dir));
  std::unique_ptr<EncryptedIndex> index(new EncryptedIndex());
  index->entry_ = entry;
  index->meta_.scheme = options.scheme;
  index->meta_.params = std::move(params);
  index->meta_.created_utc = UtcNow();
  index->meta_.index_id = HexEncode(crypto::RandomBytes(16));
  bool created_key = false;
  if (entry->info.needs_key) {
    SSELAB_ASSIGN_OR_RETURN(index->key_, KeyForNewIndex(options, created_key));
    index->meta_.key_check = crypto::KeyCheckValue(*index->key_);
  }
  auto key_guard = std::make_unique<RemoveOnExit>(created_key ? options.key_path : fs::path());
  std::unique_ptr<DropClusterStoreOnExit> cluster_guard;
  if (!options.store.local()) {
    if (options.remote != nullptr) {
      return InvalidArgumentError(
          "a store URI and a remote server exclude each other: the remote server chooses its "
          "own store");
    }
    SSELAB_ASSIGN_OR_RETURN(index->cluster_,
                            ClusterStoreOptions(options.store, index->meta_.index_id));
    SSELAB_RETURN_IF_ERROR(WriteServerStoreConfig(staging->path(), *index->cluster_));
    cluster_guard = std::make_unique<DropClusterStoreOnExit>(index->cluster_);
  }
  index->dir_ = staging->path();
  index->remote_ = options.remote;
  std::unique_ptr<DropOnExit> remote_guard;
  if (options.remote != nullptr) {
    SSELAB_RETURN_IF_ERROR(options.remote->CreateIndex(options.scheme, index->meta_.params));
    remote_guard = std::make_unique<DropOnExit>(options.remote.get());
    SSELAB_RETURN_IF_ERROR(
        WriteFileAtomically(RemoteConfigPath(staging->path()), options.remote->ConfigJson(), 0600));
  }
  OperationScope build;  // the wiring's messages, if any, and the build's: one operation
  SSELAB_RETURN_IF_ERROR(index->Wire(staging->path(), /*create=*/true, options.decorate_store,
                                     options.decorate_state, options.store_options));
  {
    // The client's inversion of the corpus spills (sealed) into its private directory.
    ScopedPostingSortOptions sort(
        {.spill_parent = staging->client_dir(), .memory_budget = options.sort_memory_budget});
    SSELAB_ASSIGN_OR_RETURN(index->meta_.stats, index->client_->Build(corpus, options.progress));
  }
  SSELAB_RETURN_IF_ERROR(index->Flush());
  if (index->key_.has_value() && options.key_path.empty()) {
    SSELAB_RETURN_IF_ERROR(crypto::WriteKeyFile(DefaultKeyPath(staging->path()), *index->key_));
  }
  SSELAB_RETURN_IF_ERROR(index->WriteMeta());

  // Close the store before moving its directory, then publish the index by rename.
  index->Close();
  SSELAB_RETURN_IF_ERROR(staging->Publish());
  key_guard->Release();
  if (remote_guard != nullptr) remote_guard->Release();
  if (cluster_guard != nullptr) cluster_guard->Release();
  index->dir_ = dir;
  SSELAB_RETURN_IF_ERROR(index->Wire(dir, /*create=*/false, options.decorate_store,
                                     options.decorate_state, options.store_options));
  return index;
}

Status EncryptedIndex::Drop(const Registry& registry, const fs::path& dir) {
  SSELAB_ASSIGN_OR_RETURN(const IndexMeta meta, ReadMeta(registry, dir));
  SSELAB_ASSIGN_OR_RETURN(const SchemeEntry* entry, registry.Find(meta.scheme));
  std::error_code ec;
  if (fs::exists(RemoteConfigPath(dir), ec)) {
    return FailedPreconditionError("the index at " + dir.string() +
                                   " is served by a remote server: `sselab remote drop --db " +
                                   dir.string() + "` removes its server half");
  }
  SSELAB_ASSIGN_OR_RETURN(const auto cluster, ReadServerStoreConfig(dir));
  {
    // Taking the stores' locks proves no process has the index open.
    const storage::RocksStoreOptions probe{
        .block_cache_bytes = 1 << 20, .write_buffer_bytes = 1 << 20, .background_threads = 1};
    std::unique_ptr<storage::Store> server, state;
    if (!cluster.has_value() && fs::exists(ServerDir(dir), ec)) {
      SSELAB_ASSIGN_OR_RETURN(server, storage::OpenRocksStore(ServerDir(dir), probe));
    }
    if (entry->info.client_state && fs::exists(StateDir(dir), ec)) {
      SSELAB_ASSIGN_OR_RETURN(state, storage::OpenRocksStore(StateDir(dir), probe));
    }
    if (cluster.has_value()) {
      Status dropped = storage::DropRedisClusterStore(*cluster);
      if (!dropped.ok())
        return dropped.error().WithContext("dropping the index at " + dir.string());
    }
  }
  fs::remove_all(dir, ec);
  if (ec) return IoError("cannot remove " + dir.string() + ": " + ec.message());
  return OkStatus();
}

fs::path EncryptedIndex::RemoteConfigPath(const fs::path& dir) {
  return ClientDir(dir) / "remote.json";
}

Result<IndexMeta> EncryptedIndex::ReadMeta(const Registry& registry, const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return NotFoundError("no index at " + dir.string());
  Result<std::string> text = ReadFileToString(MetaPath(dir), 1 << 20);
  if (!text.ok()) {
    if (text.error().code() == ErrorCode::kNotFound) {
      return NotFoundError(dir.string() + " is not an sselab index (no " + MetaPath(dir).string() +
                           ")");
    }
    return text.error();
  }
  return ParseIndexMeta(registry, *text, MetaPath(dir));
}

Result<std::unique_ptr<EncryptedIndex>> EncryptedIndex::Open(const Registry& registry,
                                                             const OpenOptions& options) {
  std::unique_ptr<EncryptedIndex> index(new EncryptedIndex());
  SSELAB_ASSIGN_OR_RETURN(index->meta_, ReadMeta(registry, options.dir));
  SSELAB_ASSIGN_OR_RETURN(index->entry_, registry.Find(index->meta_.scheme));
  index->dir_ = options.dir;
  std::error_code ec;
  const bool is_remote = fs::exists(RemoteConfigPath(options.dir), ec);
  if (is_remote && options.remote == nullptr) {
    return FailedPreconditionError("the index at " + options.dir.string() +
                                   " is served by a remote server (" +
                                   RemoteConfigPath(options.dir).string() +
                                   "); open it through the network client (net/remote.h)");
  }
  if (!is_remote && options.remote != nullptr) {
    return InvalidArgumentError("the index at " + options.dir.string() + " is local (it has no " +
                                RemoteConfigPath(options.dir).string() + ")");
  }
  if (is_remote) {
    SSELAB_RETURN_IF_ERROR(options.remote->CheckIndex(index->meta_.scheme));
    index->remote_ = options.remote;
  }
  SSELAB_ASSIGN_OR_RETURN(index->cluster_, ReadServerStoreConfig(options.dir));
  index->read_only_ = options.search_only && !index->entry_->info.search_writes;
  if (index->entry_->info.needs_key) {
    fs::path key_path = options.key_path.empty() ? DefaultKeyPath(options.dir) : options.key_path;
    SSELAB_ASSIGN_OR_RETURN(index->key_, crypto::ReadKeyFile(key_path));
    if (crypto::KeyCheckValue(*index->key_) != index->meta_.key_check) {
      return WrongKeyError("key file " + key_path.string() + " does not belong to the index at " +
                           options.dir.string() + " (key check mismatch)");
    }
  } else if (!options.key_path.empty()) {
    return InvalidArgumentError("scheme " + index->meta_.scheme + " uses no key; drop --key");
  }
  SSELAB_RETURN_IF_ERROR(index->Wire(options.dir, /*create=*/false, options.decorate_store,
                                     options.decorate_state, options.store_options));
  return index;
}

Result<std::vector<DocId>> EncryptedIndex::Search(std::string_view keyword) {
  SSELAB_RETURN_IF_ERROR(ValidateKeyword(keyword));
  OperationScope operation;
  return client_->Search(keyword);
}

Result<std::vector<DocId>> EncryptedIndex::Search(const Query& query) {
  // Of() again: a Query built by hand may repeat a term or hold an invalid one.
  SSELAB_ASSIGN_OR_RETURN(Query q, Query::Of(query.terms));
  OperationScope operation;
  if (q.terms.size() == 1) return client_->Search(q.terms[0]);
  return client_->SearchConjunction(q.terms);
}

Status EncryptedIndex::CheckWritable(std::string_view what) const {
  if (!read_only_) return OkStatus();
  return FailedPreconditionError("cannot " + std::string(what) + ": the index at " + dir_.string() +
                                 " was opened for searching only (its stores are read-only)");
}

Status EncryptedIndex::Insert(std::string_view keyword, DocId id) {
  SSELAB_RETURN_IF_ERROR(CheckWritable("insert"));
  SSELAB_RETURN_IF_ERROR(ValidateKeyword(keyword));
  OperationScope operation;
  return client_->Insert(keyword, id);
}

Status EncryptedIndex::Remove(std::string_view keyword, DocId id) {
  SSELAB_RETURN_IF_ERROR(CheckWritable("remove"));
  SSELAB_RETURN_IF_ERROR(ValidateKeyword(keyword));
  OperationScope operation;
  return client_->Remove(keyword, id);
}

Status EncryptedIndex::UpdateBatch(UpdateKind kind, std::span<const Document> docs) {
  SSELAB_RETURN_IF_ERROR(CheckWritable(UpdateKindName(kind)));
  for (const Document& doc : docs) {
    for (const std::string& keyword : doc.keywords) {
      Status valid = ValidateKeyword(keyword);
      if (!valid.ok()) return valid.error().WithContext("document " + std::to_string(doc.id));
    }
  }
  OperationScope operation;
  return client_->Update(kind, docs);
}

Result<UpdateStats> EncryptedIndex::Update(UpdateKind kind, DocumentSource& docs,
                                           const UpdateOptions& options) {
  const Capabilities& caps = entry_->info.capabilities;
  if (kind == UpdateKind::kAdd && !caps.dynamic) {
    return UnsupportedError("scheme " + meta_.scheme + " is static: it cannot add documents " +
                            "after the build; rebuild the index with the new corpus");
  }
  if (kind == UpdateKind::kRemove && !caps.deletions) {
    return UnsupportedError("scheme " + meta_.scheme + " cannot remove entries" +
                            (caps.dynamic ? " (it only adds)" : " (it is static)"));
  }
  SSELAB_RETURN_IF_ERROR(CheckWritable(UpdateKindName(kind)));
  UpdateStats stats;
  std::vector<Document> batch;
  uint64_t batch_pairs = 0;
  auto flush = [&]() -> Status {
    if (batch.empty()) return OkStatus();
    SSELAB_RETURN_IF_ERROR(UpdateBatch(kind, batch));
    stats.documents += batch.size();
    stats.pairs += batch_pairs;
    ++stats.batches;
    ++meta_.updates.batches;
    (kind == UpdateKind::kAdd ? meta_.updates.added_pairs : meta_.updates.removed_pairs) +=
        batch_pairs;
    SSELAB_RETURN_IF_ERROR(WriteMeta());
    if (options.progress) options.progress(UpdateKindName(kind), stats.documents);
    batch.clear();
    batch_pairs = 0;
    return OkStatus();
  };
  Document doc;
  while (true) {
    SSELAB_ASSIGN_OR_RETURN(bool more, docs.Next(doc));
    if (!more) break;
    batch_pairs += doc.keywords.size();
    batch.push_back(std::move(doc));
    doc = {};
    if (batch_pairs >= std::max<uint64_t>(options.batch_pairs, 1)) {
      SSELAB_RETURN_IF_ERROR(flush());
    }
  }
  SSELAB_RETURN_IF_ERROR(flush());
  return stats;
}

Status EncryptedIndex::Flush() {
  SSELAB_RETURN_IF_ERROR(remote_ != nullptr ? remote_->Flush() : store_->Flush());
  if (state_ != nullptr) SSELAB_RETURN_IF_ERROR(state_->Flush());
  return OkStatus();
}

IndexSizes EncryptedIndex::Sizes() const {
  const uint64_t state = entry_->info.client_state ? DirectorySize(StateDir(dir_)) : 0;
  uint64_t live = 0;
  if (state_ != nullptr) {
    for (const std::string& table : state_->Tables()) {
      (void)state_->Scan(table, {}, [&](ByteView k, ByteView v) {
        live += k.size() + v.size();
        return true;
      });
    }
  }
  uint64_t server = DirectorySize(ServerDir(dir_));
  if (cluster_.has_value() && store_ != nullptr) {
    Result<uint64_t> cluster_bytes = store_->SizeOnDisk();
    server = cluster_bytes.ok() ? *cluster_bytes : 0;
  }
  if (remote_ != nullptr) {
    Result<uint64_t> remote_bytes = remote_->ServerBytes();
    server = remote_bytes.ok() ? *remote_bytes : 0;
  }
  return {server, DirectorySize(ClientDir(dir_)), state, live};
}

}  // namespace sselab::index
