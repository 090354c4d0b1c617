// Diana client (BMO'17; lines as papers/bmo17.md numbers them): keys, the per-keyword
// update counters, and the client halves of Search and Update. Additions only: Remove is
// refused (Diana_del removes).
#ifndef SSELAB_SSE_DIANA_DIANA_CLIENT_H_
#define SSELAB_SSE_DIANA_DIANA_CLIENT_H_

#include <memory>

#include "index/channel.h"
#include "index/client.h"
#include "sse/common/batch_client.h"
#include "sse/common/counter_batch.h"
#include "sse/common/keyword_counters.h"
#include "sse/common/keyword_keys.h"
#include "sse/common/update_journal.h"
#include "sse/diana/diana_instance.h"
#include "storage/store.h"

namespace sselab::sse::diana {

class DianaClient : public BatchClient {
 public:
  // `state` is the client-state store; `state` and `channel` outlive the client.
  static Result<std::unique_ptr<index::Client>> Create(const crypto::SecretKey& master,
                                                       storage::Store& state,
                                                       index::Channel& channel);

  // The corpus goes up through the setup protocol (bulk-loaded by the server); the
  // counters are written to the client state as the lists are encrypted.
  Result<index::BuildStats> Build(index::DocumentSource& corpus,
                                  const index::ProgressFn& progress) override;
  Result<std::vector<index::DocId>> Search(std::string_view keyword) override;
  Status Remove(std::string_view keyword, index::DocId id) override;  // kUnsupported
  // One Update message for the whole batch; the counters are committed once, with it.
  Status Update(index::UpdateKind kind, std::span<const index::Document> docs) override;
  Status Recover() override { return journal_.Recover(); }

 private:
  DianaClient(KeywordKeys keys, KeywordCounters counters, UpdateJournal journal,
              storage::Store& state, index::Channel& channel)
      : keys_(std::move(keys)),
        counters_(std::move(counters)),
        journal_(std::move(journal)),
        state_(state),
        channel_(channel) {}

  // K_w (the GGM root) and K'_w of `keyword` (Search line 1 / Update line 1).
  InstanceKeys KeysOf(std::string_view keyword) const;
  // Appends the entries of ids[i] at counters first + i to `out` (Update lines 4-6).
  void AppendEntriesOf(std::string_view keyword, uint64_t first, std::span<const index::DocId> ids,
                       ByteWriter& out) const;
  AppendEntriesFn Appender() const;

  KeywordKeys keys_;
  KeywordCounters counters_;
  UpdateJournal journal_;
  storage::Store& state_;
  index::Channel& channel_;
};

}  // namespace sselab::sse::diana

#endif  // SSELAB_SSE_DIANA_DIANA_CLIENT_H_
