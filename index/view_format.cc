#include "index/view_format.h"

#include <string>

#include "base/codec.h"

namespace sselab::index {

Result<std::vector<Bytes>> EqualSizeItems(ByteView body, std::string_view what) {
  ByteReader in(body, std::string(what));
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, in.Varint());
  if (n == 0) {
    SSELAB_RETURN_IF_ERROR(in.ExpectEnd());
    return std::vector<Bytes>{};
  }
  if (in.remaining() % n != 0 || in.remaining() == 0) {
    return in.Malformed(std::to_string(in.remaining()) + " bytes do not split into " +
                        std::to_string(n) + " equal items");
  }
  size_t item_size = in.remaining() / n;
  std::vector<Bytes> items;
  items.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    SSELAB_ASSIGN_OR_RETURN(ByteView item, in.Raw(item_size));
    items.emplace_back(item.begin(), item.end());
  }
  SSELAB_RETURN_IF_ERROR(in.ExpectEnd());
  return items;
}

}  // namespace sselab::index
