#include "sse/orion/orion_client.h"

#include <algorithm>
#include <bit>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/codec.h"
#include "crypto/hash.h"
#include "crypto/kdf.h"
#include "index/inverted.h"
#include "index/message.h"
#include "index/setup_protocol.h"
#include "sse/oram/avl_node.h"
#include "sse/orion/orion_messages.h"
#include "sse/orion/pending_operation.h"

namespace sselab::sse::orion {
namespace {

constexpr uint8_t kPairTag = 0x01;
constexpr uint8_t kCountTag = 0x02;
constexpr uint8_t kSlotTag = 0x03;

Bytes Be64(uint64_t v) {
  Bytes b(8);
  StoreBe64(v, b.data());
  return b;
}

// A BE64 map value; kCorruption naming the map if it is not 8 bytes.
Result<uint64_t> ValueOf(const std::optional<Bytes>& v, std::string_view map) {
  if (!v.has_value()) return uint64_t{0};
  if (v->size() != kValueSize) {
    return CorruptionError("orion state: a " + std::string(map) + " value of " +
                           std::to_string(v->size()) + " bytes");
  }
  return LoadBe64(v->data());
}

oram::ObliviousMapParams MapParams(uint64_t capacity, std::string name) {
  return {.capacity = capacity,
          .key_size = kKeySize,
          .value_size = kValueSize,
          .name = std::move(name)};
}

void AppendBuckets(const std::map<Label, const Bytes*>& buckets, ByteWriter& w) {
  w.Varint(buckets.size());
  for (const auto& [label, sealed] : buckets) {
    w.Raw(ByteView(label.data(), label.size()));
    w.LengthPrefixed(*sealed);
  }
}

Status SendTree(index::Channel& channel, std::string_view table,
                const std::map<Label, const Bytes*>& buckets) {
  index::SetupSender sender(channel, std::string(table));
  for (const auto& [label, sealed] : buckets) {
    SSELAB_RETURN_IF_ERROR(sender.Add(ByteView(label.data(), label.size()), *sealed));
  }
  return sender.Flush();
}

// Two empty maps of `capacity` and their states.
struct EmptyMaps {
  oram::ObliviousMap upd;
  oram::ObliviousMap src;
  Bytes upd_state;
  Bytes src_state;
};

Result<EmptyMaps> NewMaps(uint64_t capacity, const crypto::SecretKey& key,
                          oram::BucketStore& upd_store, oram::BucketStore& src_store) {
  SSELAB_ASSIGN_OR_RETURN(
      oram::ObliviousMap upd,
      oram::ObliviousMap::Create(MapParams(capacity, "orion/upd"), key, upd_store));
  SSELAB_ASSIGN_OR_RETURN(
      oram::ObliviousMap src,
      oram::ObliviousMap::Create(MapParams(capacity, "orion/src"), key, src_store));
  SSELAB_ASSIGN_OR_RETURN(Bytes upd_state, upd.SaveState());
  SSELAB_ASSIGN_OR_RETURN(Bytes src_state, src.SaveState());
  return EmptyMaps{std::move(upd), std::move(src), std::move(upd_state), std::move(src_state)};
}

}  // namespace

uint64_t OrionClient::AccessesPerUpdate(uint64_t capacity) {
  return static_cast<uint64_t>(kUpdOpsPerUpdate + kSrcOpsPerUpdate) *
         static_cast<uint64_t>(oram::MaxAvlHeight(capacity));
}

uint64_t OrionClient::AccessesPerSearch(uint64_t capacity, uint64_t results) {
  return (1 + results) * static_cast<uint64_t>(oram::MaxAvlHeight(capacity));
}

uint64_t OrionClient::AutoCapacity(uint64_t keys) {
  return std::max(kMinAutoCapacity, std::bit_ceil(2 * std::max<uint64_t>(keys, 1)));
}

Result<std::unique_ptr<OrionClient>> OrionClient::Create(const crypto::SecretKey& master,
                                                         uint64_t capacity, storage::Store& state,
                                                         index::Channel& channel) {
  SSELAB_ASSIGN_OR_RETURN(crypto::Prf prf,
                          crypto::Prf::Create(crypto::DeriveSubkey(master, "orion/omap", 32)));
  SSELAB_ASSIGN_OR_RETURN(BucketLabels labels, BucketLabels::Create(master));
  auto owned_labels = std::make_unique<BucketLabels>(std::move(labels));
  auto upd_store = std::make_unique<ChannelBucketStore>(channel, kMapUpd, *owned_labels);
  auto src_store = std::make_unique<ChannelBucketStore>(channel, kMapSrc, *owned_labels);
  SSELAB_RETURN_IF_ERROR(state.CreateTable(kStateTable, {}));
  SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> kept,
                          state.Get(kStateTable, AsBytes(kCapacityStateKey)));
  const bool automatic = capacity == kAutoCapacity;
  if (kept.has_value()) {
    if (kept->size() != 8) return CorruptionError("orion state: a malformed capacity record");
    const uint64_t built = LoadBe64(kept->data());
    if (!automatic && built != capacity) {
      return CorruptionError("orion state: built with capacity " + std::to_string(built) +
                             ", opened with " + std::to_string(capacity));
    }
    capacity = built;
  } else if (automatic) {
    capacity = kMinAutoCapacity;  // until the build picks one
  }
  crypto::SecretKey map_key = crypto::DeriveSubkey(master, "orion/maps", 32);
  SSELAB_ASSIGN_OR_RETURN(EmptyMaps maps, NewMaps(capacity, map_key, *upd_store, *src_store));
  SSELAB_ASSIGN_OR_RETURN(UpdateJournal journal, UpdateJournal::Open(state, channel));
  SSELAB_ASSIGN_OR_RETURN(crypto::Aead pending_aead,
                          crypto::Aead::Create(crypto::DeriveSubkey(master, "orion/pending", 32)));
  std::unique_ptr<OrionClient> client(new OrionClient(
      std::move(map_key), automatic && !kept.has_value(), std::move(prf), std::move(pending_aead),
      std::move(owned_labels), std::move(upd_store), std::move(src_store), std::move(maps.upd),
      std::move(maps.src), std::move(maps.upd_state), std::move(maps.src_state), journal, state,
      channel));
  SSELAB_RETURN_IF_ERROR(client->Reload());
  return client;
}

