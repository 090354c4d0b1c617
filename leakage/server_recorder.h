// ServerRecorder: one index's server view, recorded on the server's side.
//
// Recorder (recorder.h) runs a scheme in one process and takes each operation's kind
// from the client. A server (net::IndexHost under `sselab serve --record`) has only what
// arrives: each request, the operation number the client's channel sends with it
// (index/operation.h), and what the scheme's public request formats tell about it
// (index::Server::PurposeOf). This recorder builds the same ServerView from that alone:
//   - requests with one operation number form one operation, in the order each operation
//     first arrived; a request without a number (0) is an operation of its own;
//   - an operation's kind is what its requests' purposes tell (OpKindOf): kUpdate or
//     kUnknown where they do not tell more, never the client's account;
//   - every store access, attributed to its request's operation; after each request, the
//     entries its operation wrote, read back from the store itself; after the setup's
//     commit, every entry at rest;
//   - setup uploads by their sizes only, as Recorder does by default (the entries they
//     carry are in the store's bulk loads).
// The view holds no public keys: a server of a public-key scheme is not given them.
//
// Thread safety: none. The host runs a recorded index's requests one at a time.
#ifndef SSELAB_LEAKAGE_SERVER_RECORDER_H_
#define SSELAB_LEAKAGE_SERVER_RECORDER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "index/channel.h"
#include "leakage/transcript.h"
#include "storage/recording_store.h"

namespace sselab::leakage {

// The kind of an operation whose requests had the purposes in `purposes` (a bit per
// index::Purpose value): kSetup if any request was setup; otherwise, if any request
// adds or removes, kInsert when all of those add, kRemove when all remove, else kUpdate
// (the reads an update makes first do not make it a search); otherwise kUnknown if any
// request could be either; otherwise kSearch.
OpKind OpKindOf(uint32_t purposes);
inline uint32_t PurposeBit(index::Purpose p) { return uint32_t{1} << static_cast<unsigned>(p); }

class ServerRecorder {
 public:
  // `inner`, the index's store unrecorded, outlives the recorder. If it already holds a
  // complete setup (a server restarted with recording on), the view opens with a setup
  // operation without messages that holds every entry at rest.
  static Result<std::unique_ptr<ServerRecorder>> Create(storage::Store& inner, std::string scheme,
                                                        std::vector<std::string> params);

  // The store to build the scheme's server over: it records every access.
  storage::Store& store() { return recording_; }

  // Records one request the server handled, with the reply frame it sent. Fails only when
  // reading the store back fails: the operation is kept without those entries, and the
  // error is returned (a raw view with holes would let the lab miss what is at rest).
  Status Record(uint64_t operation, index::Purpose purpose, ByteView request, ByteView reply);

  const ServerView& view() const { return view_; }

 private:
  struct Open {
    size_t position = 0;  // in view_.ops
    uint32_t purposes = 0;
  };
  // Reads back what `accesses` wrote, and updates `stored` (kept in (table, key) order)
  // with it: entries now present are set, entries now absent removed.
  Status ReadBack(std::span<const storage::StoreAccess> accesses, std::vector<StoredEntry>& stored);
  ServerRecorder(storage::Store& inner, std::string scheme, std::vector<std::string> params);

  storage::Store& inner_;
  storage::RecordingStore recording_;
  ServerView view_;
  std::map<uint64_t, Open> operations_;  // by the client's operation number
  bool setup_read_ = false;              // the setup's entries at rest are in the view
};

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_SERVER_RECORDER_H_
