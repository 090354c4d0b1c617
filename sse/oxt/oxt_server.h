// OXT server: holds EDB = (TSet, XSet) and answers Search (CRYPTO'13, Fig. 2, right).
#ifndef SSELAB_SSE_OXT_OXT_SERVER_H_
#define SSELAB_SSE_OXT_OXT_SERVER_H_

#include "index/scheme_server.h"
#include "sse/oxt/oxt_messages.h"
#include "storage/store.h"

namespace sselab::sse::oxt {

class OxtServer : public index::SchemeServer {
 public:
  explicit OxtServer(storage::Store& store)
      : SchemeServer("oxt", store,
                     {{std::string(kTSetTable), {.point_lookup_key_bytes = kLabelSize}},
                      {std::string(kXSetTable), {.point_lookup_key_bytes = kXTagKeySize}}}) {}

 private:
  bool ReadsOnly(uint8_t type) const override { return type == kSearch; }
  Result<Bytes> HandleRequest(uint8_t type, ByteReader& body) override;
  Result<Bytes> Search(ByteReader& body);
};

}  // namespace sselab::sse::oxt

#endif  // SSELAB_SSE_OXT_OXT_SERVER_H_
