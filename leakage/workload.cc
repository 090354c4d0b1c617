#include "leakage/workload.h"

#include "leakage/conjunctions.h"

#include <algorithm>
#include <random>
#include <set>
#include <string_view>
#include <unordered_map>

namespace sselab::leakage {

KeywordCounts CountKeywords(std::span<const index::Document* const> docs) {
  KeywordCounts out;
  // Counted by view into the documents (a corpus of 10^6 pairs would otherwise copy and
  // compare 10^6 strings in a tree), copied once per distinct keyword.
  std::unordered_map<std::string_view, uint64_t> counts;
  for (const index::Document* d : docs) {
    for (const std::string& w : d->keywords) ++counts[w];
    out.max_id = std::max(out.max_id, d->id);
  }
  out.documents = docs.size();
  out.ranked.reserve(counts.size());
  for (const auto& [w, n] : counts) out.ranked.emplace_back(std::string(w), n);
  std::sort(out.ranked.begin(), out.ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return out;
}

KeywordCounts CountKeywords(const std::vector<index::Document>& docs) {
  std::vector<const index::Document*> all;
  all.reserve(docs.size());
  for (const index::Document& d : docs) all.push_back(&d);
  return CountKeywords(all);
}

Result<std::vector<index::Document>> ReadAll(index::DocumentSource& source) {
  std::vector<index::Document> docs;
  index::Document d;
  while (true) {
    SSELAB_ASSIGN_OR_RETURN(bool more, source.Next(d));
    if (!more) break;
    docs.push_back(std::move(d));
  }
  return docs;
}

Status ValidateWorkloadSpec(const WorkloadSpec& spec) {
  if (spec.pool == 0) return InvalidArgumentError("workload: pool must be at least 1");
  if (!(spec.repeat >= 0 && spec.repeat < 1)) {
    return InvalidArgumentError("workload: repeat must be in [0, 1)");
  }
  if (!(spec.arriving > 0 && spec.arriving < 1)) {
    return InvalidArgumentError("workload: arriving must be in (0, 1)");
  }
  if (spec.max_terms < 2 || spec.max_terms > 8) {
    return InvalidArgumentError("workload: max_terms must be in 2..8, got " +
                                std::to_string(spec.max_terms));
  }
  if (spec.removes > spec.inserts) {
    return InvalidArgumentError("workload: removes (" + std::to_string(spec.removes) +
                                ") exceed inserts (" + std::to_string(spec.inserts) +
                                "): only inserted pairs are removed");
  }
  return OkStatus();
}

std::vector<WorkloadOp> MakeWorkload(const KeywordCounts& counts, const WorkloadSpec& spec,
                                     std::span<const index::Document> docs) {
  std::vector<WorkloadOp> ops;
  if (counts.ranked.empty()) return ops;
  std::mt19937_64 rng(spec.seed);
  uint64_t pool = std::min<uint64_t>(spec.pool, counts.ranked.size());
  std::uniform_int_distribution<uint64_t> pick(0, pool - 1);
  std::bernoulli_distribution repeat(spec.repeat);
  std::vector<std::string> searched;
  // With corpus batches, segment s of the searches precedes batch s.
  const uint64_t batches =
      std::min<uint64_t>(spec.batches, counts.documents > 1 ? counts.documents - 1 : 0);
  const auto arriving =
      static_cast<uint64_t>(spec.arriving * static_cast<double>(counts.documents));
  const uint64_t built =
      counts.documents - std::clamp<uint64_t>(arriving, batches, counts.documents - 1);
  uint64_t next_batch = 0;
  auto emit_batch = [&] {
    const uint64_t tail = counts.documents - built;
    ops.push_back({.kind = OpKind::kInsert,
                   .corpus_batch = true,
                   .first_doc = built + tail * next_batch / batches,
                   .end_doc = built + tail * (next_batch + 1) / batches});
    ++next_batch;
  };
  for (uint64_t i = 0; i < spec.searches; ++i) {
    while (batches > 0 && next_batch < batches &&
           i >= spec.searches * (next_batch + 1) / (batches + 1)) {
      emit_batch();
    }
    std::string w;
    if (!searched.empty() && repeat(rng)) {
      w = searched[std::uniform_int_distribution<size_t>(0, searched.size() - 1)(rng)];
    } else {
      w = counts.ranked[pick(rng)].first;
    }
    searched.push_back(w);
    ops.push_back({.kind = OpKind::kSearch, .keyword = w});
  }
  while (next_batch < batches) emit_batch();
  std::vector<WorkloadOp> inserted;
  index::DocId next = counts.max_id + 1;
  for (uint64_t i = 0; i < spec.inserts; ++i) {
    bool old = i % 2 == 0 && !searched.empty();
    std::string w =
        old ? searched[std::uniform_int_distribution<size_t>(0, searched.size() - 1)(rng)]
            : counts.ranked[pick(rng)].first;
    inserted.push_back({.kind = OpKind::kInsert, .keyword = w, .id = next++});
  }
  ops.insert(ops.end(), inserted.begin(), inserted.end());
  std::set<std::string> updated;
  for (uint64_t i = 0; i < spec.removes; ++i) {
    WorkloadOp r = inserted[i];
    r.kind = OpKind::kRemove;
    ops.push_back(r);
  }
  for (const WorkloadOp& op : inserted) {
    if (updated.insert(op.keyword).second) {
      ops.push_back({.kind = OpKind::kSearch, .keyword = op.keyword});
    }
  }
  std::vector<WorkloadOp> conjunctions = MakeConjunctions(docs, counts, spec);
  ops.insert(ops.end(), conjunctions.begin(), conjunctions.end());
  return ops;
}

size_t BuiltDocuments(const std::vector<WorkloadOp>& workload, size_t documents) {
  for (const WorkloadOp& op : workload) {
    if (op.corpus_batch) return op.first_doc;
  }
  return documents;
}

}  // namespace sselab::leakage
