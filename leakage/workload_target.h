// WorkloadTarget: what a leakage run plays its workload on.
//
// The in-process Recorder (recorder.h) is one; a remote index whose server records its
// own view is the other (net/remote_recording.h). PlayWorkload (record_run.h) drives
// either the same way, so a run in one process and a run against a real server differ
// only in who recorded the server's view.
#ifndef SSELAB_LEAKAGE_WORKLOAD_TARGET_H_
#define SSELAB_LEAKAGE_WORKLOAD_TARGET_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "index/client.h"
#include "index/document.h"
#include "leakage/transcript.h"

namespace sselab::leakage {

class WorkloadTarget {
 public:
  virtual ~WorkloadTarget() = default;
  // Each call is one operation of the run, with its ground truth kept beside the view.
  virtual Result<index::BuildStats> Build(index::DocumentSource& corpus,
                                          const index::ProgressFn& progress,
                                          std::string corpus_name) = 0;
  virtual Result<std::vector<index::DocId>> Search(std::string_view keyword) = 0;
  // A conjunction of two or more distinct keywords (index::Client::SearchConjunction), as
  // one operation; its truth names the query (index::Query::ToString) and lists its terms.
  virtual Result<std::vector<index::DocId>> SearchConjunction(
      std::span<const std::string> terms) = 0;
  virtual Status Insert(std::string_view keyword, index::DocId id) = 0;
  virtual Status Remove(std::string_view keyword, index::DocId id) = 0;
  // One update batch adding every pair of `docs` (index::Client::Update).
  virtual Status AddBatch(std::span<const index::Document> docs) = 0;
};

// The ground truth of a batch adding `docs`: their ids, and their distinct keywords,
// sorted.
OpTruth BatchTruth(std::span<const index::Document> docs);
// The ground truth of a conjunctive search: the query's text, its terms, its result.
OpTruth ConjunctionTruth(std::span<const std::string> terms, std::vector<index::DocId> ids);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_WORKLOAD_TARGET_H_
