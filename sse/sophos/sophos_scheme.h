// Σoφoς — the forward-private dynamic SSE scheme of
//   [Bos16] R. Bost, "Σoφoς: Forward Secure Searchable Encryption", ACM CCS 2016
//   (eprint 2016/728), Algorithm 1 (Setup, Search, Update).
//
// Each keyword's entries are chained by an RSA trapdoor permutation: the client walks the
// chain backwards (π_SK^{-1}) to make a new entry's token, the server walks it forwards
// (π_PK) from the latest state to find every older entry. A server holding only past
// search tokens cannot compute the token of a later entry: forward privacy. Add only.
// Leakage and deviations: papers/bost16.md.
#ifndef SSELAB_SSE_SOPHOS_SOPHOS_SCHEME_H_
#define SSELAB_SSE_SOPHOS_SOPHOS_SCHEME_H_

#include "index/registry.h"

namespace sselab::sse::sophos {

index::SchemeEntry SophosScheme();

}  // namespace sselab::sse::sophos

#endif  // SSELAB_SSE_SOPHOS_SOPHOS_SCHEME_H_
