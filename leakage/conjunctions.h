// Conjunctive searches for leakage runs: the queries of CRYPTO'13's setting, "a AND b",
// where OXT's server learns about the rarest term and the naive intersection every
// term's full result.
//
// Each conjunction is drawn from one document d of the corpus, chosen uniformly (among
// those with two or more keywords), so that it matches at least d: 2 .. max_terms of d's
// keywords, one drawn uniformly from d's field keywords (`from:…`, `subject:…`: a
// sender, a subject word; any keyword of d if it has no fields), whose frequencies vary
// from one document to thousands, the others from d's keywords among the `pool` most
// frequent of the corpus (from its other keywords when d has too few such): "from:alice
// AND invoice". The terms are listed in a random order: the scheme picks its s-term
// itself. Deterministic in the spec's seed.
#ifndef SSELAB_LEAKAGE_CONJUNCTIONS_H_
#define SSELAB_LEAKAGE_CONJUNCTIONS_H_

#include <span>
#include <vector>

#include "index/document.h"
#include "leakage/workload.h"

namespace sselab::leakage {

// spec.conjunctions searches (fewer if no document has two keywords), kind kSearch with
// `terms` set. `counts` counts `docs`.
std::vector<WorkloadOp> MakeConjunctions(std::span<const index::Document> docs,
                                         const KeywordCounts& counts, const WorkloadSpec& spec);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_CONJUNCTIONS_H_
