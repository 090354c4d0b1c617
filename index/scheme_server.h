// SchemeServer: the base of every scheme's server.
//
// It reads the request header, serves the common setup protocol (setup_protocol.h) for
// the scheme's tables, and hands every other request to HandleRequest. A scheme's server
// only implements its own requests.
#ifndef SSELAB_INDEX_SCHEME_SERVER_H_
#define SSELAB_INDEX_SCHEME_SERVER_H_

#include <atomic>
#include <string>
#include <vector>

#include "base/codec.h"
#include "index/channel.h"
#include "index/setup_protocol.h"
#include "storage/store.h"

namespace sselab::index {

class SchemeServer : public Server {
 public:
  Result<Bytes> Handle(ByteView request) final;
  // kSetup for the setup protocol's types, kRead for the types ReadsOnly() names.
  Access AccessOf(ByteView request) const final;
  // kSetup for the setup protocol's types, PurposeOfRequest() for the scheme's own.
  Purpose PurposeOf(ByteView request) const final;

 protected:
  // `name` labels errors ("pibas request at offset 3: ..."); `tables` are the tables the
  // setup protocol may load, with their options. `store` outlives the server.
  SchemeServer(std::string name, storage::Store& store, std::vector<SetupTable> tables);

  // Serves a request of a scheme-specific `type` (0x10 and up); `body` is positioned after
  // the header. Must reject malformed bodies with kCorruption, leaving the store unchanged;
  // unknown types return UnknownRequest(type).
  virtual Result<Bytes> HandleRequest(uint8_t type, ByteReader& body) = 0;
  Error UnknownRequest(uint8_t type) const;
  // True for the scheme's request types that only read the store (its searches, unless
  // a search writes). Default: none. net::IndexHost runs such requests in parallel under
  // a store that refuses writes, so a wrong answer here fails loudly, never silently.
  virtual bool ReadsOnly(uint8_t /*type*/) const { return false; }
  // What a request of the scheme's `type` (with `body` after the header) tells the server
  // about its operation. Default: kSearch for ReadsOnly() types, kUpdate (an add or a
  // remove) for the others; a scheme whose requests say more, or less, overrides it. A
  // scheme that claims less than its requests show under-reports its leakage: the
  // recording tests compare these labels with the client's own account.
  virtual Purpose PurposeOfRequest(uint8_t type, ByteView body) const;
  // For a scheme whose updates only ever add: kSearch for ReadsOnly() types, else kAdd.
  Purpose SearchOrAdd(uint8_t type) const {
    return ReadsOnly(type) ? Purpose::kSearch : Purpose::kAdd;
  }
  // CheckSetupComplete(store_), read from the store until it first succeeds: a completed
  // setup stays complete, and a search then skips the store's read.
  Status SetupComplete();

  storage::Store& store_;

 private:
  std::string name_;
  SetupReceiver setup_;
  std::atomic<bool> setup_complete_ = false;  // read by concurrent searches
};

}  // namespace sselab::index

#endif  // SSELAB_INDEX_SCHEME_SERVER_H_
