// Server of the plaintext baseline.
#ifndef SSELAB_INDEX_PLAINTEXT_PLAINTEXT_SERVER_H_
#define SSELAB_INDEX_PLAINTEXT_PLAINTEXT_SERVER_H_

#include "index/channel.h"
#include "index/plaintext/plaintext_messages.h"
#include "index/scheme_server.h"
#include "storage/store.h"

namespace sselab::index::plaintext {

class PlaintextServer : public SchemeServer {
 public:
  explicit PlaintextServer(storage::Store& store);

 private:
  bool ReadsOnly(uint8_t type) const override { return type == kSearch; }
  // The operation byte is in the clear.
  Purpose PurposeOfRequest(uint8_t type, ByteView body) const override;
  Result<Bytes> HandleRequest(uint8_t type, ByteReader& body) override;
  Result<Bytes> Search(ByteReader& body);
  Result<Bytes> Update(ByteReader& body);
};

}  // namespace sselab::index::plaintext

#endif  // SSELAB_INDEX_PLAINTEXT_PLAINTEXT_SERVER_H_
