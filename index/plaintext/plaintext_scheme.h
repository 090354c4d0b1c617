// The plaintext baseline: a well-built inverted index with no encryption at all.
//
// It is the yardstick every encrypted scheme is measured against: packed posting lists
// (delta varints in chunks of 1024 ids), bulk-loaded, read with one prefix scan per
// search; inserts and removes go to a small update table merged at search time. It holds
// keywords and document ids in the clear, and says so (LeakageProfile::plaintext).
#ifndef SSELAB_INDEX_PLAINTEXT_PLAINTEXT_SCHEME_H_
#define SSELAB_INDEX_PLAINTEXT_PLAINTEXT_SCHEME_H_

#include "index/registry.h"

namespace sselab::index::plaintext {

SchemeEntry PlaintextScheme();

}  // namespace sselab::index::plaintext

#endif  // SSELAB_INDEX_PLAINTEXT_PLAINTEXT_SCHEME_H_
