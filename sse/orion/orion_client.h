// Orion client: Chamani, Papadopoulos, Papamanthou, Jalili, "New Constructions for Forward
// and Backward Private Symmetric Searchable Encryption", ACM CCS 2018 (arXiv 1808.02741),
// the Type-I scheme. Algorithm listing and line numbers ("Orion Update line N", "Orion
// Search line N"): papers/orion.md.
//
// Two oblivious maps (sse/oram/oblivious_map.h) over Path ORAM trees the server keeps:
//   OMAP_upd: F(w, id) -> the position p >= 1 of id in w's list (0: deleted, a tombstone),
//             and F(w, ⊥) -> UpdtCnt[w], the number of live ids of w;
//   OMAP_src: F(w, p) -> the id at position p, for p = 1 .. UpdtCnt[w].
// F is AES-CMAC under a key derived from the master key (purpose "orion/omap"); values are
// BE64. The client keeps O(1) state: the two maps' roots, sizes and stashes.
//
// Cost (A = MaxAvlHeight(capacity) ORAM accesses per map operation, one round each):
//   every updated pair, addition or removal, present or absent: the same schedule of
//   5 operations on OMAP_upd and 3 on OMAP_src (upd upd src src upd upd upd src), so
//   8A path reads (176 at capacity 2^16; AccessesPerUpdate);
//   a search with r results: 1 + r operations = (1 + r) × A path reads.
// Each batch (Update) and each Search then commits the ORAM write-back: the maps' new
// states and the WriteBuckets message together, through the UpdateJournal (the crash
// rule), the message sent after the commit.
//
// Deviations: no OMAP deletion (a tombstone, position 0, stays in OMAP_upd; a cleared
// OMAP_src slot keeps its key); a bulk build instead of N updates; a full map refuses an
// addition batch before any access; searches commit like updates.
//
// Thread safety: none; one caller at a time. `state` and `channel` outlive the client.
#ifndef SSELAB_SSE_ORION_ORION_CLIENT_H_
#define SSELAB_SSE_ORION_ORION_CLIENT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "crypto/prf.h"
#include "index/channel.h"
#include "index/client.h"
#include "sse/common/update_journal.h"
#include "sse/oram/oblivious_map.h"
#include "sse/orion/channel_bucket_store.h"
#include "sse/orion/pending_operation.h"
#include "storage/store.h"

namespace sselab::sse::orion {

class OrionClient : public index::Client {
 public:
  // Oblivious-map operations per updated pair (5 on OMAP_upd, 3 on OMAP_src).
  static constexpr int kUpdOpsPerUpdate = 5;
  static constexpr int kSrcOpsPerUpdate = 3;
  // ORAM path reads (= rounds) per updated pair, and per search returning `results` ids.
  static uint64_t AccessesPerUpdate(uint64_t capacity);
  static uint64_t AccessesPerSearch(uint64_t capacity, uint64_t results);

  static constexpr uint64_t kAutoCapacity = 0;
  static constexpr uint64_t kMinAutoCapacity = uint64_t{1} << 10;
  // The capacity kAutoCapacity picks for a corpus whose OMAP_upd holds `keys` keys (pairs
  // plus keywords): the power of two at or above 2 x keys, at least 2^10, so that as many
  // pairs again can be added before a rebuild.
  static uint64_t AutoCapacity(uint64_t keys);
  // The capacity of the maps now (after a build, the one chosen).
  uint64_t capacity() const { return upd_.capacity(); }

  // `capacity` (1 .. 2^32) bounds the keys of each map: OMAP_upd holds one per (keyword,
  // id) pair ever added plus one per keyword, OMAP_src one per position ever used.
  // kAutoCapacity sizes the maps at the build (AutoCapacity); the capacity chosen is kept
  // in the client state. Loads the maps' states from `state` if it holds them (an index
  // built before). kInvalidArgument for a capacity out of range; kCorruption for a state
  // that does not load (another key, other parameters, tampered).
  static Result<std::unique_ptr<OrionClient>> Create(const crypto::SecretKey& master,
                                                     uint64_t capacity, storage::Store& state,
                                                     index::Channel& channel);

