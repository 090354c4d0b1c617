// Diana_del client (BMO'17 §5; papers/bmo17.md): two Diana instances, additions and
// deletions, with a counter each per keyword. A search opens both; the server cancels
// the additions a deletion names by their tags (Type-III backward privacy: it learns
// which deletion cancels which addition, never the deleted ids), and the client turns
// the remaining tags back into document ids.
#ifndef SSELAB_SSE_DIANA_DIANA_DEL_CLIENT_H_
#define SSELAB_SSE_DIANA_DIANA_DEL_CLIENT_H_

#include <memory>
#include <optional>

#include "crypto/block_cipher.h"
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

class DianaDelClient : public BatchClient {
 public:
  // `state` is the client-state store; `state` and `channel` outlive the client.
  static Result<std::unique_ptr<index::Client>> Create(const crypto::SecretKey& master,
                                                       storage::Store& state,
                                                       index::Channel& channel);

  // The corpus goes up as |DB(w)| additions per keyword; the deletions' instance is empty.
  Result<index::BuildStats> Build(index::DocumentSource& corpus,
                                  const index::ProgressFn& progress) override;
  Result<std::vector<index::DocId>> Search(std::string_view keyword) override;
  // One message for the batch, to the instance of `kind`; counters committed with it.
  Status Update(index::UpdateKind kind, std::span<const index::Document> docs) override;
  Status Recover() override { return journal_.Recover(); }

 private:
  DianaDelClient(KeywordKeys keys, KeywordCounters adds, KeywordCounters dels,
                 UpdateJournal journal, storage::Store& state, index::Channel& channel)
      : keys_(std::move(keys)),
        adds_(std::move(adds)),
        dels_(std::move(dels)),
        journal_(journal),
        state_(state),
        channel_(channel) {}

  // The keys of w in the additions' (kind kAdd) or the deletions' instance.
  InstanceKeys KeysOf(index::UpdateKind kind, std::string_view keyword) const;
  // AES keyed with K^tag_w: C = Encrypt(BE64(id) || 0^8), id = Decrypt(C).
  Result<crypto::BlockCipher> TagCipher(std::string_view keyword) const;
  // Appends the entries of ids at counters first, ...: additions' values, or with
  // `preceding` (the a of diana_del_messages.h) deletions' values.
  static void AppendTagged(const InstanceKeys& keys, const crypto::BlockCipher& cipher,
                           uint64_t first, std::span<const index::DocId> ids,
                           std::optional<uint64_t> preceding, ByteWriter& out);

  KeywordKeys keys_;
  KeywordCounters adds_;
  KeywordCounters dels_;
  UpdateJournal journal_;
  storage::Store& state_;
  index::Channel& channel_;
};

}  // namespace sselab::sse::diana

#endif  // SSELAB_SSE_DIANA_DIANA_DEL_CLIENT_H_
