#include "index/postings_codec.h"

#include <algorithm>

namespace sselab::index {

void EncodePostings(std::span<const DocId> ids, ByteWriter& out) {
  out.Varint(ids.size());
  DocId prev = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    out.Varint(i == 0 ? ids[i] : ids[i] - prev);
    prev = ids[i];
  }
}

Status DecodePostings(ByteReader& in, std::vector<DocId>& out, uint64_t max_count) {
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, in.Varint());
  if (n > max_count || n > in.remaining()) {
    return in.Malformed("posting list claims " + std::to_string(n) + " ids");
  }
  // Grow geometrically: callers append chunk after chunk, and an exact reserve per chunk
  // would copy the whole list again each time.
  if (out.capacity() < out.size() + n) out.reserve(std::max(out.size() + n, 2 * out.capacity()));
  DocId prev = 0;
  for (uint64_t i = 0; i < n; ++i) {
    SSELAB_ASSIGN_OR_RETURN(uint64_t delta, in.Varint());
    if (i > 0 && (delta == 0 || delta > UINT64_MAX - prev)) {
      return in.Malformed("posting list is not strictly ascending");
    }
    prev = i == 0 ? delta : prev + delta;
    out.push_back(prev);
  }
  return OkStatus();
}

}  // namespace sselab::index
