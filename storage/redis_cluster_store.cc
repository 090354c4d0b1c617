#include "storage/redis_cluster_store.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <queue>
#include <shared_mutex>
#include <utility>

#include "storage/internal/checks.h"
#include "storage/redis/key_schema.h"
#include "storage/redis/key_slot.h"

namespace sselab::storage {
namespace {

using redis::Command;
using redis::Reply;
using redis::Request;
using redis::TableInfo;

// Entries a scan reads from one bucket per round trip.
constexpr size_t kScanPage = 512;
// Entries a bulk load stages per round of pipelined requests.
constexpr size_t kLoadRound = 8192;
// Keys per HMGET.
constexpr size_t kMultiGetChunk = 1024;

std::string Str(ByteView b) { return std::string(AsChars(b)); }

class RedisClusterStore final : public Store {
 public:
  RedisClusterStore(RedisClusterStoreOptions options, std::unique_ptr<redis::Cluster> cluster)
      : options_(std::move(options)), cluster_(std::move(cluster)) {
    location_ = std::string(kRedisClusterScheme);
    for (size_t i = 0; i < options_.cluster.seeds.size(); ++i) {
      if (i > 0) location_ += ",";
      location_ += options_.cluster.seeds[i].ToString();
    }
    location_ += "/" + options_.ns;
  }

  std::string MarkerKey() const { return redis::MarkerKey(options_.ns); }
  std::string RegistryKey() const { return redis::RegistryKey(options_.ns); }
  std::string BucketTag(std::string_view table, uint32_t b) const {
    return redis::BucketTag(options_.ns, table, b);
  }
  static uint32_t BucketOf(const TableInfo& t, ByteView key) { return redis::BucketOf(t, key); }
  Request On(const std::string& tag_key, Command command) const {
    return {redis::KeySlot(tag_key), std::move(command)};
  }

  Error Where(const Error& e) const { return e.WithContext("store " + location_); }

  // Opens: checks (or writes) the marker, loads the table registry, drops stale staging.
  Status Open() {
    SSELAB_ASSIGN_OR_RETURN(Reply marker,
                            cluster_->RunOne(On(MarkerKey(), {"GET", MarkerKey()}), false));
    if (marker.type == Reply::Type::kNil) {
      if (!options_.create_if_missing || options_.read_only)
        return NotFoundError("no store at " + location_);
      SSELAB_ASSIGN_OR_RETURN(
          Reply set,
          cluster_->RunOne(On(MarkerKey(), {"SET", MarkerKey(), std::string(redis::kStoreMagic)}),
                           true));
      SSELAB_RETURN_IF_ERROR(Check(set, "creating the store"));
    } else if (marker.type != Reply::Type::kString || marker.str != redis::kStoreMagic) {
      return CorruptionError("store " + location_ +
                             ": the namespace holds something that is not an sselab store");
    }
    SSELAB_ASSIGN_OR_RETURN(Reply all,
                            cluster_->RunOne(On(RegistryKey(), {"HGETALL", RegistryKey()}), false));
    SSELAB_RETURN_IF_ERROR(Check(all, "reading the table list"));
    if (all.type != Reply::Type::kArray || all.elements.size() % 2 != 0) {
      return CorruptionError("store " + location_ + ": the table list is malformed");
    }
    for (size_t i = 0; i < all.elements.size(); i += 2) {
      auto info = redis::DecodeTableInfo(all.elements[i + 1].str);
      if (!info.has_value()) {
        return CorruptionError("store " + location_ + ": table '" + all.elements[i].str +
                               "' has a malformed record");
      }
      tables_.emplace(all.elements[i].str, *info);
    }
    // A load that died left its staged entries: remove them (a writer's job: a reader
    // could be removing the entries of a load running now).
    if (options_.read_only) return OkStatus();
    std::vector<Request> drop;
    for (const auto& [name, info] : tables_) {
      for (uint32_t b = 0; b < info.buckets; ++b) {
        const std::string tag = BucketTag(name, b);
        drop.push_back(On(tag, {"DEL", tag + ":l"}));
      }
    }
    return RunChecked(drop, true, "removing staged entries of an interrupted load");
  }

  Status Check(const Reply& r, std::string_view what) const {
    if (r.is_error()) {
      return IoError("store " + location_ + ": " + std::string(what) + ": " + r.str);
    }
    return OkStatus();
  }

