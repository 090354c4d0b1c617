// Recorder: runs one scheme in process and records the server's view of every operation.
//
// The server runs over a store wrapped in a storage::RecordingStore (in memory, or the
// embedded RocksDB store in RecorderOptions::store_dir), and the client reaches it through
// an index::RecordingChannel, so the transcript holds every message and every store
// access, attributed to the client operation that caused it. After each operation the
// raw entries it wrote are read back from the store itself, bypassing the recording
// (ServerOp::stored); after setup, every entry of every table, read from the store's
// files once flushed. The key is fresh and lives only in this object.
#ifndef SSELAB_LEAKAGE_RECORDER_H_
#define SSELAB_LEAKAGE_RECORDER_H_

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "crypto/secret_key.h"
#include "index/channel.h"
#include "index/client.h"
#include "index/registry.h"
#include "leakage/transcript.h"
#include "leakage/workload_target.h"
#include "storage/recording_store.h"

namespace sselab::leakage {

struct RecorderOptions {
  std::string scheme;
  std::vector<std::string> params;  // "k=v"
  // Keep the setup upload's message bytes (by default only their sizes: the entries they
  // carry are recorded again as the store's bulk loads).
  bool keep_setup_messages = false;
  // Empty: the server's store is in memory. Otherwise a new RocksDB store is created in
  // this directory (which must not hold one) and left there for inspection.
  std::filesystem::path store_dir;
};

class Recorder final : public WorkloadTarget {
 public:
  // kNotFound for an unknown scheme, kInvalidArgument for bad params.
  static Result<std::unique_ptr<Recorder>> Create(const index::Registry& registry,
                                                  const RecorderOptions& options);
  ~Recorder() override;
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Each call records one operation (also when it fails: what the server saw until the
  // failure is kept).
  Result<index::BuildStats> Build(index::DocumentSource& corpus, const index::ProgressFn& progress,
                                  std::string corpus_name) override;
  Result<std::vector<index::DocId>> Search(std::string_view keyword) override;
  Result<std::vector<index::DocId>> SearchConjunction(std::span<const std::string> terms) override;
  Status Insert(std::string_view keyword, index::DocId id) override;
  Status Remove(std::string_view keyword, index::DocId id) override;
  // One operation of kind kInsert, whose truth is BatchTruth(docs).
  Status AddBatch(std::span<const index::Document> docs) override;

  const index::SchemeEntry& entry() const { return *entry_; }
  const index::Params& params() const { return *params_; }
  const Transcript& transcript() const { return transcript_; }
  // The scheme's keyword-guessing attack (public-key schemes), holding only the public
  // keys of this run; kUnsupported for other schemes.
  Result<index::KeywordGuesser> KeywordGuesser() const;
  // Moves the transcript out; the recorder is then done.
  Transcript TakeTranscript() { return std::move(transcript_); }

 private:
  Recorder() = default;
  // Moves what the channel and store recorded since the last call into a new operation,
  // with the raw entries it wrote read back from the store. The operation is kept even
  // when reading back fails; the error is returned.
  Status Close(OpKind kind, OpTruth truth);
  // Closes a search whose client call returned `ids`, with `truth` (its ids filled here).
  Result<std::vector<index::DocId>> CloseSearch(Result<std::vector<index::DocId>> ids,
                                                OpTruth truth);

  RecorderOptions options_;
  const index::SchemeEntry* entry_ = nullptr;
  std::optional<index::Params> params_;
  std::optional<crypto::SecretKey> key_;
  std::unique_ptr<storage::Store> inner_;  // the server's store, unrecorded
  std::unique_ptr<storage::Store> state_;  // the client state, for schemes that keep one
  std::unique_ptr<storage::RecordingStore> store_;
  std::unique_ptr<index::Server> server_;
  std::unique_ptr<index::LocalChannel> local_;
  std::unique_ptr<index::RecordingChannel> channel_;
  std::unique_ptr<index::Client> client_;
  Transcript transcript_;
};

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_RECORDER_H_
