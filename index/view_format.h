// ViewFormat: how a scheme's server reads its own bytes.
//
// The leakage lab measures what the server saw, and the server knows the scheme it runs
// (Kerckhoffs): it can parse its replies and its keys. A scheme states here exactly what
// that parsing yields, and nothing more; every leakage measure is then computed from the
// recorded bytes through these two functions.
#ifndef SSELAB_INDEX_VIEW_FORMAT_H_
#define SSELAB_INDEX_VIEW_FORMAT_H_

#include <functional>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"

namespace sselab::index {

struct ViewFormat {
  // The part of a stored key that entries the server can group without any query share:
  // the blind index's token, the plaintext baseline's keyword. Unset: every key stands
  // alone (its group is the key itself).
  std::function<Bytes(std::string_view table, ByteView key)> at_rest_group;

  // The result items of an ok search reply body (the frame without its status byte), as
  // opaque byte strings, one per result the server handed back: document ids in the
  // response-revealing modes, ciphertexts or sealed blocks otherwise. kCorruption if the
  // body does not parse. Unset: the whole body is one item.
  std::function<Result<std::vector<Bytes>>(ByteView reply_body)> result_items;
};

// Result items of a body `varint n | n items of equal size` (the layout most schemes
// use; the item size is the rest of the body divided by n).
Result<std::vector<Bytes>> EqualSizeItems(ByteView body, std::string_view what);

}  // namespace sselab::index

#endif  // SSELAB_INDEX_VIEW_FORMAT_H_
