// Cancellation by replay: what a server can learn about which deletion cancels which
// addition (the DelHist leakage of Type-III backward privacy, Bost, Minaud, Ohrimenko,
// CCS 2017), tested the way the server itself could test it.
//
// For each search S and each earlier removal R whose written entries S read, the server
// runs S's requests again, as its own server code would, on the store as it stood at S,
// once as it was and once with R's entries scrambled (every value byte flipped). If the
// scrambled run hands back more result items, R cancelled something S would otherwise
// have returned, and the server knows which item it was: it saw the cancellation. A
// scheme whose client cancels deletions (Mitra) or whose server never sees them (Orion)
// gains nothing from this; a server that cancels by tags (Diana_del) does.
// The replay uses the view only (the recorded requests and the stored entries).
#ifndef SSELAB_LEAKAGE_BACKWARD_REPLAY_H_
#define SSELAB_LEAKAGE_BACKWARD_REPLAY_H_

#include <cstddef>
#include <vector>

#include "index/params.h"
#include "index/registry.h"
#include "leakage/observation.h"
#include "leakage/transcript.h"

namespace sselab::leakage {

// cancels[i] lists (ascending) the removal operations before search i whose scrambling
// makes search i's replay return more items; empty for other operations.
std::vector<std::vector<size_t>> ReplayCancellations(const ServerView& view,
                                                     const index::SchemeEntry& entry,
                                                     const index::Params& params,
                                                     const Observations& obs);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_BACKWARD_REPLAY_H_
