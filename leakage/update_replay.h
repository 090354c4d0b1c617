// Update linking by replay: the test any server can run on what it receives.
//
// A server keeps every search request it has served. When an update arrives it can run
// each kept request again, as its own server code would, against a store that holds only
// the index layer's metadata and the entries this update wrote. If a replayed search
// returns anything, the update is linked to that earlier search: the server learns that
// the new entry matches a keyword it has seen queried. This is how a PEKS server links a
// new tag to every trapdoor it kept (no PEKS scheme is forward private against it), and
// it is the check a forward-private scheme must pass: its old search tokens must find
// nothing among new entries.
// The replay runs the scheme's own server (entry.new_server) over a MemoryStore; it uses
// the view only.
#ifndef SSELAB_LEAKAGE_UPDATE_REPLAY_H_
#define SSELAB_LEAKAGE_UPDATE_REPLAY_H_

#include <cstddef>
#include <vector>

#include "index/params.h"
#include "index/registry.h"
#include "leakage/transcript.h"

namespace sselab::leakage {

// found[i] lists (ascending) the search operations before
// operation i whose request, replayed against only what update i wrote, returns at least
// one result item; empty for operations that are not updates. A search sending several
// requests is listed when any of them finds something. (The file-injection attack's
// search-first order, leakage/injection_run.h.)
std::vector<std::vector<size_t>> ReplayMatrix(const ServerView& view,
                                              const index::SchemeEntry& entry,
                                              const index::Params& params);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_UPDATE_REPLAY_H_
