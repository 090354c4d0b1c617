// Π_pack server: stores the dictionary of packed blocks and answers Search.
#ifndef SSELAB_SSE_PACK_PACK_SERVER_H_
#define SSELAB_SSE_PACK_PACK_SERVER_H_

#include "index/channel.h"
#include "index/scheme_server.h"
#include "sse/pack/pack_messages.h"
#include "storage/store.h"

namespace sselab::sse::pack {

class PackServer : public index::SchemeServer {
 public:
  // REQUIRES: options.block_ids in [1, kMaxBlockIds].
  PackServer(storage::Store& store, const Options& options)
      : SchemeServer("pipack", store,
                     {{std::string(kTable), {.point_lookup_key_bytes = kLabelSize}}}),
        options_(options) {}

 private:
  bool ReadsOnly(uint8_t type) const override { return type == kSearch; }
  Result<Bytes> HandleRequest(uint8_t type, ByteReader& body) override;
  Result<Bytes> Search(ByteReader& body);

  Options options_;
};

}  // namespace sselab::sse::pack

#endif  // SSELAB_SSE_PACK_PACK_SERVER_H_
