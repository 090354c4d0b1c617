// BatchClient: a Client whose single-pair Insert and Remove are one-document batches of
// Update — for the schemes whose every update goes through one journaled batch message.
#ifndef SSELAB_SSE_COMMON_BATCH_CLIENT_H_
#define SSELAB_SSE_COMMON_BATCH_CLIENT_H_

#include <string_view>

#include "index/client.h"

namespace sselab::sse {

class BatchClient : public index::Client {
 public:
  Status Insert(std::string_view keyword, index::DocId id) override;
  Status Remove(std::string_view keyword, index::DocId id) override;
};

}  // namespace sselab::sse

#endif  // SSELAB_SSE_COMMON_BATCH_CLIENT_H_
