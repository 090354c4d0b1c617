// Σoφoς server (Bost CCS'16, Alg. 1, server side): stores T[UT] = e, adds the
// pairs of an update, and walks a keyword's chain ST_c, ST_{c-1} = π_PK(ST_c), ... on search.
#ifndef SSELAB_SSE_SOPHOS_SOPHOS_SERVER_H_
#define SSELAB_SSE_SOPHOS_SOPHOS_SERVER_H_

#include "index/channel.h"
#include "index/scheme_server.h"
#include "sse/sophos/rsa_tdp.h"
#include "sse/sophos/sophos_messages.h"
#include "storage/store.h"

namespace sselab::sse::sophos {

class SophosServer : public index::SchemeServer {
 public:
  explicit SophosServer(storage::Store& store)
      : SchemeServer("sophos", store,
                     {{std::string(kTable), {.point_lookup_key_bytes = kTokenSize}},
                      std::string(kPkTable)}) {}

 private:
  bool ReadsOnly(uint8_t type) const override { return type == kSearch; }
  // Sophos only adds: an update request is an add.
  index::Purpose PurposeOfRequest(uint8_t type, ByteView /*body*/) const override {
    return SearchOrAdd(type);
  }
  Result<Bytes> HandleRequest(uint8_t type, ByteReader& body) override;
  Result<Bytes> Search(ByteReader& body);
  Result<Bytes> Update(ByteReader& body);
  // PK as the setup stored it; kCorruption if missing or malformed.
  Result<RsaPublicKey> LoadPublicKey();
};

}  // namespace sselab::sse::sophos

#endif  // SSELAB_SSE_SOPHOS_SOPHOS_SERVER_H_
