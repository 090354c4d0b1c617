// Reading the server's store back, raw: what its files hold, read without the scheme.
//
// Both recorders (recorder.h in one process, server_recorder.h on a server) read the
// entries an operation wrote straight from the unrecorded store after it, so the lab sees
// the bytes at rest rather than the scheme's account of them.
#ifndef SSELAB_LEAKAGE_STORE_READBACK_H_
#define SSELAB_LEAKAGE_STORE_READBACK_H_

#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "leakage/transcript.h"
#include "storage/recording_store.h"
#include "storage/store.h"

namespace sselab::leakage {

// The (table, key) of every entry `accesses` wrote or erased.
std::set<std::pair<std::string, Bytes>> WrittenKeys(std::span<const storage::StoreAccess> accesses);

// The entries `accesses` wrote (puts, batch puts, bulk loads), as `store` holds them now,
// in (table, key) order; erased ones are left out.
Result<std::vector<StoredEntry>> ReadWritten(storage::Store& store,
                                             std::span<const storage::StoreAccess> accesses);

// Every entry of every table, as the store holds it, flushed first (for RocksDB, read
// from its files): whatever the scheme wrote, through any call, is here.
Result<std::vector<StoredEntry>> ReadAllEntries(storage::Store& store);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_STORE_READBACK_H_
