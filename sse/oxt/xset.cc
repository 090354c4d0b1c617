#include "sse/oxt/xset.h"

#include <algorithm>

#include "crypto/hash.h"

namespace sselab::sse::oxt {

XSetKey XSetKeyOf(const crypto::ristretto255::Point& xtag) {
  const crypto::Digest256 digest = crypto::Sha256(xtag.bytes());
  XSetKey key{};
  std::copy_n(digest.begin(), key.size(), key.begin());
  return key;
}

}  // namespace sselab::sse::oxt
