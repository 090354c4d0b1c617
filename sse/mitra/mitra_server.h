// Mitra server (Chamani et al. CCS'18, Alg. 2; papers/cppj18.md): stores (addr, val)
// entries; on Search, returns the entries at the addresses it is given, still encrypted.
#ifndef SSELAB_SSE_MITRA_MITRA_SERVER_H_
#define SSELAB_SSE_MITRA_MITRA_SERVER_H_

#include "index/scheme_server.h"
#include "sse/mitra/mitra_messages.h"
#include "storage/store.h"

namespace sselab::sse::mitra {

class MitraServer : public index::SchemeServer {
 public:
  explicit MitraServer(storage::Store& store)
      : SchemeServer("mitra", store,
                     {{std::string(kTable), {.point_lookup_key_bytes = kAddrSize}}}) {}

 private:
  bool ReadsOnly(uint8_t type) const override { return type == kSearch; }
  // The default: an update's operation is encrypted in its value, so the server sees an
  // add or a remove (index::Purpose::kUpdate) and cannot tell which.
  Result<Bytes> HandleRequest(uint8_t type, ByteReader& body) override;
  Result<Bytes> Search(ByteReader& body);
};

}  // namespace sselab::sse::mitra

#endif  // SSELAB_SSE_MITRA_MITRA_SERVER_H_
