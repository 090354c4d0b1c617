// EncryptedIndex: the façade most users need — a client, its channel and a local server
// over an index directory.
//
// Directory layout of an index DIR:
//   DIR/server/           the server's RocksDB store: all the server holds at rest
//   DIR/client/meta.json  scheme, parameters, key check value, build statistics
//   DIR/client/key        the master key (mode 0600) unless --key put it elsewhere
// The key never lives under DIR/server. A build happens in a hidden sibling directory
// (index/build_staging.h) that is renamed to DIR only when complete, so a failed or
// interrupted build leaves no directory that opens as an index; what a killed build leaves
// there is removed by the next build of DIR. Nothing of a build goes outside DIR's
// parent: the client's sort spills are sealed, in the staging client/ directory (0700),
// and the server's stay in its store's directory.
#ifndef SSELAB_INDEX_ENCRYPTED_INDEX_H_
#define SSELAB_INDEX_ENCRYPTED_INDEX_H_

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "crypto/secret_key.h"
#include "index/channel.h"
#include "index/client.h"
#include "index/index_meta.h"
#include "index/registry.h"
#include "storage/rocks_store.h"
#include "storage/store.h"

namespace sselab::index {

// Wraps the server's store (e.g. in a storage::RecordingStore to see every access, or a
// storage::FailingStore to inject faults). `inner` outlives the returned store.
using StoreDecorator = std::function<std::unique_ptr<storage::Store>(storage::Store& inner)>;

struct CreateOptions {
  std::string scheme;
  std::vector<std::string> params;  // "k=v"
  std::filesystem::path dir;
  // Where the master key is read from (if the file exists) or written to (if not).
  // Empty: a new key at DIR/client/key.
  std::filesystem::path key_path;
  ProgressFn progress;
  StoreDecorator decorate_store;  // optional
  storage::RocksStoreOptions store_options;
  // Memory budget of the client's sort of the corpus (bytes; 0: 256 MiB). A smaller one
  // only spills more, sealed as always.
  uint64_t sort_memory_budget = 0;
};

struct OpenOptions {
  std::filesystem::path dir;
  std::filesystem::path key_path;  // empty: DIR/client/key
  StoreDecorator decorate_store;   // optional
  storage::RocksStoreOptions store_options;
};

struct IndexSizes {
  uint64_t server_bytes = 0;  // everything under DIR/server
  uint64_t client_bytes = 0;  // everything under DIR/client
};

class EncryptedIndex {
 public:
  // Builds a new index from `corpus`. Errors: kAlreadyExists if DIR exists; kNotFound for
  // an unknown scheme; kInvalidArgument for bad params, a key path under DIR/server, a
  // key given to a keyless scheme, or bad corpus input; kFailedPrecondition if another
  // build of DIR is running; whatever the build hits. On error nothing is left at DIR, and
  // a key file this call created is removed. First of all, removes what builds of DIR
  // that died (killed, or a crash of the machine) left beside it.
  static Result<std::unique_ptr<EncryptedIndex>> Create(const Registry& registry,
                                                        const CreateOptions& options,
                                                        DocumentSource& corpus);
  // Opens an existing index. Errors: kNotFound (no index at DIR, or missing key file),
  // kCorruption (damaged metadata or store), kWrongKey (the key is not this index's).
  static Result<std::unique_ptr<EncryptedIndex>> Open(const Registry& registry,
                                                      const OpenOptions& options);
  // Reads DIR/client/meta.json only: no key, no store.
  static Result<IndexMeta> ReadMeta(const Registry& registry, const std::filesystem::path& dir);

  ~EncryptedIndex();
  EncryptedIndex(const EncryptedIndex&) = delete;
  EncryptedIndex& operator=(const EncryptedIndex&) = delete;

  Result<std::vector<DocId>> Search(std::string_view keyword);
  Status Insert(std::string_view keyword, DocId id);
  Status Remove(std::string_view keyword, DocId id);

  const IndexMeta& meta() const { return meta_; }
  const SchemeInfo& info() const { return entry_->info; }
  IndexSizes Sizes() const;

 private:
  EncryptedIndex() = default;
  // Opens the store in `server_dir` and wires server, channel and client.
  Status Wire(const std::filesystem::path& server_dir, bool create, const StoreDecorator& decorate,
              storage::RocksStoreOptions store_options);
  // Closes the client, server and store, in that order.
  void Close();

  const SchemeEntry* entry_ = nullptr;
  std::filesystem::path dir_;
  IndexMeta meta_;
  std::optional<crypto::SecretKey> key_;
  std::unique_ptr<storage::Store> rocks_;      // the store on disk
  std::unique_ptr<storage::Store> decorated_;  // optional decorator around rocks_
  storage::Store* store_ = nullptr;            // what the server uses
  std::unique_ptr<Server> server_;
  std::unique_ptr<Channel> channel_;
  std::unique_ptr<Client> client_;
};

}  // namespace sselab::index

#endif  // SSELAB_INDEX_ENCRYPTED_INDEX_H_
