#include "sse/common/id_reply.h"

#include <algorithm>

#include "base/codec.h"

namespace sselab::sse {

Result<std::vector<index::DocId>> DecodeIdReply(ByteView reply, uint64_t expected,
                                                const std::string& what) {
  constexpr size_t kIdSize = 8;
  ByteReader r(reply, what);
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, r.Varint());
  if (n != expected) {
    return r.Malformed(std::to_string(n) + " results, expected " + std::to_string(expected));
  }
  if (n > r.remaining() / kIdSize) return r.Malformed("result count larger than the reply");
  SSELAB_ASSIGN_OR_RETURN(ByteView values, r.Raw(n * kIdSize));
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  std::vector<index::DocId> ids(n);
  for (size_t i = 0; i < n; ++i) ids[i] = LoadBe64(values.data() + i * kIdSize);
  index::SortUnique(ids);
  return ids;
}

}  // namespace sselab::sse