  Status RunChecked(std::span<const Request> requests, bool writes, std::string_view what) {
    if (requests.empty()) return OkStatus();
    auto replies = cluster_->Run(requests, writes);
    if (!replies.ok()) return Where(replies.error().WithContext(std::string(what)));
    for (const Reply& r : *replies) SSELAB_RETURN_IF_ERROR(Check(r, what));
    return OkStatus();
  }

  Status CheckWritable() const {
    if (!options_.read_only) return OkStatus();
    return FailedPreconditionError("store " + location_ + " is open for reading only");
  }

  Result<TableInfo> Find(std::string_view table) const {
    std::shared_lock lock(mu_);
    auto it = tables_.find(table);
    if (it == tables_.end()) {
      return NotFoundError("table '" + std::string(table) + "' does not exist in store " +
                           location_);
    }
    return it->second;
  }

  Status CreateTable(std::string_view table, const TableOptions& options) override {
    SSELAB_RETURN_IF_ERROR(internal::ValidateTableName(table));
    SSELAB_RETURN_IF_ERROR(internal::ValidateTableOptions(table, options));
    if (table.find_first_of(":{}") != std::string_view::npos) {
      return InvalidArgumentError("table name '" + std::string(table) +
                                  "' holds ':', '{' or '}', which a Redis Cluster store "
                                  "keeps for its key schema");
    }
    if (HasTable(table)) return OkStatus();
    SSELAB_RETURN_IF_ERROR(CheckWritable());
    TableInfo info{options, options_.buckets};
    SSELAB_ASSIGN_OR_RETURN(
        Reply set, cluster_->RunOne(On(RegistryKey(), {"HSETNX", RegistryKey(), std::string(table),
                                                       redis::EncodeTableInfo(info)}),
                                    true));
    SSELAB_RETURN_IF_ERROR(Check(set, "creating a table"));
    if (set.type == Reply::Type::kInteger && set.integer == 0) {
      // Created meanwhile by another process: its record rules.
      SSELAB_ASSIGN_OR_RETURN(
          Reply got,
          cluster_->RunOne(On(RegistryKey(), {"HGET", RegistryKey(), std::string(table)}), false));
      auto stored = redis::DecodeTableInfo(got.str);
      if (!stored.has_value()) {
        return CorruptionError("store " + location_ + ": table '" + std::string(table) +
                               "' has a malformed record");
      }
      info = *stored;
    }
    std::unique_lock lock(mu_);
    tables_.emplace(std::string(table), info);
    return OkStatus();
  }

  bool HasTable(std::string_view table) const override {
    std::shared_lock lock(mu_);
    return tables_.contains(table);
  }

  std::vector<std::string> Tables() const override {
    std::shared_lock lock(mu_);
    std::vector<std::string> out;
    for (const auto& entry : tables_) out.push_back(entry.first);
    return out;
  }

  Result<TableOptions> Options(std::string_view table) const override {
    SSELAB_ASSIGN_OR_RETURN(const TableInfo t, Find(table));
    return t.options;
  }

  Result<std::optional<Bytes>> Get(std::string_view table, ByteView key) override {
    SSELAB_ASSIGN_OR_RETURN(const TableInfo t, Find(table));
    if (!internal::CanHold(t.options, key)) return std::optional<Bytes>();
    const std::string tag = BucketTag(table, BucketOf(t, key));
    auto reply = cluster_->RunOne(On(tag, {"HGET", tag + ":h", Str(key)}), false);
    if (!reply.ok()) return Where(reply.error());
    SSELAB_RETURN_IF_ERROR(Check(*reply, "reading an entry"));
    if (reply->type == Reply::Type::kNil) return std::optional<Bytes>();
    return std::optional<Bytes>(ToBytes(reply->str));
  }

