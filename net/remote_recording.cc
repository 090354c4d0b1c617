#include "net/remote_recording.h"

#include <functional>
#include <utility>

#include "leakage/transcript_file.h"

namespace sselab::net {

Result<std::unique_ptr<RemoteRecording>> RemoteRecording::Create(const index::Registry& registry,
                                                                 RemoteRecordingOptions options) {
  SSELAB_ASSIGN_OR_RETURN(const index::SchemeEntry* entry, registry.Find(options.scheme));
  SSELAB_ASSIGN_OR_RETURN(index::Params params,
                          index::Params::Parse(options.scheme, entry->info.params, options.params));
  if (options.client_dir.empty()) {
    return InvalidArgumentError("remote recording: no directory for the client's half");
  }
  std::unique_ptr<RemoteRecording> r(new RemoteRecording());
  r->caps_ = index::DeclaredCapabilities(*entry, params);
  r->registry_ = &registry;
  SSELAB_ASSIGN_OR_RETURN(r->remote_, ConnectRemote(options.remote));
  r->options_ = std::move(options);
  return r;
}

Status RemoteRecording::Track(const std::function<Status()>& op,
                              const std::function<leakage::OpTruth()>& truth) {
  SSELAB_ASSIGN_OR_RETURN(const Traffic before, TrafficOf(*remote_));
  Status done = op();
  SSELAB_ASSIGN_OR_RETURN(const Traffic after, TrafficOf(*remote_));
  if (after.calls != before.calls) truth_.ops.push_back(truth());
  return done;
}

Result<index::BuildStats> RemoteRecording::Build(index::DocumentSource& corpus,
                                                 const index::ProgressFn& progress,
                                                 std::string corpus_name) {
  if (index_ != nullptr) return FailedPreconditionError("remote recording: built already");
  Status built = Track(
      [&]() -> Status {
        SSELAB_ASSIGN_OR_RETURN(index_, index::EncryptedIndex::Create(*registry_,
                                                                      {.scheme = options_.scheme,
                                                                       .params = options_.params,
                                                                       .dir = options_.client_dir,
                                                                       .progress = progress,
                                                                       .remote = remote_},
                                                                      corpus));
        return OkStatus();
      },
      [] { return leakage::OpTruth{}; });
  if (!built.ok()) return built.error();
  // Before the workload: a server that does not record would waste the whole run.
  SSELAB_ASSIGN_OR_RETURN(std::vector<RemoteIndexInfo> listed, ListRemoteIndexes(options_.remote));
  for (const RemoteIndexInfo& info : listed) {
    if (info.name == options_.remote.index && !info.recording) {
      return FailedPreconditionError(remote_->Where() +
                                     " does not record what it sees: start `sselab serve` "
                                     "with --record DIR for a lab run against it");
    }
  }
  const index::BuildStats& stats = index_->meta().stats;
  truth_.corpus = std::move(corpus_name);
  truth_.documents = stats.documents;
  truth_.keywords = stats.keywords;
  truth_.pairs = stats.pairs;
  return stats;
}

Result<std::vector<index::DocId>> RemoteRecording::TrackSearch(
    const std::function<Result<std::vector<index::DocId>>()>& search, leakage::OpTruth truth) {
  if (index_ == nullptr) return FailedPreconditionError("remote recording: not built");
  Result<std::vector<index::DocId>> ids = std::vector<index::DocId>();
  Status tracked = Track(
      [&] {
        ids = search();
        return ids.ok() ? OkStatus() : Status(ids.error());
      },
      [&] {
        if (ids.ok()) truth.ids = *ids;
        return truth;
      });
  if (!tracked.ok()) return tracked.error();
  return ids;
}

Result<std::vector<index::DocId>> RemoteRecording::Search(std::string_view keyword) {
  return TrackSearch([&] { return index_->Search(keyword); },
                     leakage::OpTruth{.keyword = std::string(keyword)});
}

Result<std::vector<index::DocId>> RemoteRecording::SearchConjunction(
    std::span<const std::string> terms) {
  index::Query query;
  query.terms.assign(terms.begin(), terms.end());
  return TrackSearch([&] { return index_->Search(query); }, leakage::ConjunctionTruth(terms, {}));
}

Status RemoteRecording::Insert(std::string_view keyword, index::DocId id) {
  if (index_ == nullptr) return FailedPreconditionError("remote recording: not built");
  return Track([&] { return index_->Insert(keyword, id); },
               [&] { return leakage::OpTruth{.keyword = std::string(keyword), .ids = {id}}; });
}

Status RemoteRecording::Remove(std::string_view keyword, index::DocId id) {
  if (index_ == nullptr) return FailedPreconditionError("remote recording: not built");
  return Track([&] { return index_->Remove(keyword, id); },
               [&] { return leakage::OpTruth{.keyword = std::string(keyword), .ids = {id}}; });
}

Status RemoteRecording::AddBatch(std::span<const index::Document> docs) {
  if (index_ == nullptr) return FailedPreconditionError("remote recording: not built");
  return Track([&] { return index_->UpdateBatch(index::UpdateKind::kAdd, docs); },
               [&] { return leakage::BatchTruth(docs); });
}

Result<leakage::Transcript> RemoteRecording::Finish() {
  if (index_ == nullptr) return FailedPreconditionError("remote recording: not built");
  SSELAB_RETURN_IF_ERROR(index_->Flush());
  SSELAB_ASSIGN_OR_RETURN(Bytes encoded, FetchRecording(options_.remote));
  const std::string what =
      "the recording of index " + options_.remote.index + " on " + remote_->Where();
  SSELAB_ASSIGN_OR_RETURN(leakage::ServerView view, leakage::DecodeView(encoded, what));
  if (view.ops.size() != truth_.ops.size()) {
    return FailedPreconditionError(
        what + " holds " + std::to_string(view.ops.size()) + " operations, and this run made " +
        std::to_string(truth_.ops.size()) +
        " that reached the server: another client used the index meanwhile, or the server "
        "restarted");
  }
  return leakage::Transcript{.view = std::move(view), .truth = truth_};
}

Status RemoteRecording::Drop() {
  index_.reset();
  return remote_->DropIndex();
}

}  // namespace sselab::net
