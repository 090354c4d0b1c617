// The XSet: which (keyword, document) pairs exist, as xtags g^{F_p(K_X, w) · xind}, each
// stored under a 16-byte hash. The server's membership test of a search (xtoken^y ∈ XSet)
// and the client's build compute the same key.
#ifndef SSELAB_SSE_OXT_XSET_H_
#define SSELAB_SSE_OXT_XSET_H_

#include <array>

#include "crypto/ristretto255.h"
#include "sse/oxt/oxt_messages.h"

namespace sselab::sse::oxt {

using XSetKey = std::array<uint8_t, kXTagKeySize>;

// SHA-256 of the xtag's canonical encoding, truncated: 128 bits, so a false match among
// N stored and q tested xtags has probability about N·q / 2^128.
XSetKey XSetKeyOf(const crypto::ristretto255::Point& xtag);

}  // namespace sselab::sse::oxt

#endif  // SSELAB_SSE_OXT_XSET_H_