Status OrionClient::CreateMaps(uint64_t capacity) {
  SSELAB_ASSIGN_OR_RETURN(EmptyMaps maps, NewMaps(capacity, map_key_, *upd_store_, *src_store_));
  upd_ = std::move(maps.upd);
  src_ = std::move(maps.src);
  empty_upd_ = std::move(maps.upd_state);
  empty_src_ = std::move(maps.src_state);
  return OkStatus();
}

Bytes OrionClient::PairKey(std::string_view keyword, index::DocId id) const {
  ByteWriter w(9 + keyword.size());
  w.U8(kPairTag);
  w.U64(id);
  w.Raw(keyword);
  const crypto::Block k = prf_.Eval(w.bytes());
  return Bytes(k.begin(), k.end());
}

Bytes OrionClient::CountKey(std::string_view keyword) const {
  ByteWriter w(1 + keyword.size());
  w.U8(kCountTag);
  w.Raw(keyword);
  const crypto::Block k = prf_.Eval(w.bytes());
  return Bytes(k.begin(), k.end());
}

Bytes OrionClient::SlotKey(std::string_view keyword, uint64_t position) const {
  ByteWriter w(9 + keyword.size());
  w.U8(kSlotTag);
  w.U64(position);
  w.Raw(keyword);
  const crypto::Block k = prf_.Eval(w.bytes());
  return Bytes(k.begin(), k.end());
}

