// The file-injection attack (leakage/attacks/file_injection.h, ZKP16) played on a real
// transcript of one scheme, and scored.
//
// The scheme is built over the corpus with a Recorder; the adversary injects the planned
// documents through the client's ordinary add path (one update per document, fresh ids
// above the corpus's), and the client searches keywords drawn uniformly from the universe
// (the m most frequent keywords of the corpus), before or after the injection. The attack
// reads the server's view only, plus what the adversary knows by itself: which operations
// were its injections and what each injected document held. A search is recovered when
// the keyword decoded from the injected documents it touched is the one searched (ground
// truth, used for nothing else).
//   inject first: a search touches an injected document when it read an entry that the
//     document's injection wrote (Observations::read ∩ written);
//   search first: the server replays every search request it kept on what each injection
//     wrote (ReplayMatrix, leakage/update_replay.h).
// Static schemes (no dynamic capability) take no injection: not applicable.
#ifndef SSELAB_LEAKAGE_INJECTION_RUN_H_
#define SSELAB_LEAKAGE_INJECTION_RUN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "index/document.h"
#include "index/registry.h"
#include "leakage/attacks/file_injection.h"

namespace sselab::leakage {

struct InjectionSpec {
  std::string scheme;
  std::vector<std::string> params;  // "k=v"
  uint64_t universe = 64;           // m: the most frequent keywords of the corpus
  uint64_t searches = 50;
  attacks::InjectionVariant variant = attacks::InjectionVariant::kBinary;
  uint32_t threshold = 8;  // T, for the threshold variant: keywords per injected document
  attacks::InjectionOrder order = attacks::InjectionOrder::kInjectFirst;
  uint64_t seed = 1;
};

struct InjectionResult {
  bool applicable = false;  // false: a static scheme, nothing was run
  uint64_t universe = 0;    // m actually used (at most the corpus's distinct keywords)
  uint64_t injected_documents = 0;
  uint64_t max_keywords_per_document = 0;
  uint64_t searches = 0;   // searches scored
  uint64_t recovered = 0;  // ... whose keyword the attack decoded right
  uint64_t guessed = 0;    // ... for which it decoded some keyword
  std::string note;        // one line: how touching was decided, or why not applicable
  double Rate() const {
    return searches ? static_cast<double>(recovered) / static_cast<double>(searches) : 0.0;
  }
};

// kNotFound for an unknown scheme; kInvalidArgument for bad params, universe or searches
// of 0, threshold 0 (threshold variant) or an empty corpus; any failing operation of the
// run fails it, named.
Result<InjectionResult> RunInjection(const index::Registry& registry, const InjectionSpec& spec,
                                     const std::vector<index::Document>& corpus);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_INJECTION_RUN_H_
