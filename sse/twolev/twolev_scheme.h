// Π_2lev — the two-level static construction of
//   [CJJ+14] D. Cash, J. Jaeger, S. Jarecki, C. Jutla, H. Krawczyk, M.-C. Roşu, M. Steiner,
//   "Dynamic Searchable Encryption in Very-Large Databases: Data Structures and
//   Implementation", NDSS 2014 (eprint 2014/853), Section 3 ("Π_2lev").
//
// Leakage: setup: |W| (one dictionary entry per keyword) and |A| (array blocks); search:
// search pattern, access pattern (the entry and the array blocks read, hence the list's
// shape and its number of blocks), and in response-revealing mode the result ids.
// Deviations (papers/cjjkrs14.md): Enc is a PRF pad over count-prefixed padded blocks;
// pointers are decrypted with a third per-keyword key K3 so the response-hiding mode needs
// one round trip; A is sparse (uniformly random 64-bit positions) because the build streams
// posting lists and cannot know |A| in advance.
#ifndef SSELAB_SSE_TWOLEV_TWOLEV_SCHEME_H_
#define SSELAB_SSE_TWOLEV_TWOLEV_SCHEME_H_

#include "base/result.h"
#include "index/registry.h"
#include "sse/twolev/twolev_messages.h"

namespace sselab::sse::twolev {

index::SchemeEntry TwolevScheme();

// The scheme's options from validated params; kInvalidArgument naming a bad parameter.
Result<Options> ParseOptions(const index::Params& params);

}  // namespace sselab::sse::twolev

#endif  // SSELAB_SSE_TWOLEV_TWOLEV_SCHEME_H_
