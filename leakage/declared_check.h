// Observed ⊆ declared: does what the server saw stay within a scheme's declared leakage?
//
// Each rule below turns one flag of index::LeakageProfile that says "hidden" into a
// condition on the measures and scores; a violated rule is reported with the numbers
// that break it. A flag declared as leaked needs no check (declaring more than is
// observed is allowed: it is an upper bound).
//   search_pattern = false     no two searches for one keyword fall in one class
//   result_ids = false         no result item recurs across searches of different classes
//   volume = false             every search reply has the same volume
//   at_rest_frequency = false  no two stored entries share an at-rest group, none group
//                              in the raw store (raw_grouping.h), and every table's
//                              values have one size
//   forward_private = true     updates of a searched keyword are not linked to its
//                              searches, nor adds to earlier writers of their keywords,
//                              beyond the baseline of other keywords (ExceedsBaseline)
//   backward_privacy = Type-X  the observed type (ObservedBackwardType) is Type-X or
//                              stronger
#ifndef SSELAB_LEAKAGE_DECLARED_CHECK_H_
#define SSELAB_LEAKAGE_DECLARED_CHECK_H_

#include <string>
#include <vector>

#include "index/scheme_info.h"
#include "leakage/measures.h"

namespace sselab::leakage {

// One message per violated rule; empty when the observation is within the declaration.
std::vector<std::string> CheckDeclared(const index::LeakageProfile& declared,
                                       const Measures& measured, const Scores& scores);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_DECLARED_CHECK_H_