  Result<std::vector<std::optional<Bytes>>> MultiGet(std::string_view table,
                                                     std::span<const ByteView> keys) override {
    SSELAB_ASSIGN_OR_RETURN(const TableInfo t, Find(table));
    std::vector<std::optional<Bytes>> out(keys.size());
    // Per bucket, the positions of its keys; one HMGET per chunk of them.
    std::map<uint32_t, std::vector<size_t>> by_bucket;
    for (size_t i = 0; i < keys.size(); ++i) {
      if (internal::CanHold(t.options, keys[i])) by_bucket[BucketOf(t, keys[i])].push_back(i);
    }
    std::vector<Request> requests;
    std::vector<std::vector<size_t>> positions;
    for (const auto& [b, indexes] : by_bucket) {
      const std::string tag = BucketTag(table, b);
      for (size_t start = 0; start < indexes.size(); start += kMultiGetChunk) {
        const size_t end = std::min(indexes.size(), start + kMultiGetChunk);
        Command c{"HMGET", tag + ":h"};
        for (size_t j = start; j < end; ++j) c.push_back(Str(keys[indexes[j]]));
        requests.push_back(On(tag, std::move(c)));
        positions.emplace_back(indexes.begin() + static_cast<ptrdiff_t>(start),
                               indexes.begin() + static_cast<ptrdiff_t>(end));
      }
    }
    if (requests.empty()) return out;
    auto replies = cluster_->Run(requests, false);
    if (!replies.ok()) return Where(replies.error());
    for (size_t r = 0; r < replies->size(); ++r) {
      const Reply& reply = (*replies)[r];
      SSELAB_RETURN_IF_ERROR(Check(reply, "reading entries"));
      if (reply.type != Reply::Type::kArray || reply.elements.size() != positions[r].size()) {
        return CorruptionError("store " + location_ + ": HMGET answered the wrong shape");
      }
      for (size_t j = 0; j < positions[r].size(); ++j) {
        if (reply.elements[j].type == Reply::Type::kString) {
          out[positions[r][j]] = ToBytes(reply.elements[j].str);
        }
      }
    }
    return out;
  }

  Status Put(std::string_view table, ByteView key, ByteView value) override {
    WriteBatch batch;
    batch.Put(table, key, value);
    return Write(batch);
  }

  Status Erase(std::string_view table, ByteView key) override {
    WriteBatch batch;
    batch.Erase(table, key);
    return Write(batch);
  }

  Status Write(const WriteBatch& batch) override {
    SSELAB_RETURN_IF_ERROR(CheckWritable());
    // Every argument is checked before anything is sent.
    std::map<std::pair<std::string, uint32_t>, Command> scripts;
    for (const WriteBatch::Op& op : batch.ops()) {
      SSELAB_ASSIGN_OR_RETURN(const TableInfo t, Find(op.table));
      const bool put = op.kind == WriteBatch::Kind::kPut;
      if (put) SSELAB_RETURN_IF_ERROR(internal::ValidateKey(op.table, t.options, op.key));
      if (!put && !internal::CanHold(t.options, op.key)) continue;  // absent by definition
      const uint32_t b = BucketOf(t, op.key);
      Command& c = scripts[{op.table, b}];
      if (c.empty()) {
        const std::string tag = BucketTag(op.table, b);
        c = {"EVAL", std::string(redis::kWriteScript), "2", tag + ":h", tag + ":z"};
      }
      c.push_back(put ? "p" : "e");
      c.push_back(Str(op.key));
      c.push_back(put ? Str(op.value) : std::string());
    }
    std::vector<Request> requests;
    for (auto& [where, command] : scripts) {
      requests.push_back(On(BucketTag(where.first, where.second), std::move(command)));
    }
    return RunChecked(requests, true, "writing a batch");
  }

