// OXT client: EDBSetup (CRYPTO'13, Fig. 2, left) and the client half of Search.
//
// The client keeps |DB(w)| for every keyword in its state store (KeywordCounters, keyed
// by a keyed hash of w: no keyword in the clear). It picks the s-term of a conjunction as
// the term with the fewest entries, exactly, and sends one xtoken row per s-term entry;
// a query with a term of no entries is answered empty without a request.
#ifndef SSELAB_SSE_OXT_OXT_CLIENT_H_
#define SSELAB_SSE_OXT_OXT_CLIENT_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "index/channel.h"
#include "index/client.h"
#include "sse/common/keyword_counters.h"
#include "sse/oxt/oxt_keys.h"
#include "storage/store.h"

namespace sselab::sse::oxt {

class OxtClient : public index::Client {
 public:
  static Result<std::unique_ptr<index::Client>> Create(const crypto::SecretKey& master,
                                                       index::Channel& channel,
                                                       storage::Store& state);

  Result<index::BuildStats> Build(index::DocumentSource& corpus,
                                  const index::ProgressFn& progress) override;
  Result<std::vector<index::DocId>> Search(std::string_view keyword) override;
  Result<std::vector<index::DocId>> SearchConjunction(std::span<const std::string> terms) override;

 private:
  OxtClient(OxtKeys keys, KeywordCounters counts, index::Channel& channel, storage::Store& state)
      : keys_(std::move(keys)), counts_(std::move(counts)), channel_(channel), state_(state) {}

  // Alg. Search: the s-term first, then the x-terms.
  Result<std::vector<index::DocId>> Conjunction(std::vector<std::string_view> terms);
  // w's TSet tuples (e ‖ y) and XSet keys for the ids in `ids` (already shuffled), whose
  // counters start at `first`.
  Status EncodeEntries(std::string_view w, const crypto::BlockCipher& cipher, const Scalar& xtrap,
                       uint64_t first, std::span<const index::DocId> ids, Bytes& tuples,
                       Bytes& xset_keys) const;

  OxtKeys keys_;
  KeywordCounters counts_;
  index::Channel& channel_;
  storage::Store& state_;
};

}  // namespace sselab::sse::oxt

#endif  // SSELAB_SSE_OXT_OXT_CLIENT_H_
