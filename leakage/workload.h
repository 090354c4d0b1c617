// Workloads for leakage runs: which keywords are searched, repeated and updated.
//
// Searches draw keywords uniformly from the `pool` most frequent keywords of the corpus
// (the setting of the count and IKK attack papers, which target frequent keywords); a
// `repeat` fraction of them repeats a keyword searched before. For dynamic schemes,
// `inserts` new (keyword, fresh id) pairs follow, half of them for keywords already
// searched; then `removes` of those inserted pairs; then each updated keyword is searched
// once more (so backward privacy can be observed). Deterministic in `seed`.
//
// Then come `conjunctions` conjunctive searches (leakage/conjunctions.h), drawn from the
// corpus's documents.
//
// With `batches` > 0 the corpus itself is dynamic: the index is built over the first
// documents, and the last `arriving` fraction of them (in corpus order: SpamAssassin's
// message order) arrives in `batches` update batches of consecutive documents. The
// searches are spread over the run, before, between and after the batches, so that
// keywords searched early receive later updates (what forward privacy is about).
#ifndef SSELAB_LEAKAGE_WORKLOAD_H_
#define SSELAB_LEAKAGE_WORKLOAD_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "index/document.h"
#include "leakage/transcript.h"

namespace sselab::leakage {

// Keywords of a corpus by number of documents, most frequent first (ties by keyword).
struct KeywordCounts {
  std::vector<std::pair<std::string, uint64_t>> ranked;
  uint64_t documents = 0;
  index::DocId max_id = 0;
};
KeywordCounts CountKeywords(const std::vector<index::Document>& docs);
// The same over documents held elsewhere (a sample of a corpus, without copying it).
KeywordCounts CountKeywords(std::span<const index::Document* const> docs);

// Reads a whole corpus into memory.
Result<std::vector<index::Document>> ReadAll(index::DocumentSource& source);

struct WorkloadSpec {
  uint64_t searches = 100;
  uint64_t pool = 500;
  double repeat = 0.2;
  uint64_t inserts = 0;
  uint64_t removes = 0;
  uint64_t seed = 1;
  uint64_t batches = 0;       // update batches the arriving documents come in (0: none)
  double arriving = 0.5;      // fraction of the corpus's documents that arrive after the build
  uint64_t conjunctions = 0;  // conjunctive searches, last (leakage/conjunctions.h)
  uint64_t max_terms = 3;     // terms per conjunction: 2 .. max_terms (at most 8)
};
// kInvalidArgument naming the field that is out of range.
Status ValidateWorkloadSpec(const WorkloadSpec& spec);

struct WorkloadOp {
  OpKind kind = OpKind::kSearch;
  std::string keyword;
  // A conjunctive search (kind kSearch, keyword empty): its terms, distinct, two or more.
  std::vector<std::string> terms;
  index::DocId id = 0;  // inserts and removes
  // An update batch of the corpus's own documents [first_doc, end_doc) (kind kInsert,
  // keyword empty).
  bool corpus_batch = false;
  size_t first_doc = 0;
  size_t end_doc = 0;
};

// `docs`, the corpus `counts` counts, is where the conjunctions are drawn from: without
// it the workload has none.
std::vector<WorkloadOp> MakeWorkload(const KeywordCounts& counts, const WorkloadSpec& spec,
                                     std::span<const index::Document> docs = {});

// How many of the corpus's documents the build indexes: those before the first corpus
// batch of `workload`, or all of them.
size_t BuiltDocuments(const std::vector<WorkloadOp>& workload, size_t documents);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_WORKLOAD_H_
