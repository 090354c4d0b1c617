// Server of the blind index: stores sealed entries under token || rid, answers a search
// with one prefix scan on the token, and applies the client's erase/put updates
// atomically. It never sees a keyword, a full tag or a document id.
#ifndef SSELAB_INDEX_BLIND_BLIND_SERVER_H_
#define SSELAB_INDEX_BLIND_BLIND_SERVER_H_

#include "index/blind/blind_messages.h"
#include "index/channel.h"
#include "index/scheme_server.h"
#include "storage/store.h"

namespace sselab::index::blind {

class BlindServer : public SchemeServer {
 public:
  // Token lengths are read from each token's header (blind_messages.h), so the server
  // needs no parameters: it never learns field names, only the lengths in use.
  explicit BlindServer(storage::Store& store);

 private:
  bool ReadsOnly(uint8_t type) const override { return type == kSearch; }
  // An update that erases nothing adds, one that puts nothing removes; with padding both
  // erase and put, and the request does not say which (kUpdate).
  Purpose PurposeOfRequest(uint8_t type, ByteView body) const override;
  // Malformed requests (wrong token size, nonzero unused token bits, truncated entry
  // lists, trailing bytes) are kCorruption and leave the store unchanged.
  Result<Bytes> HandleRequest(uint8_t type, ByteReader& body) override;
  static Result<ByteView> ReadToken(ByteReader& body);
  Result<Bytes> Search(ByteReader& body);
  Result<Bytes> Update(ByteReader& body);
};

}  // namespace sselab::index::blind

#endif  // SSELAB_INDEX_BLIND_BLIND_SERVER_H_
