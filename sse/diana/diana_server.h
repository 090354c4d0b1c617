// Diana server (BMO'17; papers/bmo17.md): stores (UT, e) pairs; on Search, expands the
// constrained key into the leaves T_0 .. T_c, and looks up and decrypts each entry.
#ifndef SSELAB_SSE_DIANA_DIANA_SERVER_H_
#define SSELAB_SSE_DIANA_DIANA_SERVER_H_

#include "index/scheme_server.h"
#include "sse/diana/diana_messages.h"
#include "storage/store.h"

namespace sselab::sse::diana {

class DianaServer : public index::SchemeServer {
 public:
  explicit DianaServer(storage::Store& store)
      : SchemeServer("diana", store,
                     {{std::string(kTable), {.point_lookup_key_bytes = kTokenSize}}}) {}

 private:
  bool ReadsOnly(uint8_t type) const override { return type == kSearch; }
  // Diana only adds: an update request is an add.
  index::Purpose PurposeOfRequest(uint8_t type, ByteView /*body*/) const override {
    return SearchOrAdd(type);
  }
  Result<Bytes> HandleRequest(uint8_t type, ByteReader& body) override;
  Result<Bytes> Search(ByteReader& body);
  Result<Bytes> Update(ByteReader& body);
};

}  // namespace sselab::sse::diana

#endif  // SSELAB_SSE_DIANA_DIANA_SERVER_H_