  Status Scan(std::string_view table, ByteView prefix, const ScanVisitor& visit) override {
    SSELAB_ASSIGN_OR_RETURN(const TableInfo t, Find(table));
    const std::optional<Bytes> successor = internal::PrefixSuccessor(prefix);
    const std::string max = successor.has_value() ? "(" + Str(*successor) : "+";
    struct Cursor {
      uint32_t bucket;
      std::vector<std::pair<std::string, std::string>> page;
      size_t pos = 0;
      bool more = false;
    };
    std::vector<Cursor> cursors(t.buckets);
    auto page_request = [&](uint32_t b, const std::string& min) {
      const std::string tag = BucketTag(table, b);
      return On(tag, {"EVAL", std::string(redis::kScanScript), "2", tag + ":h", tag + ":z", min,
                      max, std::to_string(kScanPage)});
    };
    auto take_page = [&](Cursor& c, const Reply& r) -> Status {
      SSELAB_RETURN_IF_ERROR(Check(r, "scanning"));
      if (r.type != Reply::Type::kArray || r.elements.size() % 2 != 0) {
        return CorruptionError("store " + location_ + ": a scan page has the wrong shape");
      }
      c.page.clear();
      c.pos = 0;
      for (size_t i = 0; i < r.elements.size(); i += 2) {
        // A key without a value cannot be written by this store; skip rather than invent.
        if (r.elements[i + 1].type != Reply::Type::kString) continue;
        c.page.emplace_back(r.elements[i].str, r.elements[i + 1].str);
      }
      c.more = r.elements.size() / 2 == kScanPage;
      return OkStatus();
    };
    std::vector<Request> first;
    const std::string min = prefix.empty() ? "-" : "[" + Str(prefix);
    for (uint32_t b = 0; b < t.buckets; ++b) {
      cursors[b].bucket = b;
      first.push_back(page_request(b, min));
    }
    auto replies = cluster_->Run(first, false);
    if (!replies.ok()) return Where(replies.error());
    for (uint32_t b = 0; b < t.buckets; ++b)
      SSELAB_RETURN_IF_ERROR(take_page(cursors[b], (*replies)[b]));

    auto greater = [&](uint32_t a, uint32_t b) {
      return cursors[a].page[cursors[a].pos].first > cursors[b].page[cursors[b].pos].first;
    };
    std::priority_queue<uint32_t, std::vector<uint32_t>, decltype(greater)> heap(greater);
    for (uint32_t b = 0; b < t.buckets; ++b) {
      if (!cursors[b].page.empty()) heap.push(b);
    }
    while (!heap.empty()) {
      const uint32_t b = heap.top();
      heap.pop();
      Cursor& c = cursors[b];
      const auto& [key, value] = c.page[c.pos];
      if (!visit(AsBytes(key), AsBytes(value))) return OkStatus();
      if (++c.pos == c.page.size()) {
        if (!c.more) continue;
        const std::string last = c.page.back().first;
        auto next = cluster_->RunOne(page_request(b, "(" + last), false);
        if (!next.ok()) return Where(next.error());
        SSELAB_RETURN_IF_ERROR(take_page(c, *next));
        if (c.page.empty()) continue;
      }
      heap.push(b);
    }
    return OkStatus();
  }

  Status BulkLoad(std::string_view table, EntrySource& sorted) override {
    SSELAB_RETURN_IF_ERROR(CheckWritable());
    SSELAB_ASSIGN_OR_RETURN(const TableInfo t, Find(table));
    internal::AscendingKeyCheck order(table);
    std::vector<bool> staged(t.buckets, false);
    std::map<uint32_t, Command> round;
    size_t in_round = 0;
    auto send_round = [&]() -> Status {
      std::vector<Request> requests;
      for (auto& [b, command] : round) {
        requests.push_back(On(BucketTag(table, b), std::move(command)));
      }
      round.clear();
      in_round = 0;
      return RunChecked(requests, false, "staging a bulk load");
    };
    auto discard = [&](Error e) -> Status {
      std::vector<Request> drop;
      for (uint32_t b = 0; b < t.buckets; ++b) {
        if (!staged[b]) continue;
        const std::string tag = BucketTag(table, b);
        drop.push_back(On(tag, {"DEL", tag + ":l"}));
      }
      (void)RunChecked(drop, true, "discarding a failed bulk load");
      return e;
    };
    Entry entry;
    while (true) {
      auto more = sorted.Next(entry);
      if (!more.ok()) return discard(more.error());
      if (!*more) break;
      if (Status s = order.Next(entry.key); !s.ok()) return discard(s.error());
      if (Status s = internal::ValidateKey(table, t.options, entry.key); !s.ok()) {
        return discard(s.error());
      }
      const uint32_t b = BucketOf(t, entry.key);
      staged[b] = true;
      Command& c = round[b];
      if (c.empty()) c = {"HSET", BucketTag(table, b) + ":l"};
      c.push_back(Str(entry.key));
      c.push_back(Str(entry.value));
      if (++in_round == kLoadRound) {
        if (Status s = send_round(); !s.ok()) return discard(s.error());
      }
    }
    if (Status s = send_round(); !s.ok()) return discard(s.error());
    std::vector<Request> commit;
    for (uint32_t b = 0; b < t.buckets; ++b) {
      if (!staged[b]) continue;
      const std::string tag = BucketTag(table, b);
      commit.push_back(On(tag, {"EVAL", std::string(redis::kCommitScript), "3", tag + ":l",
                                tag + ":h", tag + ":z"}));
    }
    return RunChecked(commit, true, "moving a bulk load into its table");
  }

