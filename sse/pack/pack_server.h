// Π_pack server: stores the dictionary of packed blocks and answers Search.
#ifndef SSELAB_SSE_PACK_PACK_SERVER_H_
#define SSELAB_SSE_PACK_PACK_SERVER_H_

#include "index/channel.h"
#include "index/setup_protocol.h"
#include "sse/pack/pack_messages.h"
#include "storage/store.h"

namespace sselab::sse::pack {

class PackServer : public index::Server {
 public:
  // REQUIRES: options.block_ids in [1, kMaxBlockIds].
  PackServer(storage::Store& store, const Options& options)
      : store_(store), options_(options), setup_(store, {std::string(kTable)}) {}
  Result<Bytes> Handle(ByteView request) override;

 private:
  Result<Bytes> Search(ByteReader& body);

  storage::Store& store_;
  Options options_;
  index::SetupReceiver setup_;
};

}  // namespace sselab::sse::pack

#endif  // SSELAB_SSE_PACK_PACK_SERVER_H_
