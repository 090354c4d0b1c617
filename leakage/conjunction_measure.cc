#include "leakage/conjunction_measure.h"

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
  return out;
}

}  // namespace sselab::leakage
