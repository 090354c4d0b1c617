// Server of the plaintext baseline.
#ifndef SSELAB_INDEX_PLAINTEXT_PLAINTEXT_SERVER_H_
#define SSELAB_INDEX_PLAINTEXT_PLAINTEXT_SERVER_H_

#include "index/channel.h"
#include "index/setup_protocol.h"
#include "storage/store.h"

namespace sselab::index::plaintext {

class PlaintextServer : public Server {
 public:
  explicit PlaintextServer(storage::Store& store);
  Result<Bytes> Handle(ByteView request) override;

 private:
  Result<Bytes> Search(ByteReader& body);
  Result<Bytes> Update(ByteReader& body);

  storage::Store& store_;
  SetupReceiver setup_;
};

}  // namespace sselab::index::plaintext

#endif  // SSELAB_INDEX_PLAINTEXT_PLAINTEXT_SERVER_H_
