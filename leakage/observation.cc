#include "leakage/observation.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "index/message.h"
#include "index/setup_protocol.h"

namespace sselab::leakage {
namespace {

using Op = storage::StoreAccess::Op;

class Interner {
 public:
  uint32_t Id(std::string s) {
    auto [it, fresh] = ids_.try_emplace(std::move(s), static_cast<uint32_t>(ids_.size()));
    return it->second;
  }
  uint32_t size() const { return static_cast<uint32_t>(ids_.size()); }

 private:
  std::unordered_map<std::string, uint32_t> ids_;
};

std::string EntryName(std::string_view table, ByteView key) {
  std::string s(table);
  s.push_back('\0');
  s.append(AsChars(key));
  return s;
}

void SortUnique(std::vector<uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

bool IsRead(Op op) { return op == Op::kGet || op == Op::kMultiGet || op == Op::kScan; }
bool IsWrite(Op op) {
  return op == Op::kPut || op == Op::kErase || op == Op::kBatchPut || op == Op::kBatchErase ||
         op == Op::kBulkLoad;
}

}  // namespace

Result<Observations> Observe(const ServerView& view, const index::ViewFormat& format) {
  Observations out;
  Interner entries, items, requests, groups;
  auto group_of = [&](std::string_view table, ByteView key) {
    Bytes g = format.at_rest_group ? format.at_rest_group(table, key) : ToBytes(key);
    return groups.Id(ToString(g));  // a group may span tables (plaintext: both tables)
  };
  for (size_t i = 0; i < view.ops.size(); ++i) {
    const ServerOp& op = view.ops[i];
    Observation o;
    o.kind = op.kind;
    std::string request;
    for (const Message& m : op.messages) {
      o.request_bytes += m.request_size;
      o.reply_bytes += m.reply_size;
      if (m.elided) continue;
      request.append(AsChars(m.request));
      auto body = index::DecodeReply(m.reply);
      if (!body.ok()) {
        o.failed = true;
        continue;
      }
      if (op.kind != OpKind::kSearch) continue;
      if (!format.result_items) {
        o.items.push_back(items.Id(ToString(*body)));
        ++o.volume;
        continue;
      }
      auto parsed = format.result_items(*body);
      if (!parsed.ok()) {
        return parsed.error().WithContext("operation " + std::to_string(i) + " (search)");
      }
      for (const Bytes& item : *parsed) o.items.push_back(items.Id(ToString(item)));
      o.volume += parsed->size();
    }
    o.request = requests.Id(std::move(request));
    bool setup = op.kind == OpKind::kSetup;
    // A scan with an empty prefix visits the whole table whatever the query (a linear
    // scheme testing every entry): its visits tell queries nothing apart, so they are not
    // counted as reads.
    std::string whole_table;
    for (const storage::StoreAccess& a : op.accesses) {
      // The index layer's own table (scheme name, parameters, setup flag) is the same
      // for every scheme and is read by every operation: it tells nothing apart.
      if (a.table == index::kMetaTable) continue;
      bool scan_prefix = a.op == Op::kScan && !a.found && a.value_size == 0;
      if (a.op != Op::kScan || scan_prefix) whole_table.clear();
      if (scan_prefix && a.key.empty()) {
        whole_table = a.table;
        continue;
      }
      if (a.op == Op::kScan && !whole_table.empty() && a.table == whole_table) continue;
      if (scan_prefix) {
        o.scanned.push_back(entries.Id(EntryName(a.table, a.key)));
        continue;
      }
      uint32_t id = entries.Id(EntryName(a.table, a.key));
      if (IsRead(a.op)) {
        o.read.push_back(id);
        if (a.found) o.groups.push_back(group_of(a.table, a.key));
      } else if (IsWrite(a.op)) {
        o.written.push_back(id);
        if (!setup) o.groups.push_back(group_of(a.table, a.key));
      }
      if (setup && IsWrite(a.op) && a.op != Op::kErase && a.op != Op::kBatchErase) {
        AtRest& r = out.at_rest;
        ++r.entries;
        r.key_bytes += a.key.size();
        r.value_bytes += a.value_size;
        ++r.value_sizes[a.value_size];
        r.table_value_sizes[a.table].insert(a.value_size);
        ++r.groups[group_of(a.table, a.key)];
      }
    }
    SortUnique(o.read);
    SortUnique(o.scanned);
    SortUnique(o.written);
    SortUnique(o.items);
    SortUnique(o.groups);
    out.ops.push_back(std::move(o));
  }
  out.distinct_entries = entries.size();
  out.distinct_items = items.size();
  return out;
}

}  // namespace sselab::leakage
