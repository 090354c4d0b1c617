// Σoφoς client (Bost CCS'16, Alg. 1): keys, the RSA trapdoor, the keyword
// counters; Setup (Build), Update (add only) and the client half of Search.
#ifndef SSELAB_SSE_SOPHOS_SOPHOS_CLIENT_H_
#define SSELAB_SSE_SOPHOS_SOPHOS_CLIENT_H_

#include <functional>
#include <memory>

#include "index/channel.h"
#include "index/client.h"
#include "sse/common/batch_client.h"
#include "sse/common/keyword_counters.h"
#include "sse/common/keyword_keys.h"
#include "sse/common/update_journal.h"
#include "sse/sophos/rsa_tdp.h"
#include "storage/store.h"

namespace sselab::sse::sophos {

class SophosClient : public BatchClient {
 public:
  // Derives the RSA key of `rsa_bits` bits from `master` (rsa_tdp.h). `state` and
  // `channel` outlive the client.
  static Result<std::unique_ptr<index::Client>> Create(const crypto::SecretKey& master,
                                                       unsigned rsa_bits, index::Channel& channel,
                                                       storage::Store& state);

  Result<index::BuildStats> Build(index::DocumentSource& corpus,
                                  const index::ProgressFn& progress) override;
  Result<std::vector<index::DocId>> Search(std::string_view keyword) override;
  Status Remove(std::string_view keyword, index::DocId id) override;
  Status Update(index::UpdateKind kind, std::span<const index::Document> docs) override;
  Status Recover() override { return journal_.Recover(); }

 private:
  SophosClient(KeywordKeys keys, RsaTrapdoor tdp, KeywordCounters counters, UpdateJournal journal,
               storage::Store& state, index::Channel& channel)
      : keys_(std::move(keys)),
        tdp_(std::move(tdp)),
        counters_(std::move(counters)),
        journal_(journal),
        state_(state),
        channel_(channel) {}

  // K_w = F(K_S, 1 || w).
  crypto::SecretKey KeywordKey(std::string_view keyword) const;
  // ST_0 of w: F(K_S, 2 || w) expanded to |N| + 64 bits, reduced mod N.
  Result<Bytes> FirstState(std::string_view keyword) const;
  // Called with each entry (UT_i, e_i) EncryptEntries makes.
  using EntrySink = std::function<Status(ByteView token, ByteView value)>;
  // The entries of `ids` as entries first, first + 1, ... of w.
  Status EncryptEntries(std::string_view keyword, uint64_t first, std::span<const index::DocId> ids,
                        const EntrySink& sink) const;
  Status RecoverIfPending();

  KeywordKeys keys_;  // K_S
  RsaTrapdoor tdp_;   // SK (and PK)
  KeywordCounters counters_;
  UpdateJournal journal_;
  storage::Store& state_;
  index::Channel& channel_;
};

}  // namespace sselab::sse::sophos

#endif  // SSELAB_SSE_SOPHOS_SOPHOS_CLIENT_H_
