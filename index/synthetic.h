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
#include <string>
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
  // Planted keywords "p<size>", each in exactly `size` documents spread evenly over the
  // corpus (every floor(docs/size)-th document), so latency can be plotted against
  // result size. REQUIRES: each size <= docs.
  std::vector<uint64_t> plant;
};

// The name of the keyword planted with `size` results: "p<size>".
std::string PlantedKeyword(uint64_t size);

// kInvalidArgument naming the field for docs = 0, keywords = 0, pairs < docs, zipf < 0,
// or a planted size of 0 or above docs.
Status ValidateSynthSpec(const SynthSpec& spec);

// A stream of the corpus's documents, generated on the fly (constant memory besides the
// keyword CDF). REQUIRES: ValidateSynthSpec(spec).ok().
std::unique_ptr<DocumentSource> NewSyntheticSource(const SynthSpec& spec);

}  // namespace sselab::index

#endif  // SSELAB_INDEX_SYNTHETIC_H_
