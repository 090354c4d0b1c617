// EncryptedIndex: the façade most users need — a client, its channel and a local server
// over an index directory.
//
// Directory layout of an index DIR:
//   DIR/server/           the server's RocksDB store: all the server holds at rest
//   DIR/client/meta.json  scheme, parameters, key check value, build statistics
//   DIR/client/key        the master key (mode 0600) unless --key put it elsewhere
//   DIR/client/state/     the client's own RocksDB store, for schemes with client state
//                         (SchemeInfo::client_state): counters and seeds under keyed
//                         hashes of keywords, and the batch an interrupted update left
//   DIR/client/remote.json  only for an index served by another process (RemoteServer):
//                         how to reach it; there is no DIR/server then
//   DIR/client/store.json   only for an index whose server store is a Redis Cluster
//                         namespace (index/server_store.h); there is no DIR/server then
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
#include "index/query.h"
#include "index/registry.h"
#include "index/remote_server.h"
#include "index/server_store.h"
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
  StoreDecorator decorate_state;  // optional, around the client-state store
  // Set: the server half is created on this remote server, not under DIR/server
  // (decorate_store and store_options then do not apply).
  std::shared_ptr<RemoteServer> remote;
  // Where the local server half keeps its store: DIR/server (default) or a Redis Cluster
  // (index/server_store.h; store_options then do not apply). Not with `remote`.
  ServerStoreConfig store;
};

struct OpenOptions {
  std::filesystem::path dir;
  std::filesystem::path key_path;  // empty: DIR/client/key
  StoreDecorator decorate_store;   // optional
  storage::RocksStoreOptions store_options;
  StoreDecorator decorate_state;  // optional, around the client-state store
  // Required for an index built with CreateOptions::remote (DIR/client/remote.json says
  // where it is; net::OpenRemoteIndex reads it), refused for a local one.
  std::shared_ptr<RemoteServer> remote;
  // The caller only searches: the index's stores open read-only, without RocksDB's lock,
  // so that any number of processes may search one index while one other process updates
  // it. Such an object sees the updates completed before it opened, and refuses updates
  // itself (kFailedPrecondition). Ignored for a scheme whose searches write
  // (SchemeInfo::search_writes: Orion), which opens as usual, one process at a time.
  bool search_only = false;
};

struct IndexSizes {
  uint64_t server_bytes = 0;  // everything under DIR/server
  uint64_t client_bytes = 0;  // everything under DIR/client
  uint64_t state_bytes = 0;   // of which DIR/client/state
  // The client state's live records (keys and values over every table), without the
  // store's files: what the scheme keeps, before compaction drops what it overwrote.
  uint64_t state_live_bytes = 0;
};

struct UpdateOptions {
  // A batch closes once it holds this many (keyword, id) pairs (a document is never
  // split between batches). Each batch is one commit of the client state.
  uint64_t batch_pairs = 1 << 16;
  ProgressFn progress;  // stage "add" or "remove", documents done
};

struct UpdateStats {
  uint64_t documents = 0;
  uint64_t pairs = 0;
  uint64_t batches = 0;
};

// Thread safety: one thread at a time per object (its Client is). Objects for different
// directories are independent. Objects opened on copies of one remote index's client
// directory (a scheme without client state) may run at once: the server (net::IndexHost)
// serialises what must be.
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
  // Removes the index at DIR: its directory and, for an index whose store is on a Redis
  // Cluster, its namespace there (first, so that a failure leaves DIR to try again). A key
  // file outside DIR stays. kNotFound for no index at DIR; kFailedPrecondition for an index
  // served by a remote server (its server half is the server's to drop); kIoError if a
  // process has the index open (its stores' locks are held).
  static Status Drop(const Registry& registry, const std::filesystem::path& dir);
  // DIR/client/remote.json: present only for an index whose server half is remote.
  static std::filesystem::path RemoteConfigPath(const std::filesystem::path& dir);

  ~EncryptedIndex();
  EncryptedIndex(const EncryptedIndex&) = delete;
  EncryptedIndex& operator=(const EncryptedIndex&) = delete;

  Result<std::vector<DocId>> Search(std::string_view keyword);
  // A keyword or a conjunction (index/query.h), as one operation: ids ascending.
  Result<std::vector<DocId>> Search(const Query& query);
  Status Insert(std::string_view keyword, DocId id);
  Status Remove(std::string_view keyword, DocId id);

  // Adds (or removes) every (keyword, id) pair of every document of `docs`, in batches
  // (UpdateOptions::batch_pairs), and counts them in DIR/client/meta.json. kUnsupported
  // before anything is read if the scheme cannot; a corpus error names its position, and
  // the batches before it stay applied. Adding a present pair or removing an absent one
  // changes no search result.
  Result<UpdateStats> Update(UpdateKind kind, DocumentSource& docs,
                             const UpdateOptions& options = {});
  // One batch, as Client::Update: the building block of Update() above.
  Status UpdateBatch(UpdateKind kind, std::span<const Document> docs);
  // Makes every completed update survive a crash of the machine (a killed process loses
  // nothing acknowledged even without it).
  Status Flush();

  // Opened with OpenOptions::search_only (for a scheme whose searches do not write).
  bool read_only() const { return read_only_; }
  const IndexMeta& meta() const { return meta_; }
  const SchemeInfo& info() const { return entry_->info; }
  IndexSizes Sizes() const;

 private:
  EncryptedIndex() = default;
  // Opens the stores under `dir` (the server's, and the client's state where the scheme
  // keeps one) and wires server, channel and client; on open, runs Client::Recover.
  Status Wire(const std::filesystem::path& dir, bool create, const StoreDecorator& decorate,
              const StoreDecorator& decorate_state, storage::RocksStoreOptions store_options);
  // Opens DIR/client/state (read-only if read_only_) and checks (or, on create, records)
  // that it is this index's.
  Status OpenState(const std::filesystem::path& dir, bool create, const StoreDecorator& decorate);
  // kFailedPrecondition if read_only_: `what` is the refused operation.
  Status CheckWritable(std::string_view what) const;
  // The scheme's client over channel_ (and state_); on open, runs Client::Recover.
  Status WireClient(const std::filesystem::path& dir, bool create);
  Status WriteMeta() const;
  // Closes the client, server and store, in that order.
  void Close();

  const SchemeEntry* entry_ = nullptr;
  std::filesystem::path dir_;
  std::shared_ptr<RemoteServer> remote_;  // set: no local server store
  bool read_only_ = false;                // OpenOptions::search_only, where it applies
  IndexMeta meta_;
  std::optional<crypto::SecretKey> key_;
  // Set: the server's store is this namespace on a Redis Cluster, not DIR/server.
  std::optional<storage::RedisClusterStoreOptions> cluster_;
  std::unique_ptr<storage::Store> rocks_;            // the store (on disk, or the cluster)
  std::unique_ptr<storage::Store> decorated_;        // optional decorator around rocks_
  storage::Store* store_ = nullptr;                  // what the server uses
  std::unique_ptr<storage::Store> state_rocks_;      // the client's state on disk
  std::unique_ptr<storage::Store> state_decorated_;  // optional decorator around it
  storage::Store* state_ = nullptr;                  // what the client uses
  std::unique_ptr<Server> server_;
  std::unique_ptr<Channel> channel_;
  std::unique_ptr<Client> client_;
};

}  // namespace sselab::index

#endif  // SSELAB_INDEX_ENCRYPTED_INDEX_H_
