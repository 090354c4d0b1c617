// The common setup protocol: how a client uploads a freshly built encrypted index.
//
// Static schemes compute their server entries on the client (that is where the keys
// are) and stream them to the server in chunks, in any order; on commit the server sorts
// them and loads each table with one bulk load. Two entries with the same key in one
// table make the commit fail (kInvalidArgument), loading nothing. Messages (types below 0x10, see
// message.h):
//   0x01 SetupEntries: table (length-prefixed) | varint n | n × (lp key | lp value)
//   0x02 SetupCommit:  (empty)
// The server records `setup=complete` in its meta table on commit; a server that never
// saw a commit refuses searches (setup_protocol users call CheckSetupComplete).
#ifndef SSELAB_INDEX_SETUP_PROTOCOL_H_
#define SSELAB_INDEX_SETUP_PROTOCOL_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/codec.h"
#include "index/channel.h"
#include "storage/external_sorter.h"
#include "storage/store.h"

namespace sselab::index {

inline constexpr uint8_t kSetupEntries = 0x01;
inline constexpr uint8_t kSetupCommit = 0x02;
// Whether a request type is the setup protocol's (served by SetupReceiver).
inline constexpr bool IsSetupType(uint8_t type) {
  return type == kSetupEntries || type == kSetupCommit;
}
inline constexpr std::string_view kMetaTable = "meta";
// Keys of kMetaTable the index's owner writes beside the setup's own record: the scheme's
// name and its parameters (Params::ToString()), so that a store says what it holds.
inline constexpr std::string_view kMetaSchemeKey = "scheme";
inline constexpr std::string_view kMetaParamsKey = "params";
inline constexpr size_t kMaxStoreKey = 64 * 1024;
inline constexpr size_t kMaxStoreValue = 64 * 1024 * 1024;

// Client side: batches entries for one table into requests of about `chunk_bytes`.
class SetupSender {
 public:
  SetupSender(Channel& channel, std::string table, size_t chunk_bytes = 4 << 20)
      : channel_(channel), table_(std::move(table)), chunk_bytes_(chunk_bytes) {}
  // Entries may come in any order; the server sorts them. Keys must be distinct.
  Status Add(ByteView key, ByteView value);
  // Sends what is buffered.
  Status Flush();

 private:
  Channel& channel_;
  std::string table_;
  size_t chunk_bytes_;
  ByteWriter body_;
  ByteWriter request_;
  uint64_t count_ = 0;
};

// Sends all `entries` for `table`, in batches.
Status SendTable(Channel& channel, std::string_view table, std::vector<storage::Entry> entries);

// Sends SetupCommit.
Status SendSetupCommit(Channel& channel);

// Server side: accepts setup messages for the tables a scheme owns.
//
// Entries are sorted as they arrive, each table in a storage::ExternalSorter with a memory
// budget of `sort_memory_budget` bytes. Its spills go to the store's TempDirectory(), so
// they never leave the server's directory (and are removed at the store's next open if
// the process dies); a store without a directory (MemoryStore) spills to the system temp
// directory, sealed under an ephemeral key.
// A table the setup protocol may load, with the options it is created with (a
// point-lookup table's entries must have keys of its length: others are malformed).
struct SetupTable {
  SetupTable(std::string table_name, storage::TableOptions table_options = {})  // NOLINT
      : name(std::move(table_name)), options(table_options) {}
  std::string name;
  storage::TableOptions options;
};

class SetupReceiver {
 public:
  SetupReceiver(storage::Store& store, std::vector<SetupTable> tables,
                uint64_t sort_memory_budget = storage::ExternalSorterOptions{}.memory_budget)
      : store_(store), tables_(std::move(tables)), sort_memory_budget_(sort_memory_budget) {}
  // Handles a request whose header says `type` (kSetupEntries or kSetupCommit).
  Result<Bytes> Handle(uint8_t type, ByteReader& body);

 private:
  storage::Store& store_;
  std::vector<SetupTable> tables_;
  uint64_t sort_memory_budget_;
  // Entries received per table, sorted on disk as they arrive (bounded memory).
  std::map<std::string, std::unique_ptr<storage::ExternalSorter>> pending_;
};

// kFailedPrecondition unless the store's meta table says setup completed.
Status CheckSetupComplete(storage::Store& store);

}  // namespace sselab::index

#endif  // SSELAB_INDEX_SETUP_PROTOCOL_H_
