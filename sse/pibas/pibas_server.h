// Π_bas server: stores the dictionary γ and answers Search (Fig. 2, right).
#ifndef SSELAB_SSE_PIBAS_PIBAS_SERVER_H_
#define SSELAB_SSE_PIBAS_PIBAS_SERVER_H_

#include "index/channel.h"
#include "index/setup_protocol.h"
#include "sse/pibas/pibas_messages.h"
#include "storage/store.h"

namespace sselab::sse::pibas {

class PibasServer : public index::Server {
 public:
  PibasServer(storage::Store& store, bool revealing)
      : store_(store), revealing_(revealing), setup_(store, {std::string(kTable)}) {}
  Result<Bytes> Handle(ByteView request) override;

 private:
  Result<Bytes> Search(ByteReader& body);

  storage::Store& store_;
  bool revealing_;
  index::SetupReceiver setup_;
};

}  // namespace sselab::sse::pibas

#endif  // SSELAB_SSE_PIBAS_PIBAS_SERVER_H_
