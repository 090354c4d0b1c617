// OXT server: holds EDB = (TSet, XSet) and answers Search (CRYPTO'13, Fig. 2, right).
#ifndef SSELAB_SSE_OXT_OXT_SERVER_H_
#define SSELAB_SSE_OXT_OXT_SERVER_H_

#include <memory>
#include <mutex>

#include "index/scheme_server.h"
#include "sse/oxt/oxt_messages.h"
#include "sse/oxt/xset_bloom.h"
#include "storage/store.h"

namespace sselab::sse::oxt {

// Where the server tests XSet membership: the `oxt_xset` table itself, or (bloom_fp > 0)
// a Bloom filter of it in memory (xset_bloom.h), filled from the table at the first
// conjunction after the server opens. The table stays the durable XSet either way.
struct XSetOptions {
  double bloom_fp = 0;  // 0: the table
};

class OxtServer : public index::SchemeServer {
 public:
  OxtServer(storage::Store& store, XSetOptions xset)
      : SchemeServer("oxt", store,
                     {{std::string(kTSetTable), {.point_lookup_key_bytes = kLabelSize}},
                      {std::string(kXSetTable), {.point_lookup_key_bytes = kXTagKeySize}}}),
        xset_(xset) {}

 private:
  bool ReadsOnly(uint8_t type) const override { return type == kSearch; }
  Result<Bytes> HandleRequest(uint8_t type, ByteReader& body) override;
  Result<Bytes> Search(ByteReader& body);
  // The Bloom filter of the XSet, filled on first use (two scans of the table: its count,
  // then its keys). Concurrent searches wait for one fill.
  Result<std::shared_ptr<const XSetBloom>> Bloom();

  XSetOptions xset_;
  std::mutex bloom_mu_;
  std::shared_ptr<const XSetBloom> bloom_;  // under bloom_mu_
};

}  // namespace sselab::sse::oxt

#endif  // SSELAB_SSE_OXT_OXT_SERVER_H_
