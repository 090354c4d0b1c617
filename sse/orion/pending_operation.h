// PendingOperation: the operation in flight, sealed in Orion's client state before its
// first path read.
//
// Path ORAM may read a block's leaf once: the access remaps the block, and the server
// never sees that leaf asked for that block again. Orion commits the remapped leaves only
// at the end of an operation (one journal commit per batch or search). An operation that
// fails, or a process killed, after some ReadPaths and before that commit leaves the state
// with the old leaves; the server has seen them. If the next operation were another one,
// it would start from the same leaves and read some of the same paths for other keys:
// the server would learn which accesses of the two operations went through the same
// nodes of the AVL tree (and so how their keys compare).
//
// So the client seals the operation (AES-256-GCM under a key of its own, never a keyword
// in the clear) and keeps it in the client state, synced, before the first ReadPath; the
// commit that ends the operation erases it. Recovery (an open, or the next operation)
// that finds a record runs that operation again, from the same state, before anything
// else: the same keys and the same values read give the same accesses, leaf for leaf, and
// this time they are remapped and committed. The server sees the same paths read twice,
// which tells it that an operation was retried. An interrupted update is thereby
// completed, as the journal completes an interrupted batch of the counter schemes; an
// interrupted search is run again and its result dropped.
#ifndef SSELAB_SSE_ORION_PENDING_OPERATION_H_
#define SSELAB_SSE_ORION_PENDING_OPERATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/aead.h"
#include "index/document.h"

namespace sselab::sse::orion {

struct PendingOperation {
  enum class Kind : uint8_t { kAdd = 0, kRemove = 1, kSearch = 2 };
  Kind kind = Kind::kSearch;
  std::vector<index::Document> docs;  // updates
  std::string keyword;                // searches
};

// AES-256-GCM of the encoding  U8 kind | varint n | n × (BE64 id | varint k | k × lp
// keyword) | lp keyword, with fixed associated data.
Bytes SealPendingOperation(const crypto::Aead& aead, const PendingOperation& op);
// kCorruption if `sealed` does not open under `aead` or does not decode.
Result<PendingOperation> OpenPendingOperation(const crypto::Aead& aead, ByteView sealed);

}  // namespace sselab::sse::orion

#endif  // SSELAB_SSE_ORION_PENDING_OPERATION_H_
