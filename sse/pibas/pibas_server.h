// Π_bas server: stores the dictionary γ and answers Search (Fig. 2, right).
#ifndef SSELAB_SSE_PIBAS_PIBAS_SERVER_H_
#define SSELAB_SSE_PIBAS_PIBAS_SERVER_H_

#include "index/channel.h"
#include "index/scheme_server.h"
#include "sse/pibas/pibas_messages.h"
#include "storage/store.h"

namespace sselab::sse::pibas {

class PibasServer : public index::SchemeServer {
 public:
  PibasServer(storage::Store& store, bool revealing)
      : SchemeServer("pibas", store,
                     {{std::string(kTable), {.point_lookup_key_bytes = kLabelSize}}}),
        revealing_(revealing) {}

 private:
  bool ReadsOnly(uint8_t type) const override { return type == kSearch; }
  Result<Bytes> HandleRequest(uint8_t type, ByteReader& body) override;
  Result<Bytes> Search(ByteReader& body);

  bool revealing_;
};

}  // namespace sselab::sse::pibas

#endif  // SSELAB_SSE_PIBAS_PIBAS_SERVER_H_
