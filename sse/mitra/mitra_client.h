// Mitra client (Chamani, Papadopoulos, Papamanthou, Jalili, CCS 2018, Alg. 2; lines as
// papers/cppj18.md numbers them): the key, the per-keyword update counters, and the
// client halves of Update (additions and deletions alike) and Search, which fetches every
// entry of w and cancels the deletions itself. The basic variant: the cleaned list is not
// uploaded again after a search.
#ifndef SSELAB_SSE_MITRA_MITRA_CLIENT_H_
#define SSELAB_SSE_MITRA_MITRA_CLIENT_H_

#include <memory>

#include "index/channel.h"
#include "index/client.h"
#include "sse/common/batch_client.h"
#include "sse/common/counter_batch.h"
#include "sse/common/keyword_counters.h"
#include "sse/common/keyword_keys.h"
#include "sse/common/update_journal.h"
#include "storage/store.h"

namespace sselab::sse::mitra {

class MitraClient : public BatchClient {
 public:
  // `state` is the client-state store; `state` and `channel` outlive the client.
  static Result<std::unique_ptr<index::Client>> Create(const crypto::SecretKey& master,
                                                       storage::Store& state,
                                                       index::Channel& channel);

  // The corpus goes up through the setup protocol as |DB(w)| additions per keyword.
  Result<index::BuildStats> Build(index::DocumentSource& corpus,
                                  const index::ProgressFn& progress) override;
  Result<std::vector<index::DocId>> Search(std::string_view keyword) override;
  // One Update message for the whole batch; the counters are committed once, with it.
  Status Update(index::UpdateKind kind, std::span<const index::Document> docs) override;
  Status Recover() override { return journal_.Recover(); }

 private:
  MitraClient(KeywordKeys keys, KeywordCounters counters, UpdateJournal journal,
              storage::Store& state, index::Channel& channel)
      : keys_(std::move(keys)),
        counters_(std::move(counters)),
        journal_(journal),
        state_(state),
        channel_(channel) {}

  // K_w = F(K, w), the key of G for w's updates.
  crypto::Block KeywordKey(std::string_view keyword) const;
  AppendEntriesFn Appender(uint8_t op) const;

  KeywordKeys keys_;
  KeywordCounters counters_;
  UpdateJournal journal_;
  storage::Store& state_;
  index::Channel& channel_;
};

}  // namespace sselab::sse::mitra

#endif  // SSELAB_SSE_MITRA_MITRA_CLIENT_H_
