// Cluster: a Redis Cluster client, as the cluster specification asks clients to be.
//
// It keeps the slot map (CLUSTER SLOTS: which master serves each of the 16384 slots), sends
// each request to the master of its slot, pipelined: one write per node for every request a
// call has for that node, all nodes written before any is read. Redirections are followed:
// MOVED updates the map and resends, ASK resends once to the named node after ASKING.
// A node that cannot be reached, a broken connection, CLUSTERDOWN, TRYAGAIN, LOADING or
// MASTERDOWN (a failover under way) make it refresh the map from any node it knows and
// resend after a backoff (10 ms doubling to 500 ms), until `retry_for` has passed since the
// call began; then the call fails with kUnavailable, saying what it last saw.
//
// Resending is what makes failover transparent, and it is only correct for requests that
// give the same result when run twice: reads, and writes that set a key to a value (the
// store's Lua scripts put and erase given entries). Cluster never sends anything else.
//
// Durability: a call with `writes` ends each node's pipeline with WAIT min_replicas
// replica_timeout, on the connection that carried the writes. A node whose replicas did not
// all confirm has its writes of that call resent (they are idempotent) until `retry_for`;
// so a call that succeeds has every write on its master and on min_replicas replicas.
//
// Errors: kUnavailable as above; kPermissionDenied for a TLS refusal (never retried);
// kCorruption for bytes that are not the protocol. Error replies that are not about
// routing (a Lua error, a wrong type) are returned as replies, for the caller to judge.
// Thread safety: every method may be called from any number of threads at once (a pool
// of connections per node; the slot map behind a shared mutex).
#ifndef SSELAB_STORAGE_REDIS_CLUSTER_H_
#define SSELAB_STORAGE_REDIS_CLUSTER_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/tls_files.h"
#include "storage/redis/key_slot.h"
#include "storage/redis/node_connection.h"
#include "storage/redis/resp.h"

namespace sselab::storage::redis {

struct ClusterOptions {
  std::vector<Endpoint> seeds;  // any nodes of the cluster; the rest are learnt from them
  TlsFiles tls;
  std::chrono::milliseconds io_timeout{5000};       // connect, and every read and write
  std::chrono::milliseconds retry_for{20000};       // how long one call rides out a failover
  int min_replicas = 1;                             // WAIT after writes; 0: do not wait
  std::chrono::milliseconds replica_timeout{1000};  // WAIT's own timeout
};

struct Request {
  uint16_t slot = 0;
  Command command;
};

// Counters of what a cluster client did, for tests and benchmarks.
struct ClusterStats {
  uint64_t round_trips = 0;  // node pipelines sent
  uint64_t redirects = 0;    // MOVED and ASK replies followed
  uint64_t retries = 0;      // rounds resent after an unreachable node or a failover
  uint64_t refreshes = 0;    // slot-map reloads
};

class Cluster {
 public:
  // Loads the TLS files, connects to the seeds and loads the slot map. kInvalidArgument for
  // no seeds; kUnavailable if no seed answers.
  static Result<std::unique_ptr<Cluster>> Connect(const ClusterOptions& options);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  // Runs every request on the master of its slot; replies in the order of `requests`.
  Result<std::vector<Reply>> Run(std::span<const Request> requests, bool writes);
  // One request.
  Result<Reply> RunOne(const Request& request, bool writes);
  const ClusterOptions& options() const { return options_; }
  ClusterStats stats() const;

 private:
  explicit Cluster(const ClusterOptions& options) : options_(options) {}

  Result<std::unique_ptr<NodeConnection>> Acquire(const Endpoint& node);
  void Release(std::unique_ptr<NodeConnection> connection);
  // Reloads the slot map from the first known node that answers.
  Status RefreshSlots();
  Status LoadSlots(const Reply& slots, const Endpoint& asked);
  int OwnerOf(uint16_t slot) const;  // index into nodes_, -1 if unserved
  Endpoint NodeAt(int index) const;
  void SetOwner(uint16_t slot, const Endpoint& node);

  const ClusterOptions options_;
  std::shared_ptr<const TlsContext> tls_;

  mutable std::shared_mutex map_mu_;
  std::vector<Endpoint> nodes_;              // every node the map has named
  std::array<int16_t, kSlotCount> owner_{};  // slot -> index into nodes_, -1 unserved

  std::mutex pool_mu_;
  std::map<std::string, std::vector<std::unique_ptr<NodeConnection>>> idle_;

  mutable std::mutex stats_mu_;
  ClusterStats stats_;
};

}  // namespace sselab::storage::redis

#endif  // SSELAB_STORAGE_REDIS_CLUSTER_H_
