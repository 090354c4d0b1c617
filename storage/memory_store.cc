#include "storage/memory_store.h"

#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <utility>

#include "storage/internal/checks.h"

namespace sselab::storage {
namespace {

struct BytesLess {
  using is_transparent = void;
  bool operator()(ByteView a, ByteView b) const { return internal::CompareBytes(a, b) < 0; }
};

struct Table {
  TableOptions options;
  std::map<Bytes, Bytes, BytesLess> entries;
};

// Entries a scan copies out per lock acquisition, so the visitor runs unlocked (it may
// call back into the store).
constexpr size_t kScanBatch = 256;

class MemoryStore final : public Store {
 public:
  Status CreateTable(std::string_view table, const TableOptions& options) override {
    SSELAB_RETURN_IF_ERROR(internal::ValidateTableName(table));
    SSELAB_RETURN_IF_ERROR(internal::ValidateTableOptions(table, options));
    std::unique_lock lock(mu_);
    if (!tables_.contains(table)) tables_.emplace(std::string(table), Table{options, {}});
    return OkStatus();
  }

  bool HasTable(std::string_view table) const override {
    std::shared_lock lock(mu_);
    return tables_.contains(table);
  }

  std::vector<std::string> Tables() const override {
    std::shared_lock lock(mu_);
    std::vector<std::string> names;
    for (const auto& entry : tables_) names.push_back(entry.first);
    return names;
  }

  Result<TableOptions> Options(std::string_view table) const override {
    std::shared_lock lock(mu_);
    auto it = tables_.find(table);
    if (it == tables_.end()) {
      return NotFoundError("table '" + std::string(table) + "' does not exist in the memory store");
    }
    return it->second.options;
  }

  Result<std::optional<Bytes>> Get(std::string_view table, ByteView key) override {
    std::shared_lock lock(mu_);
    SSELAB_ASSIGN_OR_RETURN(const Table* t, Find(table));
    auto it = t->entries.find(key);
    if (it == t->entries.end()) return std::optional<Bytes>();
    return std::optional<Bytes>(it->second);
  }

  Result<std::vector<std::optional<Bytes>>> MultiGet(std::string_view table,
                                                     std::span<const ByteView> keys) override {
    std::shared_lock lock(mu_);
    SSELAB_ASSIGN_OR_RETURN(const Table* t, Find(table));
    std::vector<std::optional<Bytes>> out(keys.size());
    for (size_t i = 0; i < keys.size(); ++i) {
      auto it = t->entries.find(keys[i]);
      if (it != t->entries.end()) out[i] = it->second;
    }
    return out;
  }

  Status Put(std::string_view table, ByteView key, ByteView value) override {
    std::unique_lock lock(mu_);
    SSELAB_ASSIGN_OR_RETURN(Table * t, Find(table));
    SSELAB_RETURN_IF_ERROR(internal::ValidateKey(table, t->options, key));
    t->entries[ToBytes(key)] = ToBytes(value);
    return OkStatus();
  }

  Status Erase(std::string_view table, ByteView key) override {
    std::unique_lock lock(mu_);
    SSELAB_ASSIGN_OR_RETURN(Table * t, Find(table));
    auto it = t->entries.find(key);
    if (it != t->entries.end()) t->entries.erase(it);
    return OkStatus();
  }

  Status Write(const WriteBatch& batch) override {
    std::unique_lock lock(mu_);
    for (const WriteBatch::Op& op : batch.ops()) {
      SSELAB_ASSIGN_OR_RETURN(const Table* t, Find(op.table));
      if (op.kind == WriteBatch::Kind::kPut) {
        SSELAB_RETURN_IF_ERROR(internal::ValidateKey(op.table, t->options, op.key));
      }
    }
    for (const WriteBatch::Op& op : batch.ops()) {
      Table& t = tables_.find(op.table)->second;
      if (op.kind == WriteBatch::Kind::kPut) {
        t.entries[op.key] = op.value;
      } else {
        t.entries.erase(op.key);
      }
    }
    return OkStatus();
  }

  Status Scan(std::string_view table, ByteView prefix, const ScanVisitor& visit) override {
    std::vector<std::pair<Bytes, Bytes>> batch;
    bool more = true;
    while (more) {
      {
        std::shared_lock lock(mu_);
        SSELAB_ASSIGN_OR_RETURN(const Table* t, Find(table));
        const auto& entries = t->entries;
        auto it =
            batch.empty() ? entries.lower_bound(prefix) : entries.upper_bound(batch.back().first);
        batch.clear();
        for (; it != entries.end() && batch.size() < kScanBatch &&
               internal::StartsWith(it->first, prefix);
             ++it) {
          batch.emplace_back(it->first, it->second);
        }
        more = it != entries.end() && internal::StartsWith(it->first, prefix);
      }
      for (const auto& [key, value] : batch) {
        if (!visit(key, value)) return OkStatus();
      }
    }
    return OkStatus();
  }

  Status BulkLoad(std::string_view table, EntrySource& sorted) override {
    TableOptions options;
    {
      std::shared_lock lock(mu_);
      SSELAB_ASSIGN_OR_RETURN(const Table* t, Find(table));
      options = t->options;
    }
    internal::AscendingKeyCheck order(table);
    std::vector<Entry> entries;
    Entry entry;
    while (true) {
      SSELAB_ASSIGN_OR_RETURN(const bool more, sorted.Next(entry));
      if (!more) break;
      SSELAB_RETURN_IF_ERROR(order.Next(entry.key));
      SSELAB_RETURN_IF_ERROR(internal::ValidateKey(table, options, entry.key));
      entries.push_back(std::move(entry));
    }
    std::unique_lock lock(mu_);
    SSELAB_ASSIGN_OR_RETURN(Table * t, Find(table));
    for (Entry& e : entries) t->entries[std::move(e.key)] = std::move(e.value);
    return OkStatus();
  }

  Result<uint64_t> SizeOnDisk() override {
    std::shared_lock lock(mu_);
    uint64_t total = 0;
    for (const auto& [name, table] : tables_) {
      for (const auto& [key, value] : table.entries) total += key.size() + value.size();
    }
    return total;
  }

  Status Flush() override { return OkStatus(); }

 private:
  // REQUIRES: mu_ held.
  Result<Table*> Find(std::string_view table) {
    auto it = tables_.find(table);
    if (it == tables_.end()) {
      return NotFoundError("table '" + std::string(table) + "' does not exist in the memory store");
    }
    return &it->second;
  }

  mutable std::shared_mutex mu_;
  std::map<std::string, Table, std::less<>> tables_;
};

}  // namespace

std::unique_ptr<Store> NewMemoryStore() { return std::make_unique<MemoryStore>(); }

}  // namespace sselab::storage
