// Π_bas wire format and key schema.
//
// Table `pibas`: label (16 bytes, F(K1, c)) -> value (8 bytes, BE64(id) XOR F(K2, c)[0..8]).
// Requests: 0x10 Search: K1 (16) [| K2 (16), response-revealing mode only].
// Replies:  revealing: varint n | n × BE64 id (in counter order)
//           hiding:    varint n | n × 8-byte encrypted id (in counter order)
#ifndef SSELAB_SSE_PIBAS_PIBAS_MESSAGES_H_
#define SSELAB_SSE_PIBAS_PIBAS_MESSAGES_H_

#include <cstdint>
#include <string_view>

namespace sselab::sse::pibas {

inline constexpr std::string_view kTable = "pibas";
inline constexpr uint8_t kSearch = 0x10;
inline constexpr size_t kLabelSize = 16;
inline constexpr size_t kValueSize = 8;

// Server-side lookups (sse/common/counter_walk.h): multi_get batches of 4, 8, 16, then 32
// labels, so a walk reads at most 31 labels past the end of a list. In the store's hash
// layout a lookup past the end costs as much as a hit: the doubling batches of before (32
// up to 4096) read up to twice the labels needed. A key of a small batch costs less than a
// lone Get: pibas_bench, two runs of each at 10^6 pairs, ns per result at 10 / 100 /
// 1 000 / 10 000 results, one Get per label 784–994 / 540–876 / 520–708 / 545–632, these
// batches 632–738 / 516–536 / 420–461 / 457–512.
inline constexpr size_t kFirstBatch = 4;
inline constexpr size_t kMaxBatch = 32;

}  // namespace sselab::sse::pibas

#endif  // SSELAB_SSE_PIBAS_PIBAS_MESSAGES_H_