Status OrionClient::Reload() {
  SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> upd, state_.Get(kStateTable, AsBytes(kUpdStateKey)));
  SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> src, state_.Get(kStateTable, AsBytes(kSrcStateKey)));
  if (upd.has_value() != src.has_value()) {
    return CorruptionError("orion state: one of the two maps' states is missing");
  }
  SSELAB_RETURN_IF_ERROR(upd_.LoadState(upd.has_value() ? *upd : empty_upd_));
  SSELAB_RETURN_IF_ERROR(src_.LoadState(src.has_value() ? *src : empty_src_));
  stale_ = false;
  return OkStatus();
}

Status OrionClient::Recover() {
  SSELAB_RETURN_IF_ERROR(journal_.Recover());
  SSELAB_RETURN_IF_ERROR(Reload());
  return Prepare();
}

Status OrionClient::Commit() {
  SSELAB_ASSIGN_OR_RETURN(oram::SealedBuckets upd_writes, upd_.TakeWrites());
  SSELAB_ASSIGN_OR_RETURN(oram::SealedBuckets src_writes, src_.TakeWrites());
  SSELAB_ASSIGN_OR_RETURN(Bytes upd_state, upd_.SaveState());
  SSELAB_ASSIGN_OR_RETURN(Bytes src_state, src_.SaveState());
  size_t bytes = 32;
  for (const auto* writes : {&upd_writes, &src_writes}) {
    for (const auto& [id, sealed] : *writes) bytes += kLabelSize + 4 + sealed.size();
  }
  ByteWriter payload(bytes);
  AppendBuckets(labels_->Relabel(kMapUpd, upd_writes), payload);
  AppendBuckets(labels_->Relabel(kMapSrc, src_writes), payload);
  const crypto::Digest256 digest = crypto::Sha256(payload.bytes());
  ByteWriter message(bytes + kDigestSize + 16);
  index::BeginRequest(kWriteBuckets, message);
  message.LengthPrefixed(payload.bytes());
  message.Raw(ByteView(digest.data(), digest.size()));
  storage::WriteBatch batch;
  batch.Put(kStateTable, AsBytes(kUpdStateKey), upd_state);
  batch.Put(kStateTable, AsBytes(kSrcStateKey), src_state);
  batch.Erase(kStateTable, AsBytes(kPendingStateKey));  // the operation is done
  // The crash rule: both states and the exact write-back durable together, then sent.
  return journal_.Commit(std::move(batch), message.bytes());
}

Status OrionClient::Prepare() {
  if (journal_.pending()) SSELAB_RETURN_IF_ERROR(journal_.Recover());
  if (stale_) SSELAB_RETURN_IF_ERROR(Reload());
  SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> sealed,
                          state_.Get(kStateTable, AsBytes(kPendingStateKey)));
  if (!sealed.has_value()) return OkStatus();
  // An operation failed or was killed after some of its path reads: run it again, from
  // the same state, before anything else uses these leaves (pending_operation.h).
  SSELAB_ASSIGN_OR_RETURN(PendingOperation pending, OpenPendingOperation(pending_aead_, *sealed));
  return Execute(pending, nullptr);
}

Status OrionClient::Run(const PendingOperation& op, std::vector<index::DocId>* ids) {
  // Durable before the first path read: the crash rule of pending_operation.h.
  SSELAB_RETURN_IF_ERROR(
      state_.Put(kStateTable, AsBytes(kPendingStateKey), SealPendingOperation(pending_aead_, op)));
  SSELAB_RETURN_IF_ERROR(state_.Sync());
  return Execute(op, ids);
}

Status OrionClient::Execute(const PendingOperation& op, std::vector<index::DocId>* ids) {
  stale_ = true;
  Status s = Apply(op, ids);
  if (s.ok()) s = Commit();
  // Whatever happened, memory must not run ahead of (or behind) what is durable: the
  // store holds either the old state and the pending record (the commit failed) or the
  // new one with its write-back pending (the send failed; the next operation resends it
  // first).
  if (!s.ok()) {
    (void)Reload();  // on failure stale_ stays set and the next operation retries
    return s;
  }
  stale_ = false;
  return OkStatus();
}

