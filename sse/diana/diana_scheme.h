// The `diana` scheme entry: Diana (Bost, Minaud, Ohrimenko, CCS 2017), forward-private
// dynamic SSE from a constrained PRF (the GGM tree, crypto/ggm.h). papers/bmo17.md.
#ifndef SSELAB_SSE_DIANA_DIANA_SCHEME_H_
#define SSELAB_SSE_DIANA_DIANA_SCHEME_H_

#include "index/registry.h"

namespace sselab::sse::diana {

index::SchemeEntry DianaScheme();

}  // namespace sselab::sse::diana

#endif  // SSELAB_SSE_DIANA_DIANA_SCHEME_H_
