// Π_pack — the packed static construction of
//   [CJJ+14] D. Cash, J. Jaeger, S. Jarecki, C. Jutla, H. Krawczyk, M.-C. Roşu, M. Steiner,
//   "Dynamic Searchable Encryption in Very-Large Databases: Data Structures and
//   Implementation", NDSS 2014 (eprint 2014/853), Section 3 ("Π_pack"): Π_bas with B ids
//   per dictionary entry.
//
// Leakage: setup: the number of blocks Σ_w ⌈|DB(w)|/B⌉ (entries are uniform); search:
// search pattern, access pattern (the labels touched), volume rounded up to blocks, and in
// response-revealing mode the result ids (hence the exact volume).
// Deviations (papers/cjjkrs14.md): Enc(K2, ·) is a PRF pad over a count-prefixed, padded
// block (pack_block.h); batched multi_get lookups.
#ifndef SSELAB_SSE_PACK_PACK_SCHEME_H_
#define SSELAB_SSE_PACK_PACK_SCHEME_H_

#include "base/result.h"
#include "index/registry.h"
#include "sse/pack/pack_messages.h"

namespace sselab::sse::pack {

index::SchemeEntry PackScheme();

// The scheme's options from validated params; kInvalidArgument naming a bad parameter.
Result<Options> ParseOptions(const index::Params& params);

}  // namespace sselab::sse::pack

#endif  // SSELAB_SSE_PACK_PACK_SCHEME_H_
