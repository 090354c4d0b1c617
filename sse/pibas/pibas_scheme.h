// Π_bas — the basic static construction of
//   [CJJ+14] D. Cash, J. Jaeger, S. Jarecki, C. Jutla, H. Krawczyk, M.-C. Roşu, M. Steiner,
//   "Dynamic Searchable Encryption in Very-Large Databases: Data Structures and
//   Implementation", NDSS 2014 (eprint 2014/853), Figure 2.
//
// Leakage: setup N (number of pairs); search: search pattern, access pattern (the
// labels touched), volume, and in response-revealing mode the result ids.
// Deviations (papers/cjjkrs14.md): Enc(K2, id) is id XOR F(K2, c) (a one-time pad from
// the PRF, unique per (w, c)); the server walks counters in doubling batches with
// multi_get instead of one Get per counter.
#ifndef SSELAB_SSE_PIBAS_PIBAS_SCHEME_H_
#define SSELAB_SSE_PIBAS_PIBAS_SCHEME_H_

#include "index/registry.h"

namespace sselab::sse::pibas {

index::SchemeEntry PibasScheme();

}  // namespace sselab::sse::pibas

#endif  // SSELAB_SSE_PIBAS_PIBAS_SCHEME_H_
