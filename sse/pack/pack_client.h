// Π_pack client: Setup (packing DB(w) into blocks of B ids) and the client half of Search.
#ifndef SSELAB_SSE_PACK_PACK_CLIENT_H_
#define SSELAB_SSE_PACK_PACK_CLIENT_H_

#include "crypto/prf.h"
#include "index/channel.h"
#include "index/client.h"
#include "sse/common/keyword_keys.h"
#include "sse/pack/pack_messages.h"

namespace sselab::sse::pack {

class PackClient : public index::Client {
 public:
  // `master` is the index's master key. REQUIRES: options.block_ids in [1, kMaxBlockIds].
  static Result<std::unique_ptr<index::Client>> Create(const crypto::SecretKey& master,
                                                       const Options& options,
                                                       index::Channel& channel);

  Result<index::BuildStats> Build(index::DocumentSource& corpus,
                                  const index::ProgressFn& progress) override;
  Result<std::vector<index::DocId>> Search(std::string_view keyword) override;

 private:
  PackClient(KeywordKeys keys, const Options& options, index::Channel& channel)
      : keys_(std::move(keys)), options_(options), channel_(channel) {}

  KeywordKeys keys_;
  Options options_;
  index::Channel& channel_;
};

}  // namespace sselab::sse::pack

#endif  // SSELAB_SSE_PACK_PACK_CLIENT_H_
