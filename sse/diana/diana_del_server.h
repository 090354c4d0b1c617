// Diana_del server (BMO'17 §5; papers/bmo17.md): two Diana instances' entries; on Search,
// expands both constrained keys, drops every addition a deletion's tag cancels, and
// returns the tags left.
#ifndef SSELAB_SSE_DIANA_DIANA_DEL_SERVER_H_
#define SSELAB_SSE_DIANA_DIANA_DEL_SERVER_H_

#include "index/scheme_server.h"
#include "sse/diana/diana_del_messages.h"
#include "sse/diana/diana_messages.h"
#include "storage/store.h"

namespace sselab::sse::diana {

class DianaDelServer : public index::SchemeServer {
 public:
  explicit DianaDelServer(storage::Store& store)
      : SchemeServer("diana-del", store,
                     {{std::string(kAddTable), {.point_lookup_key_bytes = kTokenSize}},
                      {std::string(kDelTable), {.point_lookup_key_bytes = kTokenSize}}}) {}

 private:
  bool ReadsOnly(uint8_t type) const override { return type == kDelSearch; }
  // Adds and deletions go to two instances, each with its own request type.
  index::Purpose PurposeOfRequest(uint8_t type, ByteView /*body*/) const override {
    if (type == kDelAdd) return index::Purpose::kAdd;
    if (type == kDelDelete) return index::Purpose::kRemove;
    return index::Purpose::kSearch;
  }
  Result<Bytes> HandleRequest(uint8_t type, ByteReader& body) override;
  Result<Bytes> Search(ByteReader& body);
};

}  // namespace sselab::sse::diana

#endif  // SSELAB_SSE_DIANA_DIANA_DEL_SERVER_H_
