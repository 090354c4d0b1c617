// Client: the party that holds keys and client state and drives the protocol.
#ifndef SSELAB_INDEX_CLIENT_H_
#define SSELAB_INDEX_CLIENT_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "index/document.h"

namespace sselab::index {

// Reports progress of long operations: a stage name and how many units are done.
using ProgressFn = std::function<void(std::string_view stage, uint64_t done)>;

struct BuildStats {
  uint64_t documents = 0;
  uint64_t keywords = 0;  // distinct
  uint64_t pairs = 0;     // (keyword, document) pairs
  // Things the user should know about the index just built (e.g. a parameter that
  // exposes more than intended); printed by `sselab index create`, not stored.
  std::vector<std::string> warnings;
};

// What an update batch does to each of its (keyword, document id) pairs.
enum class UpdateKind { kAdd, kRemove };
std::string_view UpdateKindName(UpdateKind kind);  // "add" / "remove"

// The client half of a scheme.
//
// Thread safety: one thread at a time. A client may keep state between calls (counters,
// a stash, the batch an update left pending) and calls its channel synchronously. Several
// clients of one index are several objects, each with its own channel; two of them must
// not share a client-state store (storage::RocksStore also refuses a second process).
class Client {
 public:
  virtual ~Client() = default;

  // Builds the encrypted index from `corpus` and uploads it to the server. Called once,
  // on a fresh server. `progress` may be empty.
  virtual Result<BuildStats> Build(DocumentSource& corpus, const ProgressFn& progress) = 0;

  // Ids of the documents containing `keyword`, ascending, without duplicates.
  // kInvalidArgument for an empty or overlong keyword.
  virtual Result<std::vector<DocId>> Search(std::string_view keyword) = 0;

  // Ids of the documents containing every one of `terms` (at least two, distinct, each a
  // valid keyword: a Query's terms), ascending. The default searches each term alone and
  // intersects the results here, on the client: the server learns each term's full
  // result (LeakageProfile::conjunction). It searches every term even once the
  // intersection is empty, so that what the server sees does not depend on the
  // intersection. A scheme with native conjunctive search (Capabilities::conjunctive)
  // overrides it.
  virtual Result<std::vector<DocId>> SearchConjunction(std::span<const std::string> terms);

  // Dynamic schemes only (kUnsupported otherwise). Search results are as if inserting a
  // present pair and removing an absent one did nothing (what the server stores may still
  // grow: the blind index and PEKS keep a second entry).
  virtual Status Insert(std::string_view keyword, DocId id);
  virtual Status Remove(std::string_view keyword, DocId id);

  // One batch of updates: every (keyword, doc.id) pair of `docs` is added or removed.
  // kUnsupported, with nothing changed, if the scheme cannot. Schemes with client state
  // commit it once for the batch, durably, before the batch's message leaves; a batch cut
  // short by a crash is completed when the index is next opened (Recover). The default
  // sends one Insert or Remove per pair: a failure there leaves the pairs before it applied.
  virtual Status Update(UpdateKind kind, std::span<const Document> docs);

  // Completes what an interrupted update left undone (a batch whose client state was
  // committed but whose message may not have reached the server). Called when an index
  // opens; a no-op for schemes without client state.
  virtual Status Recover() { return OkStatus(); }
};

}  // namespace sselab::index

#endif  // SSELAB_INDEX_CLIENT_H_
