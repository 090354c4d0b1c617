// Scheme variants: every registered scheme in each of its modes, for suites and reports
// that must cover them all (conformance, leakage checks, the overview).
#ifndef SSELAB_SCHEMES_VARIANTS_H_
#define SSELAB_SCHEMES_VARIANTS_H_

#include <string>
#include <vector>

#include "index/registry.h"

namespace sselab::schemes {

struct Variant {
  std::string scheme;
  std::vector<std::string> params;  // "k=v"; empty = the defaults
  std::string Label() const;        // "pibas" or "pibas[mode=hiding]"
};

// One variant per scheme with its defaults, then one per non-default value of each
// choice parameter and each listed example of a free-form one (ParamSpec::examples).
// Schemes in name order; `only`, when not empty, keeps those schemes.
std::vector<Variant> AllVariants(const index::Registry& registry,
                                 const std::vector<std::string>& only = {});

}  // namespace sselab::schemes

#endif  // SSELAB_SCHEMES_VARIANTS_H_
