// DamagingChannel: a channel that cuts every reply short by `cut` bytes, or flips a byte at
// `flip` (SIZE_MAX: none) — what the malformed-message tests hand a client.
#ifndef SSELAB_TESTS_TESTING_DAMAGING_CHANNEL_H_
#define SSELAB_TESTS_TESTING_DAMAGING_CHANNEL_H_

#include <cstddef>

#include "index/channel.h"

namespace sselab::testing {

class DamagingChannel : public index::Channel {
 public:
  DamagingChannel(index::Channel& inner, size_t cut, size_t flip)
      : inner_(inner), cut_(cut), flip_(flip) {}
  Result<Bytes> Call(ByteView request) override {
    SSELAB_ASSIGN_OR_RETURN(Bytes reply, inner_.Call(request));
    if (flip_ < reply.size()) reply[flip_] ^= 0x41;
    reply.resize(reply.size() > cut_ ? reply.size() - cut_ : 0);
    return reply;
  }

 private:
  index::Channel& inner_;
  size_t cut_;
  size_t flip_;
};

}  // namespace sselab::testing

#endif  // SSELAB_TESTS_TESTING_DAMAGING_CHANNEL_H_
