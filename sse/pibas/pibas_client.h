// Π_bas client: Setup (Fig. 2, left) and the client half of Search.
#ifndef SSELAB_SSE_PIBAS_PIBAS_CLIENT_H_
#define SSELAB_SSE_PIBAS_PIBAS_CLIENT_H_

#include "crypto/prf.h"
#include "index/channel.h"
#include "index/client.h"
#include "sse/common/keyword_keys.h"

namespace sselab::sse::pibas {

class PibasClient : public index::Client {
 public:
  // `master` is the index's master key; `revealing` selects the response-revealing mode.
  static Result<std::unique_ptr<index::Client>> Create(const crypto::SecretKey& master,
                                                       bool revealing, index::Channel& channel);

  Result<index::BuildStats> Build(index::DocumentSource& corpus,
                                  const index::ProgressFn& progress) override;
  Result<std::vector<index::DocId>> Search(std::string_view keyword) override;

 private:
  PibasClient(KeywordKeys keys, bool revealing, index::Channel& channel)
      : keys_(std::move(keys)), revealing_(revealing), channel_(channel) {}

  KeywordKeys keys_;
  bool revealing_;
  index::Channel& channel_;
};

}  // namespace sselab::sse::pibas

#endif  // SSELAB_SSE_PIBAS_PIBAS_CLIENT_H_
