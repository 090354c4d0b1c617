// Deterministic synthetic corpora: keyword frequencies follow a Zipf law.
//
// Document d (0 <= d < docs) gets about pairs/docs keyword draws; keyword rank r (1-based)
// is drawn with probability proportional to 1/r^zipf; duplicates within a document are
// dropped, so the realized pair count is at most `pairs`. Keywords are named "w<rank>".
// The same spec and seed give the same corpus on every machine (SplitMix64 stream, no
// std:: distributions, whose output varies between standard libraries).
#ifndef SSELAB_INDEX_SYNTHETIC_H_
#define SSELAB_INDEX_SYNTHETIC_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "base/result.h"
#include "index/document.h"

namespace sselab::index {

struct SynthSpec {
  uint64_t docs = 1000;
  uint64_t keywords = 500;
  uint64_t pairs = 20000;
  double zipf = 1.0;
  uint64_t seed = 1;
};

// kInvalidArgument naming the field for docs = 0, keywords = 0, pairs < docs or zipf < 0.
Status ValidateSynthSpec(const SynthSpec& spec);

// A stream of the corpus's documents, generated on the fly (constant memory besides the
// keyword CDF). REQUIRES: ValidateSynthSpec(spec).ok().
std::unique_ptr<DocumentSource> NewSyntheticSource(const SynthSpec& spec);

}  // namespace sselab::index

#endif  // SSELAB_INDEX_SYNTHETIC_H_
