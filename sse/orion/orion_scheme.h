// The `orion` scheme entry: Orion (Chamani, Papadopoulos, Papamanthou, Jalili, CCS 2018),
// forward- and Type-I backward-private dynamic SSE from two oblivious maps over Path ORAM.
// papers/orion.md.
#ifndef SSELAB_SSE_ORION_ORION_SCHEME_H_
#define SSELAB_SSE_ORION_ORION_SCHEME_H_

#include <cstdint>
#include <string_view>

#include "base/result.h"
#include "index/registry.h"

namespace sselab::sse::orion {

// The `capacity` parameter: "auto" (OrionClient::kAutoCapacity), a decimal integer
// 16 .. 2^32, or 2^k for k in 4 .. 32.
Result<uint64_t> ParseCapacity(std::string_view value);

index::SchemeEntry OrionScheme();

}  // namespace sselab::sse::orion

#endif  // SSELAB_SSE_ORION_ORION_SCHEME_H_