Status OrionClient::Apply(const PendingOperation& op, std::vector<index::DocId>* ids) {
  if (op.kind == PendingOperation::Kind::kSearch) return SearchPaths(op.keyword, ids);
  const index::UpdateKind kind = op.kind == PendingOperation::Kind::kAdd
                                     ? index::UpdateKind::kAdd
                                     : index::UpdateKind::kRemove;
  for (const index::Document& d : op.docs) {
    for (const std::string& k : d.keywords) SSELAB_RETURN_IF_ERROR(UpdatePair(kind, k, d.id));
  }
  return OkStatus();
}

Status OrionClient::Dummy(oram::ObliviousMap& map) {
  SSELAB_RETURN_IF_ERROR(map.Get(Bytes(kKeySize, 0)));
  return OkStatus();
}

Status OrionClient::UpdatePair(index::UpdateKind kind, std::string_view keyword, index::DocId id) {
  // Every pair runs the same schedule of eight map operations, whatever it does:
  //   upd upd src src upd upd upd src
  // (the map of each ReadPath is visible); a slot the pair has no use for is a Dummy on
  // the slot's map. Slots 1-2: lines 1-2; 3: line 6; 4: line 3 or 7; 5: line 4 or 8;
  // 6: line 9; 7: line 5 or 10; 8: line 11.
  const Bytes count_key = CountKey(keyword);
  const Bytes pair_key = PairKey(keyword, id);
  // Orion Update line 1: c <- OMAP_upd[(w, ⊥)] (UpdtCnt[w], 0 if w is new).
  SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> got_count, upd_.Get(count_key));
  SSELAB_ASSIGN_OR_RETURN(uint64_t c, ValueOf(got_count, "OMAP_upd"));
  // Line 2: p <- OMAP_upd[(w, id)] (0: absent, or deleted).
  SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> got_pos, upd_.Get(pair_key));
  SSELAB_ASSIGN_OR_RETURN(uint64_t p, ValueOf(got_pos, "OMAP_upd"));
  if (p > c) {
    return CorruptionError("orion state: a position " + std::to_string(p) + " beyond the count " +
                           std::to_string(c) + " of its keyword");
  }
  const bool add = kind == index::UpdateKind::kAdd;
  const bool fresh = add && p == 0;  // an addition that changes something
  const bool drop = !add && p != 0;  // a removal that changes something
  // Line 6 (removal): last <- OMAP_src[(w, c)], the last id of w's list.
  uint64_t last = 0;
  if (drop) {
    SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> got_last, src_.Get(SlotKey(keyword, c)));
    if (!got_last.has_value()) {
      return CorruptionError("orion state: the last position of a keyword's list is empty");
    }
    SSELAB_ASSIGN_OR_RETURN(last, ValueOf(got_last, "OMAP_src"));
  } else {
    SSELAB_RETURN_IF_ERROR(Dummy(src_));
  }
  if (fresh) {
    // Line 3 (addition): UpdtCnt[w]++; OMAP_src[(w, UpdtCnt[w])] <- id.
    SSELAB_RETURN_IF_ERROR(src_.Put(SlotKey(keyword, c + 1), Be64(id)));
    // Line 4: OMAP_upd[(w, id)] <- UpdtCnt[w] (replaces a tombstone of a re-added pair).
    SSELAB_RETURN_IF_ERROR(upd_.Put(pair_key, Be64(c + 1)));
  } else if (drop) {
    // Line 7 (removal): OMAP_src[(w, p)] <- last, the last id fills the hole.
    SSELAB_RETURN_IF_ERROR(src_.Put(SlotKey(keyword, p), Be64(last)));
    // Line 8: OMAP_upd[(w, last)] <- p.
    SSELAB_RETURN_IF_ERROR(upd_.Put(PairKey(keyword, last), Be64(p)));
  } else {
    SSELAB_RETURN_IF_ERROR(Dummy(src_));
    SSELAB_RETURN_IF_ERROR(Dummy(upd_));
  }
  // Line 9 (removal): OMAP_upd[(w, id)] <- 0, the tombstone (the map has no deletion);
  // after line 8, so that it ends deleted when id was the last one itself.
  if (drop) {
    SSELAB_RETURN_IF_ERROR(upd_.Put(pair_key, Be64(0)));
  } else {
    SSELAB_RETURN_IF_ERROR(Dummy(upd_));
  }
  // Line 5 (addition) / line 10 (removal): OMAP_upd[(w, ⊥)] <- UpdtCnt[w] ± 1.
  if (fresh || drop) {
    SSELAB_RETURN_IF_ERROR(upd_.Put(count_key, Be64(fresh ? c + 1 : c - 1)));
  } else {
    SSELAB_RETURN_IF_ERROR(Dummy(upd_));
  }
  // Line 11 (removal): clear the old last slot (past UpdtCnt[w] now: never read again).
  if (drop) return src_.Put(SlotKey(keyword, c), Be64(0));
  // Line 12: a present addition or an absent removal has made only dummy operations.
  return Dummy(src_);
}

