// Transcript: everything the server saw during a run, and, kept apart, the ground truth.
//
// The server's view is the ordered list of operations it served; each holds the request
// and reply frames it exchanged and every access it made to its store (through
// index::RecordingChannel and storage::RecordingStore). Measures and attacks read the
// view only. The ground truth (which keyword each operation was for, which ids it
// returned) is what the client knew; it is recorded alongside so that a measure's or an
// attack's output can be scored, and is never an input to either.
#ifndef SSELAB_LEAKAGE_TRANSCRIPT_H_
#define SSELAB_LEAKAGE_TRANSCRIPT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "index/document.h"
#include "index/registry.h"
#include "storage/recording_store.h"

namespace sselab::leakage {

// kUpdate and kUnknown come only from a server-side recording (server_recorder.h), for
// operations whose requests do not tell the server more; the in-process recorder knows
// every operation's kind from the client.
enum class OpKind : uint8_t {
  kSetup = 0,
  kSearch = 1,
  kInsert = 2,
  kRemove = 3,
  kUpdate = 4,   // an insert or a remove: the server cannot tell which
  kUnknown = 5,  // a search or an update: the server cannot tell which
};
std::string_view OpKindName(OpKind kind);

struct Message {
  Bytes request;
  Bytes reply;  // the reply frame: status byte + body
  // Setup uploads carry the same entries the store then records as bulk loads, so a
  // recorder may keep only their sizes: then request and reply are empty.
  bool elided = false;
  uint64_t request_size = 0;
  uint64_t reply_size = 0;
};

// One entry of the server's store, raw: what its files hold, read without the scheme.
struct StoredEntry {
  std::string table;
  Bytes key;
  Bytes value;
};

struct ServerOp {
  OpKind kind = OpKind::kSearch;
  std::vector<Message> messages;
  std::vector<storage::StoreAccess> accesses;
  // The entries this operation wrote, as the store held them right after it (erased ones
  // omitted), in (table, key) order: after setup, the whole index at rest.
  std::vector<StoredEntry> stored;
};

// What the server saw, in order.
struct ServerView {
  std::string scheme;
  std::vector<std::string> params;  // "k=v", as the index was built
  // The public keys a server of this scheme holds (public-key schemes; empty otherwise).
  std::vector<index::PublicKey> public_keys;
  std::vector<ServerOp> ops;
};

// What the client knew about the operation at the same position in ServerView::ops.
struct OpTruth {
  std::string keyword;            // searched, inserted or removed; empty for setup and batches
  std::vector<index::DocId> ids;  // search: the result; insert/remove: the one id; batch:
                                  // the documents' ids
  // A batch of documents (Recorder::AddBatch): its distinct keywords, sorted.
  std::vector<std::string> keywords;
};

struct GroundTruth {
  std::string corpus;  // how the corpus was named (path or synth: URI)
  uint64_t documents = 0;
  uint64_t keywords = 0;
  uint64_t pairs = 0;
  std::vector<OpTruth> ops;
};

struct Transcript {
  ServerView view;
  GroundTruth truth;
  // A transcript loaded without its ground truth has none: then nothing can be scored.
  bool HasTruth() const { return truth.ops.size() == view.ops.size() && !view.ops.empty(); }
};

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_TRANSCRIPT_H_
