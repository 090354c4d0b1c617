#include "leakage/record_run.h"

namespace sselab::leakage {

Status PlayWorkload(WorkloadTarget& target, const index::Capabilities& caps,
                    const std::vector<index::Document>& docs,
                    const std::vector<WorkloadOp>& workload, const std::string& corpus_name,
                    const index::ProgressFn& progress) {
  // A static scheme cannot take the arriving documents: it is built over all of them.
  const size_t built = caps.dynamic ? BuiltDocuments(workload, docs.size()) : docs.size();
  index::VectorDocumentSource source(
      std::vector<index::Document>(docs.begin(), docs.begin() + static_cast<long>(built)));
  SSELAB_RETURN_IF_ERROR(target.Build(source, progress, corpus_name));
  for (size_t i = 0; i < workload.size(); ++i) {
    const WorkloadOp& op = workload[i];
    Status s = OkStatus();
    switch (op.kind) {
      case OpKind::kSearch: {
        auto ids =
            op.terms.empty() ? target.Search(op.keyword) : target.SearchConjunction(op.terms);
        if (!ids.ok()) s = ids.error();
        break;
      }
      case OpKind::kInsert:
        if (!caps.dynamic) break;
        if (op.corpus_batch) {
          if (op.end_doc > docs.size() || op.first_doc > op.end_doc) {
            return InvalidArgumentError("workload batch beyond the corpus");
          }
          s = target.AddBatch(std::span<const index::Document>(docs).subspan(
              op.first_doc, op.end_doc - op.first_doc));
        } else {
          s = target.Insert(op.keyword, op.id);
        }
        break;
      case OpKind::kRemove:
        if (caps.deletions) s = target.Remove(op.keyword, op.id);
        break;
      case OpKind::kSetup:
      case OpKind::kUpdate:  // kinds of server-side recordings only: a workload has none
      case OpKind::kUnknown:
        break;
    }
    if (!s.ok()) {
      return s.error().WithContext("workload operation " + std::to_string(i) + " (" +
                                   std::string(OpKindName(op.kind)) + ")");
    }
  }
  return OkStatus();
}

Result<Transcript> RecordRun(const index::Registry& registry, const RecorderOptions& options,
                             const std::vector<index::Document>& docs,
                             const std::vector<WorkloadOp>& workload,
                             const std::string& corpus_name, const index::ProgressFn& progress,
                             index::KeywordGuesser* guesser) {
  SSELAB_ASSIGN_OR_RETURN(auto recorder, Recorder::Create(registry, options));
  SSELAB_RETURN_IF_ERROR(
      PlayWorkload(*recorder, index::DeclaredCapabilities(recorder->entry(), recorder->params()),
                   docs, workload, corpus_name, progress));
  if (guesser != nullptr && recorder->entry().keyword_guesser) {
    SSELAB_ASSIGN_OR_RETURN(*guesser, recorder->KeywordGuesser());
  }
  return recorder->TakeTranscript();
}

}  // namespace sselab::leakage
