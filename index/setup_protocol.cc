#include "index/setup_protocol.h"

#include <algorithm>
#include <filesystem>

#include "index/message.h"

namespace sselab::index {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kSetupKey = "setup";
constexpr std::string_view kSetupDone = "complete";

}  // namespace

Status SetupSender::Add(ByteView key, ByteView value) {
  body_.LengthPrefixed(key);
  body_.LengthPrefixed(value);
  ++count_;
  if (body_.size() >= chunk_bytes_) return Flush();
  return OkStatus();
}

Status SetupSender::Flush() {
  if (count_ == 0) return OkStatus();
  // Both buffers are kept for the next chunk: a build sends thousands of chunks, and
  // fresh multi-megabyte buffers cost a page fault per 4 KiB.
  BeginRequest(kSetupEntries, request_);
  request_.LengthPrefixed(table_);
  request_.Varint(count_);
  request_.Raw(body_.bytes());
  body_.Clear();
  count_ = 0;
  SSELAB_RETURN_IF_ERROR(channel_.Call(request_.bytes()));
  return OkStatus();
}

Status SendTable(Channel& channel, std::string_view table, std::vector<storage::Entry> entries) {
  std::sort(entries.begin(), entries.end(),
            [](const storage::Entry& a, const storage::Entry& b) { return a.key < b.key; });
  SetupSender sender(channel, std::string(table));
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0 && entries[i].key == entries[i - 1].key) {
      return InvalidArgumentError("two entries of table '" + std::string(table) + "' share a key");
    }
    SSELAB_RETURN_IF_ERROR(sender.Add(entries[i].key, entries[i].value));
  }
  return sender.Flush();
}

Status SendSetupCommit(Channel& channel) {
  ByteWriter w = BeginRequest(kSetupCommit);
  SSELAB_RETURN_IF_ERROR(channel.Call(w.bytes()));
  return OkStatus();
}

Result<Bytes> SetupReceiver::Handle(uint8_t type, ByteReader& body) {
  SSELAB_RETURN_IF_ERROR(store_.CreateTable(kMetaTable, {.compress = true}));
  SSELAB_ASSIGN_OR_RETURN(auto done, store_.Get(kMetaTable, AsBytes(kSetupKey)));
  if (done.has_value()) return FailedPreconditionError("setup already completed on this server");
  if (type == kSetupEntries) {
    SSELAB_ASSIGN_OR_RETURN(ByteView table, body.LengthPrefixed(256));
    std::string name = ToString(table);
    auto spec = std::find_if(tables_.begin(), tables_.end(),
                             [&](const SetupTable& t) { return t.name == name; });
    if (spec == tables_.end()) return body.Malformed("setup for unknown table '" + name + "'");
    const uint32_t key_bytes = spec->options.point_lookup_key_bytes;
    SSELAB_ASSIGN_OR_RETURN(uint64_t n, body.Varint());
    if (n > body.remaining() / 2) return body.Malformed("entry count larger than the message");
    // Validate the whole message before keeping any of it.
    std::vector<std::pair<ByteView, ByteView>> entries;
    entries.reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
      SSELAB_ASSIGN_OR_RETURN(ByteView key, body.LengthPrefixed(kMaxStoreKey));
      if (key_bytes > 0 && key.size() != key_bytes) {
        return body.Malformed("a key of " + std::to_string(key.size()) + " bytes for table '" +
                              name + "', whose keys have " + std::to_string(key_bytes));
      }
      SSELAB_ASSIGN_OR_RETURN(ByteView value, body.LengthPrefixed(kMaxStoreValue));
      entries.emplace_back(key, value);
    }
    SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
    auto& sorter = pending_[name];
    if (sorter == nullptr) {
      const std::filesystem::path spill_parent = store_.TempDirectory();
      SSELAB_ASSIGN_OR_RETURN(
          sorter, storage::ExternalSorter::Create({.memory_budget = sort_memory_budget_,
                                                   .spill_parent = spill_parent,
                                                   .encrypt_spills = spill_parent.empty()}));
    }
    for (const auto& [key, value] : entries) SSELAB_RETURN_IF_ERROR(sorter->Add(key, value));
    return Bytes{};
  }
  if (type == kSetupCommit) {
    SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
    for (const SetupTable& table : tables_) {
      SSELAB_RETURN_IF_ERROR(store_.CreateTable(table.name, table.options));
      auto it = pending_.find(table.name);
      if (it == pending_.end()) continue;
      SSELAB_ASSIGN_OR_RETURN(storage::EntrySource * sorted, it->second->Finish());
      SSELAB_RETURN_IF_ERROR(store_.BulkLoad(table.name, *sorted));
    }
    pending_.clear();  // removes the sorters' spill directories
    std::error_code ec;
    if (!store_.TempDirectory().empty()) fs::remove(store_.TempDirectory(), ec);  // if empty
    SSELAB_RETURN_IF_ERROR(store_.Put(kMetaTable, AsBytes(kSetupKey), AsBytes(kSetupDone)));
    SSELAB_RETURN_IF_ERROR(store_.Flush());
    return Bytes{};
  }
  return UnknownRequestType("setup", type);
}

Status CheckSetupComplete(storage::Store& store) {
  if (store.HasTable(kMetaTable)) {
    SSELAB_ASSIGN_OR_RETURN(auto done, store.Get(kMetaTable, AsBytes(kSetupKey)));
    if (done.has_value() && AsChars(*done) == kSetupDone) return OkStatus();
  }
  return FailedPreconditionError("the index was never completely built (setup incomplete)");
}

}  // namespace sselab::index
