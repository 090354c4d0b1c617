// Π_2lev client: Setup (placing each list small, medium or large) and the client half of
// Search.
#ifndef SSELAB_SSE_TWOLEV_TWOLEV_CLIENT_H_
#define SSELAB_SSE_TWOLEV_TWOLEV_CLIENT_H_

#include "crypto/prf.h"
#include "index/channel.h"
#include "index/client.h"
#include "index/setup_protocol.h"
#include "sse/common/keyword_keys.h"
#include "sse/twolev/twolev_layout.h"
#include "sse/twolev/twolev_messages.h"

namespace sselab::sse::twolev {

class TwolevClient : public index::Client {
 public:
  // `master` is the index's master key. REQUIRES: options within the kMax* bounds, >= 1.
  static Result<std::unique_ptr<index::Client>> Create(const crypto::SecretKey& master,
                                                       const Options& options,
                                                       index::Channel& channel);

  // kInvalidArgument if a posting list is longer than b·B² (see twolev_layout.h).
  Result<index::BuildStats> Build(index::DocumentSource& corpus,
                                  const index::ProgressFn& progress) override;
  Result<std::vector<index::DocId>> Search(std::string_view keyword) override;

 private:
  TwolevClient(KeywordKeys keys, const Options& options, index::Channel& channel)
      : keys_(std::move(keys)), options_(options), channel_(channel) {}

  // Setup for one keyword: adds its dictionary entry and its array blocks.
  Status EncryptList(std::string_view keyword, std::span<const index::DocId> ids,
                     PositionSource& positions, index::SetupSender& dict,
                     index::SetupSender& array);

  KeywordKeys keys_;
  Options options_;
  index::Channel& channel_;
};

}  // namespace sselab::sse::twolev

#endif  // SSELAB_SSE_TWOLEV_TWOLEV_CLIENT_H_
