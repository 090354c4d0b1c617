// Π_2lev server: stores the dictionary γ and the array A, and answers Search by following
// at most two levels of pointers.
#ifndef SSELAB_SSE_TWOLEV_TWOLEV_SERVER_H_
#define SSELAB_SSE_TWOLEV_TWOLEV_SERVER_H_

#include "index/channel.h"
#include "index/setup_protocol.h"
#include "sse/twolev/twolev_messages.h"
#include "storage/store.h"

namespace sselab::sse::twolev {

class TwolevServer : public index::Server {
 public:
  // REQUIRES: options within the kMax* bounds, >= 1.
  TwolevServer(storage::Store& store, const Options& options)
      : store_(store),
        options_(options),
        setup_(store, {std::string(kDictTable), std::string(kArrayTable)}) {}
  Result<Bytes> Handle(ByteView request) override;

 private:
  Result<Bytes> Search(ByteReader& body);
  // Appends the array blocks at `positions`, in order. kCorruption for a position that
  // holds nothing or a block of the wrong size.
  Status ReadArray(std::span<const uint64_t> positions, std::vector<Bytes>& out);

  storage::Store& store_;
  Options options_;
  index::SetupReceiver setup_;
};

}  // namespace sselab::sse::twolev

#endif  // SSELAB_SSE_TWOLEV_TWOLEV_SERVER_H_
