// OXT — Oblivious Cross-Tags, the conjunctive scheme of
//   [CJJ+13] D. Cash, S. Jarecki, C. Jutla, H. Krawczyk, M.-C. Roşu, M. Steiner,
//   "Highly-Scalable Searchable Symmetric Encryption with Support for Boolean Queries",
//   CRYPTO 2013 (eprint 2013/169), Figure 2.
//
// Static: built once from a corpus. A conjunction costs one TSet walk of its rarest term
// (the s-term) and one group exponentiation per (s-term entry × other term). Group:
// ristretto255 (crypto/ristretto255.h). See papers/cjjkrs13.md for the algorithm-to-code
// table, the declared leakage and the deviations.
#ifndef SSELAB_SSE_OXT_OXT_SCHEME_H_
#define SSELAB_SSE_OXT_OXT_SCHEME_H_

#include "index/registry.h"

namespace sselab::sse::oxt {

index::SchemeEntry OxtScheme();

}  // namespace sselab::sse::oxt

#endif  // SSELAB_SSE_OXT_OXT_SCHEME_H_
