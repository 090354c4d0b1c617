#include "index/encrypted_index.h"

#include "base/bytes.h"
#include "base/files.h"
#include "crypto/key_file.h"
#include "index/build_staging.h"
#include "index/inverted.h"
#include "index/setup_protocol.h"
#include "storage/rocks_store.h"

namespace sselab::index {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kSchemeKey = "scheme";
constexpr std::string_view kParamsKey = "params";

fs::path ServerDir(const fs::path& dir) { return dir / "server"; }
fs::path ClientDir(const fs::path& dir) { return dir / "client"; }
fs::path MetaPath(const fs::path& dir) { return ClientDir(dir) / "meta.json"; }
fs::path DefaultKeyPath(const fs::path& dir) { return ClientDir(dir) / "key"; }

// Removes a file or directory tree when it goes out of scope, unless released.
class RemoveOnExit {
 public:
  explicit RemoveOnExit(fs::path path) : path_(std::move(path)) {}
  ~RemoveOnExit() {
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
  }
  RemoveOnExit(const RemoveOnExit&) = delete;
  RemoveOnExit& operator=(const RemoveOnExit&) = delete;
  void Release() { path_.clear(); }

 private:
  fs::path path_;
};

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
}

Status EncryptedIndex::Wire(const fs::path& server_dir, bool create, const StoreDecorator& decorate,
                            storage::RocksStoreOptions store_options) {
  store_options.create_if_missing = create;
  auto store = storage::OpenRocksStore(server_dir, store_options);
  if (!store.ok()) {
    if (store.error().code() == ErrorCode::kNotFound) {
      return CorruptionError("index " + dir_.string() + " has no server store at " +
                             server_dir.string());
    }
    return store.error();
  }
  rocks_ = std::move(store).value();
  if (decorate) decorated_ = decorate(*rocks_);
  store_ = decorated_ ? decorated_.get() : rocks_.get();
  SSELAB_RETURN_IF_ERROR(store_->CreateTable(kMetaTable, {.compress = true}));
  if (create) {
    storage::WriteBatch batch;
    batch.Put(kMetaTable, AsBytes(kSchemeKey), AsBytes(meta_.scheme));
    batch.Put(kMetaTable, AsBytes(kParamsKey), AsBytes(meta_.params.ToString()));
    SSELAB_RETURN_IF_ERROR(store_->Write(batch));
  } else {
    SSELAB_ASSIGN_OR_RETURN(auto scheme, store_->Get(kMetaTable, AsBytes(kSchemeKey)));
    if (!scheme.has_value() || AsChars(*scheme) != meta_.scheme) {
      return CorruptionError("server store " + server_dir.string() + " does not hold a '" +
                             meta_.scheme + "' index");
    }
  }
  SSELAB_ASSIGN_OR_RETURN(server_, entry_->new_server({meta_.params, *store_}));
  channel_ = std::make_unique<LocalChannel>(*server_);
  const crypto::SecretKey* key = key_.has_value() ? &*key_ : nullptr;
  SSELAB_ASSIGN_OR_RETURN(client_, entry_->new_client({meta_.params, key, *channel_}));
  return OkStatus();
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
  bool created_key = false;
  if (entry->info.needs_key) {
    SSELAB_ASSIGN_OR_RETURN(index->key_, KeyForNewIndex(options, created_key));
    index->meta_.key_check = crypto::KeyCheckValue(*index->key_);
  }
  auto key_guard = std::make_unique<RemoveOnExit>(created_key ? options.key_path : fs::path());
  index->dir_ = staging->path();
  SSELAB_RETURN_IF_ERROR(index->Wire(ServerDir(staging->path()), /*create=*/true,
                                     options.decorate_store, options.store_options));
  {
    // The client's inversion of the corpus spills (sealed) into its private directory.
    ScopedPostingSortOptions sort(
        {.spill_parent = staging->client_dir(), .memory_budget = options.sort_memory_budget});
    SSELAB_ASSIGN_OR_RETURN(index->meta_.stats, index->client_->Build(corpus, options.progress));
  }
  SSELAB_RETURN_IF_ERROR(index->store_->Flush());
  if (index->key_.has_value() && options.key_path.empty()) {
    SSELAB_RETURN_IF_ERROR(crypto::WriteKeyFile(DefaultKeyPath(staging->path()), *index->key_));
  }
  SSELAB_RETURN_IF_ERROR(
      WriteFileAtomically(MetaPath(staging->path()), IndexMetaToJson(index->meta_), 0600));

  // Close the store before moving its directory, then publish the index by rename.
  index->Close();
  SSELAB_RETURN_IF_ERROR(staging->Publish());
  key_guard->Release();
  index->dir_ = dir;
  SSELAB_RETURN_IF_ERROR(
      index->Wire(ServerDir(dir), /*create=*/false, options.decorate_store, options.store_options));
  return index;
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
  SSELAB_RETURN_IF_ERROR(index->Wire(ServerDir(options.dir), /*create=*/false,
                                     options.decorate_store, options.store_options));
  return index;
}

Result<std::vector<DocId>> EncryptedIndex::Search(std::string_view keyword) {
  SSELAB_RETURN_IF_ERROR(ValidateKeyword(keyword));
  return client_->Search(keyword);
}

Status EncryptedIndex::Insert(std::string_view keyword, DocId id) {
  SSELAB_RETURN_IF_ERROR(ValidateKeyword(keyword));
  return client_->Insert(keyword, id);
}

Status EncryptedIndex::Remove(std::string_view keyword, DocId id) {
  SSELAB_RETURN_IF_ERROR(ValidateKeyword(keyword));
  return client_->Remove(keyword, id);
}

IndexSizes EncryptedIndex::Sizes() const {
  return {DirectorySize(ServerDir(dir_)), DirectorySize(ClientDir(dir_))};
}

}  // namespace sselab::index
