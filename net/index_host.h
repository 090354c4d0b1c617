// IndexHost: the server halves of many indexes, each in its own store under one data
// directory. `sselab serve` answers the network with it; it knows nothing of the network.
//
// Layout of the data directory DATA:
//   DATA/indexes/NAME/   the RocksDB store of index NAME: its meta table (scheme,
//                        parameters, creation time) and the scheme's tables, exactly what
//                        DIR/server holds for a local index
//   DATA/indexes/.NAME.creating, .NAME.dropping   transient; removed at the next open
// Nothing here is secret, and nothing here is a key: a server holds no key.
//
// Recording (HostOptions::record_dir): each index's server view is recorded on the
// server's side (leakage/server_recorder.h) and written, in the leakage lab's view format,
// to RECORD/NAME.view (NAME.2.view, ... when that exists: a recording is never
// overwritten) whenever the index is flushed or dropped, and by SaveRecordings().
//
// Thread safety: every method may be called from many threads at once. Requests to one
// index whose Server::AccessOf is kRead run in parallel; kWrite and kSetup requests run
// alone on their index (a reader-writer lock per index); requests to different indexes
// never wait for each other. Drop waits for the index's running requests.
#ifndef SSELAB_NET_INDEX_HOST_H_
#define SSELAB_NET_INDEX_HOST_H_

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/result.h"
#include "index/channel.h"
#include "index/registry.h"
#include "index/server_store.h"
#include "storage/rocks_store.h"

namespace sselab::net {

struct HostOptions {
  std::filesystem::path data_dir;
  // For every index's store (create_if_missing is set as needed).
  storage::RocksStoreOptions store_options;
  // Where new indexes keep their stores: DATA/indexes/NAME, a RocksDB (default), or a
  // namespace each on a Redis Cluster, named by DATA/indexes/NAME/store.json. Indexes
  // created before keep where they are.
  index::ServerStoreConfig store;
  // Empty: no recording. Otherwise created (mode 0700) if missing.
  std::filesystem::path record_dir;
  // Where the host reports what it does not return to a caller (a recording written or
  // failed); default: nowhere.
  std::function<void(const std::string&)> log;
};

struct HostedIndexInfo {
  std::string name;
  std::string scheme;
  std::vector<std::string> params;  // "k=v"
  std::string created_utc;
  uint64_t server_bytes = 0;
  bool recording = false;  // HostOptions::record_dir is set
};

// Decides whether a request may run, once its access kind is known (the server's grants).
using Authorize = std::function<Status(index::Access)>;

class IndexHost {
 public:
  // Opens every index under DATA/indexes (creating DATA/indexes if missing). kCorruption
  // naming the index for a damaged one; `registry` outlives the host.
  static Result<std::unique_ptr<IndexHost>> Open(const index::Registry& registry,
                                                 HostOptions options);
  ~IndexHost();

  // kInvalidArgument for a bad name (net/grants.h ValidIndexName), kNotFound for an
  // unknown scheme, kInvalidArgument for bad parameters, kAlreadyExists for a taken name.
  Result<HostedIndexInfo> Create(std::string_view name, std::string_view scheme,
                                 const std::vector<std::string>& params);
  // kNotFound if there is no such index.
  Status Drop(std::string_view name);
  Result<HostedIndexInfo> Describe(std::string_view name);
  std::vector<HostedIndexInfo> List();
  // Runs one scheme request on `name` once `authorize` accepts its access kind; returns
  // the reply frame (index/message.h), the scheme's errors included. The call's own
  // error (kNotFound for the index, authorize's refusal) comes back as an Error. A build
  // the host's restart interrupted cannot go on (its upload was in memory): its setup
  // requests are kFailedPrecondition, and the index must be dropped and built again.
  // `operation`: the client's operation number sent with the request (index/operation.h;
  // 0 if none), used only by a recording host.
  Result<Bytes> Call(std::string_view name, ByteView request, uint64_t operation,
                     const Authorize& authorize);
  // Discards what an unfinished build of `name` uploaded (its client gave up or died), so
  // that a new build starts from nothing. Does nothing once the setup is complete.
  Status AbandonSetup(std::string_view name);
  // Makes every completed change to `name` durable (and writes its recording).
  Status Flush(std::string_view name);
  // What the host has recorded of `name` so far, encoded as a view file
  // (leakage::EncodeView). kFailedPrecondition when not recording, or when recording it
  // met an error.
  Result<Bytes> Recording(std::string_view name);
  // Writes every index's recording; the first error, after trying them all. OK when not
  // recording.
  Status SaveRecordings();

 private:
  struct Hosted;
  IndexHost(const index::Registry& registry, HostOptions options);
  std::filesystem::path IndexesDir() const;
  // `at_start`: opened by Open(), not just created (see Hosted::upload_lost).
  Result<std::shared_ptr<Hosted>> OpenIndex(const std::string& name, bool at_start);
  Result<std::shared_ptr<Hosted>> Find(std::string_view name);
  static HostedIndexInfo InfoOf(Hosted& hosted);
  // Under the index's lock (shared or exclusive). kFailedPrecondition when not recording,
  // or when recording met an error.
  static Result<Bytes> EncodedRecording(Hosted& hosted);
  // Under the index's lock (shared or exclusive); OK when not recording.
  Status SaveRecording(Hosted& hosted);
  void Log(const std::string& line) const;

  const index::Registry& registry_;
  const HostOptions options_;
  std::mutex mu_;  // guards indexes_ (not the indexes themselves)
  std::map<std::string, std::shared_ptr<Hosted>, std::less<>> indexes_;
};

}  // namespace sselab::net

#endif  // SSELAB_NET_INDEX_HOST_H_
