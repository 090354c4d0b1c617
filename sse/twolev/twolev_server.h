// Π_2lev server: stores the dictionary γ and the array A, and answers Search by following
// at most two levels of pointers.
#ifndef SSELAB_SSE_TWOLEV_TWOLEV_SERVER_H_
#define SSELAB_SSE_TWOLEV_TWOLEV_SERVER_H_

#include "index/channel.h"
#include "index/scheme_server.h"
#include "sse/twolev/twolev_messages.h"
#include "storage/store.h"

namespace sselab::sse::twolev {

class TwolevServer : public index::SchemeServer {
 public:
  // REQUIRES: options within the kMax* bounds, >= 1.
  TwolevServer(storage::Store& store, const Options& options)
      : SchemeServer("twolev", store,
                     {{std::string(kDictTable), {.point_lookup_key_bytes = kDictLabelBytes}},
                      {std::string(kArrayTable), {.point_lookup_key_bytes = kPositionBytes}}}),
        options_(options) {}

 private:
  bool ReadsOnly(uint8_t type) const override { return type == kSearch; }
  Result<Bytes> HandleRequest(uint8_t type, ByteReader& body) override;
  Result<Bytes> Search(ByteReader& body);
  // Appends the array blocks at `positions`, in order. kCorruption for a position that
  // holds nothing or a block of the wrong size.
  Status ReadArray(std::span<const uint64_t> positions, std::vector<Bytes>& out);

  Options options_;
};

}  // namespace sselab::sse::twolev

#endif  // SSELAB_SSE_TWOLEV_TWOLEV_SERVER_H_