Status OrionClient::Update(index::UpdateKind kind, std::span<const index::Document> docs) {
  uint64_t pairs = 0;
  std::set<std::string_view> keywords;
  for (const index::Document& d : docs) {
    pairs += d.keywords.size();
    for (const std::string& k : d.keywords) keywords.insert(k);
  }
  if (pairs == 0) return OkStatus();
  SSELAB_RETURN_IF_ERROR(Prepare());
  // An addition adds at most one key to OMAP_src and, with its keyword's counter, two to
  // OMAP_upd. A batch that might not fit is refused from the client's own state before
  // any access: a full map never leaves an operation half done.
  if (kind == index::UpdateKind::kAdd && (upd_.size() + pairs + keywords.size() > upd_.capacity() ||
                                          src_.size() + pairs > src_.capacity())) {
    return FailedPreconditionError("orion: the maps may not hold " + std::to_string(pairs) +
                                   " more pairs (capacity " + std::to_string(upd_.capacity()) +
                                   " keys, " + std::to_string(upd_.size()) +
                                   " used); rebuild with a larger capacity");
  }
  PendingOperation op{.kind = kind == index::UpdateKind::kAdd ? PendingOperation::Kind::kAdd
                                                              : PendingOperation::Kind::kRemove,
                      .docs = std::vector<index::Document>(docs.begin(), docs.end())};
  return Run(op, nullptr);
}

Status OrionClient::Insert(std::string_view keyword, index::DocId id) {
  const index::Document doc{id, {std::string(keyword)}};
  return Update(index::UpdateKind::kAdd, std::span<const index::Document>(&doc, 1));
}

Status OrionClient::Remove(std::string_view keyword, index::DocId id) {
  const index::Document doc{id, {std::string(keyword)}};
  return Update(index::UpdateKind::kRemove, std::span<const index::Document>(&doc, 1));
}

Result<std::vector<index::DocId>> OrionClient::Search(std::string_view keyword) {
  SSELAB_RETURN_IF_ERROR(Prepare());
  std::vector<index::DocId> ids;
  SSELAB_RETURN_IF_ERROR(
      Run({.kind = PendingOperation::Kind::kSearch, .keyword = std::string(keyword)}, &ids));
  index::SortUnique(ids);
  return ids;
}

Status OrionClient::SearchPaths(std::string_view keyword, std::vector<index::DocId>* ids) {
  // Orion Search line 1: c <- OMAP_upd[(w, ⊥)].
  SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> got_count, upd_.Get(CountKey(keyword)));
  SSELAB_ASSIGN_OR_RETURN(uint64_t c, ValueOf(got_count, "OMAP_upd"));
  if (c > src_.size()) {
    return CorruptionError("orion state: a count of " + std::to_string(c) +
                           " exceeds the positions stored");
  }
  if (ids != nullptr) ids->reserve(c);
  // Lines 2-3: for p = 1 .. c: id <- OMAP_src[(w, p)]; one map operation each.
  for (uint64_t p = 1; p <= c; ++p) {
    SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> got, src_.Get(SlotKey(keyword, p)));
    if (!got.has_value()) {
      return CorruptionError("orion state: position " + std::to_string(p) + " of " +
                             std::to_string(c) + " of a keyword's list is empty");
    }
    SSELAB_ASSIGN_OR_RETURN(uint64_t id, ValueOf(got, "OMAP_src"));
    if (ids != nullptr) ids->push_back(id);
  }
  // Line 4: the paths read are written back (the commit that follows).
  return OkStatus();
}

