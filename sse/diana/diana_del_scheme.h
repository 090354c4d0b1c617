// The `diana-del` scheme entry: Diana_del (Bost, Minaud, Ohrimenko, CCS 2017, §5),
// forward- and Type-III backward-private dynamic SSE from two Diana instances.
// papers/bmo17.md.
#ifndef SSELAB_SSE_DIANA_DIANA_DEL_SCHEME_H_
#define SSELAB_SSE_DIANA_DIANA_DEL_SCHEME_H_

#include "index/registry.h"

namespace sselab::sse::diana {

index::SchemeEntry DianaDelScheme();

}  // namespace sselab::sse::diana

#endif  // SSELAB_SSE_DIANA_DIANA_DEL_SCHEME_H_