  // The corpus is laid out as two bulk-built maps (ObliviousMap::BulkBuild) and uploaded
  // through the setup protocol. kFailedPrecondition if it does not fit the capacity.
  Result<index::BuildStats> Build(index::DocumentSource& corpus,
                                  const index::ProgressFn& progress) override;
  Result<std::vector<index::DocId>> Search(std::string_view keyword) override;
  Status Insert(std::string_view keyword, index::DocId id) override;
  Status Remove(std::string_view keyword, index::DocId id) override;
  // The whole batch is one ORAM operation for the crash rule: all its map operations,
  // then one journal commit. kFailedPrecondition, before any access, if an addition batch
  // might not fit the maps.
  Status Update(index::UpdateKind kind, std::span<const index::Document> docs) override;
  // Resends an interrupted batch's write-back, then reloads the maps from the state.
  Status Recover() override;

 private:
  OrionClient(crypto::SecretKey map_key, bool auto_capacity, crypto::Prf prf,
              crypto::Aead pending_aead, std::unique_ptr<BucketLabels> labels,
              std::unique_ptr<ChannelBucketStore> upd_store,
              std::unique_ptr<ChannelBucketStore> src_store, oram::ObliviousMap upd,
              oram::ObliviousMap src, Bytes empty_upd, Bytes empty_src, UpdateJournal journal,
              storage::Store& state, index::Channel& channel)
      : map_key_(std::move(map_key)),
        auto_capacity_(auto_capacity),
        prf_(std::move(prf)),
        pending_aead_(std::move(pending_aead)),
        labels_(std::move(labels)),
        upd_store_(std::move(upd_store)),
        src_store_(std::move(src_store)),
        upd_(std::move(upd)),
        src_(std::move(src)),
        empty_upd_(std::move(empty_upd)),
        empty_src_(std::move(empty_src)),
        journal_(journal),
        state_(state),
        channel_(channel) {}

  // The OMAP keys: F(0x01 ‖ BE64 id ‖ w), F(0x02 ‖ w), F(0x03 ‖ BE64 p ‖ w).
  Bytes PairKey(std::string_view keyword, index::DocId id) const;
  Bytes CountKey(std::string_view keyword) const;
  Bytes SlotKey(std::string_view keyword, uint64_t position) const;

  // One pair's update: exactly kUpdOpsPerUpdate + kSrcOpsPerUpdate map operations.
  Status UpdatePair(index::UpdateKind kind, std::string_view keyword, index::DocId id);
  // A map operation that changes nothing, to pad (a Get: the server cannot tell it from
  // a Put).
  Status Dummy(oram::ObliviousMap& map);
  // Before an operation: the journal's pending write-back resent, the maps reloaded if
  // stale, and an interrupted operation (a pending record) run again to its commit.
  Status Prepare();
  // Records `op` (synced), then Execute.
  Status Run(const PendingOperation& op, std::vector<index::DocId>* ids);
  // Applies `op` then commits (erasing the record); after any error the maps are reloaded
  // from the state and the record stays.
  Status Execute(const PendingOperation& op, std::vector<index::DocId>* ids);
  // The map operations of `op`; a search's ids go to `ids` when it is not null.
  Status Apply(const PendingOperation& op, std::vector<index::DocId>* ids);
  Status SearchPaths(std::string_view keyword, std::vector<index::DocId>* ids);
  // The journal commit of the maps' states and their write-back.
  Status Commit();
  // The maps as the client-state store holds them (an empty map if it holds none).
  Status Reload();

  // Empty maps of `capacity` in upd_ and src_ (and their states in empty_upd_, empty_src_).
  Status CreateMaps(uint64_t capacity);

  crypto::SecretKey map_key_;  // the maps' keys derive from it
  bool auto_capacity_;         // the build picks the capacity
  crypto::Prf prf_;
  crypto::Aead pending_aead_;                      // seals the pending-operation record
  std::unique_ptr<BucketLabels> labels_;           // the stores point into it
  std::unique_ptr<ChannelBucketStore> upd_store_;  // the maps point into these
  std::unique_ptr<ChannelBucketStore> src_store_;
  oram::ObliviousMap upd_;
  oram::ObliviousMap src_;
  Bytes empty_upd_;  // SaveState() of the empty maps, for Reload before a build
  Bytes empty_src_;
  UpdateJournal journal_;
  storage::Store& state_;
  index::Channel& channel_;
  // Memory may be ahead of (or behind) the stored state: reload before the next operation.
  bool stale_ = false;
};

}  // namespace sselab::sse::orion

#endif  // SSELAB_SSE_ORION_ORION_CLIENT_H_
