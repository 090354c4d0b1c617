// RemoteRecording: a leakage run against a real server that records what it sees
// (`sselab serve --record`).
//
// The workload goes through an index whose server half is on that server, exactly as an
// application's would. The client keeps the ground truth, as the in-process Recorder
// does; the view is the one the server recorded itself (leakage/server_recorder.h),
// fetched at the end. So measures and attacks, scored, run on what a real remote server
// observed. An operation that sends the server nothing (a Diana search for a keyword
// never added) is not in the server's view, and its truth is left out with it.
#ifndef SSELAB_NET_REMOTE_RECORDING_H_
#define SSELAB_NET_REMOTE_RECORDING_H_

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "index/encrypted_index.h"
#include "index/registry.h"
#include "leakage/transcript.h"
#include "leakage/workload_target.h"
#include "net/remote.h"

namespace sselab::net {

struct RemoteRecordingOptions {
  RemoteOptions remote;  // the server, the index's name there (must be free), TLS files
  std::string scheme;
  std::vector<std::string> params;  // "k=v"
  // The client's half of the index (key, state); must not exist.
  std::filesystem::path client_dir;
};

// Thread safety: one thread at a time.
class RemoteRecording final : public leakage::WorkloadTarget {
 public:
  // kNotFound for an unknown scheme, kInvalidArgument for bad params or options.
  static Result<std::unique_ptr<RemoteRecording>> Create(const index::Registry& registry,
                                                         RemoteRecordingOptions options);

  // The scheme's capabilities under the run's parameters (for PlayWorkload).
  const index::Capabilities& capabilities() const { return caps_; }

  Result<index::BuildStats> Build(index::DocumentSource& corpus, const index::ProgressFn& progress,
                                  std::string corpus_name) override;
  Result<std::vector<index::DocId>> Search(std::string_view keyword) override;
  Result<std::vector<index::DocId>> SearchConjunction(std::span<const std::string> terms) override;
  Status Insert(std::string_view keyword, index::DocId id) override;
  Status Remove(std::string_view keyword, index::DocId id) override;
  Status AddBatch(std::span<const index::Document> docs) override;

  // Flushes the index, fetches the server's view of it and pairs it with the ground
  // truth. kFailedPrecondition if the server does not record, or if its view holds
  // other operations than this run's (another client used the index meanwhile).
  Result<leakage::Transcript> Finish();
  // Drops the index from the server (its recording stays in the server's record
  // directory).
  Status Drop();

 private:
  RemoteRecording() = default;
  // Runs `op`; keeps `truth()` if the operation sent the server anything.
  Status Track(const std::function<Status()>& op, const std::function<leakage::OpTruth()>& truth);
  // Track for a search: runs `search`, keeps `truth` with the ids it returned.
  Result<std::vector<index::DocId>> TrackSearch(
      const std::function<Result<std::vector<index::DocId>>()>& search, leakage::OpTruth truth);

  RemoteRecordingOptions options_;
  const index::Registry* registry_ = nullptr;
  index::Capabilities caps_;
  std::shared_ptr<index::RemoteServer> remote_;
  std::unique_ptr<index::EncryptedIndex> index_;
  leakage::GroundTruth truth_;
};

}  // namespace sselab::net

#endif  // SSELAB_NET_REMOTE_RECORDING_H_
