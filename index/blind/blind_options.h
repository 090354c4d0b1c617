// The blind index's parameters, parsed: token length per field and volume padding.
//
//   bits=L                 token length of every field not named in field_bits (1-256)
//   field_bits=f:L,g:M     per-field token lengths, e.g. "from:8,subject:12"
//   pad=none|pow2|bucket:N volume padding of each bucket at rest
#ifndef SSELAB_INDEX_BLIND_BLIND_OPTIONS_H_
#define SSELAB_INDEX_BLIND_BLIND_OPTIONS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "base/result.h"
#include "index/params.h"

namespace sselab::index::blind {

// Volume padding of the buckets at rest.
//   kNone:   a bucket holds exactly its real entries.
//   kPow2:   dummies fill each non-empty bucket up to the next power of two.
//   kBucket: dummies fill each non-empty bucket up to the next multiple of `multiple`.
struct Pad {
  enum Kind { kNone, kPow2, kBucket };
  Kind kind = kNone;
  uint64_t multiple = 1;  // kBucket only
};

// Bounds of N in pad=bucket:N.
inline constexpr int64_t kMinPadMultiple = 2;
inline constexpr int64_t kMaxPadMultiple = int64_t{1} << 20;

// The number of entries a bucket of `real` real entries holds at rest under `pad`.
uint64_t PaddedCount(const Pad& pad, uint64_t real);

struct BlindOptions {
  int bits = 32;
  std::map<std::string, int, std::less<>> field_bits;
  Pad pad;

  // L for keywords of `field` ("" outside any field).
  int BitsFor(std::string_view field) const;
};

// kInvalidArgument naming the parameter and the offending part for a bad value.
Result<int> ParseBits(std::string_view value);
Result<Pad> ParsePad(std::string_view value);
Result<std::map<std::string, int, std::less<>>> ParseFieldBits(std::string_view value);
Result<BlindOptions> ParseBlindOptions(const Params& params);

}  // namespace sselab::index::blind

#endif  // SSELAB_INDEX_BLIND_BLIND_OPTIONS_H_
