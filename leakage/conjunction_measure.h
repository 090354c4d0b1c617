// What conjunctive searches show the server beyond their result (papers/leakage.md,
// "Conjunctions").
//
// A conjunction of the run is a search whose ground truth lists two or more terms
// (ConjunctionTruth, workload_target.h): the truth only says which operations were
// conjunctions and how many ids each one's result holds; what the server learnt is read
// from the view alone, as the result items its replies handed back (counted with
// repeats: the ids of the response-revealing schemes, ciphertexts of the others) and the
// stored entries it read. The naive intersection hands back every term's full result;
// OXT hands back the result and reads the s-term's entries and the XSet's tested xtags.
#ifndef SSELAB_LEAKAGE_CONJUNCTION_MEASURE_H_
#define SSELAB_LEAKAGE_CONJUNCTION_MEASURE_H_

#include <cstdint>

#include "leakage/observation.h"
#include "leakage/transcript.h"

namespace sselab::leakage {

struct ConjunctionLeakage {
  uint64_t conjunctions = 0;
  uint64_t terms = 0;         // over all conjunctions
  uint64_t result_ids = 0;    // Σ |result| (truth)
  uint64_t items = 0;         // Σ result items handed back
  uint64_t read_entries = 0;  // Σ distinct entries read
  // Σ max(0, items − |result|) and Σ max(0, reads − |result|): what the server was shown
  // beyond the conjunction's own result.
  uint64_t items_beyond = 0;
  uint64_t reads_beyond = 0;
  // Pairs of conjunctions that share a term (truth), and those the server links because
  // they read a common stored entry (view): the naive intersection reads every term's
  // entries, so any shared term links; OXT links two conjunctions through a shared
  // s-term's TSet entries, or through an XSet test both made (a shared x-term and a
  // document holding it: the conditional intersection pattern). Pairs sharing no term
  // and linked all the same are counted apart.
  uint64_t sharing_pairs = 0;
  uint64_t sharing_pairs_linked = 0;
  uint64_t other_pairs = 0;
  uint64_t other_pairs_linked = 0;

  // Per conjunction, 0 without any.
  double ItemsBeyondPerQuery() const;
  double ReadsBeyondPerQuery() const;
  double ResultPerQuery() const;
};

// Sets Observation::conjunction for the searches whose truth lists two or more terms.
// Nothing without ground truth.
void MarkConjunctions(Observations& obs, const GroundTruth& truth);

// Over the marked searches.
ConjunctionLeakage MeasureConjunctions(const Observations& obs, const GroundTruth& truth);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_CONJUNCTION_MEASURE_H_