Result<index::BuildStats> OrionClient::Build(index::DocumentSource& corpus,
                                             const index::ProgressFn& progress) {
  // Setup: the initial lists, as lines 3-5 of N additions would leave them, laid out at
  // once: position i + 1 of w's list is its i-th id (ascending).
  std::vector<oram::MapEntry> upd_entries;
  std::vector<oram::MapEntry> src_entries;
  const uint64_t capacity = upd_.capacity();
  auto each = [&](std::string_view keyword, std::span<const index::DocId> ids) -> Status {
    if (!auto_capacity_ && upd_entries.size() + ids.size() + 1 > capacity) {
      return FailedPreconditionError(
          "orion: the corpus has more pairs and keywords than the "
          "capacity of " +
          std::to_string(capacity) + " keys allows");
    }
    for (size_t i = 0; i < ids.size(); ++i) {
      upd_entries.push_back({PairKey(keyword, ids[i]), Be64(i + 1)});
      src_entries.push_back({SlotKey(keyword, i + 1), Be64(ids[i])});
    }
    upd_entries.push_back({CountKey(keyword), Be64(ids.size())});
    return OkStatus();
  };
  SSELAB_ASSIGN_OR_RETURN(index::BuildStats stats,
                          index::ForEachPostingList(corpus, progress, each));
  auto by_key = [](const oram::MapEntry& a, const oram::MapEntry& b) { return a.key < b.key; };
  std::sort(upd_entries.begin(), upd_entries.end(), by_key);
  std::sort(src_entries.begin(), src_entries.end(), by_key);
  if (auto_capacity_) {
    const uint64_t chosen = AutoCapacity(upd_entries.size());
    if (chosen > (uint64_t{1} << 32)) {
      return FailedPreconditionError("orion: the corpus has more pairs and keywords than 2^31");
    }
    SSELAB_RETURN_IF_ERROR(CreateMaps(chosen));
  }
  if (progress) progress("laying out the oblivious maps", stats.pairs);
  SSELAB_ASSIGN_OR_RETURN(oram::SealedBuckets upd_tree, upd_.BulkBuild(upd_entries));
  SSELAB_ASSIGN_OR_RETURN(oram::SealedBuckets src_tree, src_.BulkBuild(src_entries));
  upd_entries.clear();
  src_entries.clear();
  SSELAB_RETURN_IF_ERROR(SendTree(channel_, kUpdTable, labels_->Relabel(kMapUpd, upd_tree)));
  SSELAB_RETURN_IF_ERROR(SendTree(channel_, kSrcTable, labels_->Relabel(kMapSrc, src_tree)));
  SSELAB_RETURN_IF_ERROR(index::SendSetupCommit(channel_));
  // The state that goes with the trees, durable before the build reports success.
  SSELAB_ASSIGN_OR_RETURN(Bytes upd_state, upd_.SaveState());
  SSELAB_ASSIGN_OR_RETURN(Bytes src_state, src_.SaveState());
  storage::WriteBatch batch;
  batch.Put(kStateTable, AsBytes(kUpdStateKey), upd_state);
  batch.Put(kStateTable, AsBytes(kSrcStateKey), src_state);
  batch.Put(kStateTable, AsBytes(kCapacityStateKey), Be64(upd_.capacity()));
  SSELAB_RETURN_IF_ERROR(state_.Write(batch));
  SSELAB_RETURN_IF_ERROR(state_.Sync());
  auto_capacity_ = false;
  return stats;
}

}  // namespace sselab::sse::orion