  Result<uint64_t> SizeOnDisk() override {
    // Memory the namespace's keys take on the masters (MEMORY USAGE, sampled for large
    // hashes and sorted sets); replicas hold as much again each, AOF files about as much.
    std::vector<Request> requests;
    requests.push_back(On(RegistryKey(), {"MEMORY", "USAGE", RegistryKey()}));
    requests.push_back(On(MarkerKey(), {"MEMORY", "USAGE", MarkerKey()}));
    {
      std::shared_lock lock(mu_);
      for (const auto& [name, info] : tables_) {
        for (uint32_t b = 0; b < info.buckets; ++b) {
          const std::string tag = BucketTag(name, b);
          requests.push_back(On(tag, {"MEMORY", "USAGE", tag + ":h"}));
          requests.push_back(On(tag, {"MEMORY", "USAGE", tag + ":z"}));
        }
      }
    }
    auto replies = cluster_->Run(requests, false);
    if (!replies.ok()) return Where(replies.error());
    uint64_t total = 0;
    for (const Reply& r : *replies) {
      SSELAB_RETURN_IF_ERROR(Check(r, "measuring its size"));
      if (r.type == Reply::Type::kInteger && r.integer > 0)
        total += static_cast<uint64_t>(r.integer);
    }
    return total;
  }

  Status Flush() override { return OkStatus(); }

  // A MultiGet costs a round trip per master it touches, whatever its size up to here.
  size_t PreferredLookupBatch() const override { return 4096; }

  Status DropAll() {
    std::vector<Request> requests;
    {
      std::shared_lock lock(mu_);
      for (const auto& [name, info] : tables_) {
        for (uint32_t b = 0; b < info.buckets; ++b) {
          const std::string tag = BucketTag(name, b);
          requests.push_back(On(tag, {"DEL", tag + ":h", tag + ":z", tag + ":l"}));
        }
      }
    }
    SSELAB_RETURN_IF_ERROR(RunChecked(requests, true, "removing its tables"));
    std::vector<Request> last{On(MarkerKey(), {"DEL", RegistryKey(), MarkerKey()})};
    return RunChecked(last, true, "removing it");
  }

 private:
  const RedisClusterStoreOptions options_;
  std::unique_ptr<redis::Cluster> cluster_;
  std::string location_;
  mutable std::shared_mutex mu_;
  std::map<std::string, TableInfo, std::less<>> tables_;
};

Result<std::unique_ptr<RedisClusterStore>> Connect(const RedisClusterStoreOptions& options) {
  if (!redis::ValidNamespace(options.ns)) {
    return InvalidArgumentError("store namespace '" + options.ns +
                                "' must be 1 to 64 characters of [A-Za-z0-9._-]");
  }
  if (options.buckets < 1 || options.buckets > 65536) {
    return InvalidArgumentError("store: buckets per table must be 1..65536");
  }
  SSELAB_ASSIGN_OR_RETURN(auto cluster, redis::Cluster::Connect(options.cluster));
  return std::make_unique<RedisClusterStore>(options, std::move(cluster));
}

}  // namespace

Result<std::unique_ptr<Store>> OpenRedisClusterStore(const RedisClusterStoreOptions& options) {
  SSELAB_ASSIGN_OR_RETURN(auto store, Connect(options));
  SSELAB_RETURN_IF_ERROR(store->Open());
  return std::unique_ptr<Store>(std::move(store));
}

Status DropRedisClusterStore(const RedisClusterStoreOptions& options) {
  RedisClusterStoreOptions open = options;
  open.create_if_missing = false;
  SSELAB_ASSIGN_OR_RETURN(auto store, Connect(open));
  Status opened = store->Open();
  if (!opened.ok()) {
    if (opened.error().code() == ErrorCode::kNotFound) return OkStatus();
    return opened;
  }
  return store->DropAll();
}

}  // namespace sselab::storage
