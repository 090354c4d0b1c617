// The `mitra` scheme entry: Mitra (Chamani, Papadopoulos, Papamanthou, Jalili, CCS 2018),
// forward- and Type-II backward-private dynamic SSE from a PRF alone. papers/cppj18.md.
#ifndef SSELAB_SSE_MITRA_MITRA_SCHEME_H_
#define SSELAB_SSE_MITRA_MITRA_SCHEME_H_

#include "index/registry.h"

namespace sselab::sse::mitra {

index::SchemeEntry MitraScheme();

}  // namespace sselab::sse::mitra

#endif  // SSELAB_SSE_MITRA_MITRA_SCHEME_H_
