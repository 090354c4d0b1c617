#include "leakage/conjunction_measure.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>

namespace sselab::leakage {
namespace {

double PerQuery(uint64_t total, uint64_t queries) {
  return queries == 0 ? 0.0 : static_cast<double>(total) / static_cast<double>(queries);
}

uint64_t Beyond(uint64_t seen, uint64_t result) { return seen > result ? seen - result : 0; }

}  // namespace

double ConjunctionLeakage::ItemsBeyondPerQuery() const {
  return PerQuery(items_beyond, conjunctions);
}
double ConjunctionLeakage::ReadsBeyondPerQuery() const {
  return PerQuery(reads_beyond, conjunctions);
}
double ConjunctionLeakage::ResultPerQuery() const { return PerQuery(result_ids, conjunctions); }

void MarkConjunctions(Observations& obs, const GroundTruth& truth) {
  if (truth.ops.size() != obs.ops.size()) return;
  for (size_t i = 0; i < obs.ops.size(); ++i) {
    Observation& o = obs.ops[i];
    o.conjunction = o.kind == OpKind::kSearch && truth.ops[i].keywords.size() >= 2;
  }
}

ConjunctionLeakage MeasureConjunctions(const Observations& obs, const GroundTruth& truth) {
  ConjunctionLeakage out;
  if (truth.ops.size() != obs.ops.size()) return out;
  for (size_t i = 0; i < obs.ops.size(); ++i) {
    const Observation& o = obs.ops[i];
    const OpTruth& t = truth.ops[i];
    if (!o.conjunction) continue;
    ++out.conjunctions;
    out.terms += t.keywords.size();
    out.result_ids += t.ids.size();
    out.items += o.volume;
    out.read_entries += o.read.size();
    out.items_beyond += Beyond(o.volume, t.ids.size());
    out.reads_beyond += Beyond(o.read.size(), t.ids.size());
  }
  std::vector<size_t> conjunctions;
  for (size_t i = 0; i < obs.ops.size(); ++i) {
    if (obs.ops[i].conjunction) conjunctions.push_back(i);
  }
  for (size_t a = 0; a < conjunctions.size(); ++a) {
    const size_t i = conjunctions[a];
    const std::set<std::string> terms(truth.ops[i].keywords.begin(), truth.ops[i].keywords.end());
    for (size_t b = a + 1; b < conjunctions.size(); ++b) {
      const size_t j = conjunctions[b];
      const bool share = std::any_of(truth.ops[j].keywords.begin(), truth.ops[j].keywords.end(),
                                     [&](const std::string& w) { return terms.contains(w); });
      const std::vector<uint32_t>& ri = obs.ops[i].read;
      const std::vector<uint32_t>& rj = obs.ops[j].read;
      std::vector<uint32_t> common;
      std::set_intersection(ri.begin(), ri.end(), rj.begin(), rj.end(), std::back_inserter(common));
      const bool linked = !common.empty();
      (share ? out.sharing_pairs : out.other_pairs) += 1;
      (share ? out.sharing_pairs_linked : out.other_pairs_linked) += linked ? 1 : 0;
    }
  }
  return out;
}

}  // namespace sselab::leakage
