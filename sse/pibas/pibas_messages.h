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

// Server-side lookups, as sse/common/counter_walk.h takes them: one Get per counter. The
// table is in the store's hash layout, where a lookup past the end costs as much as a hit,
// so the doubling batches of before (32 up to 4096) read up to twice the labels needed.
inline constexpr size_t kFirstBatch = 1;
inline constexpr size_t kMaxBatch = 1;

}  // namespace sselab::sse::pibas

#endif  // SSELAB_SSE_PIBAS_PIBAS_MESSAGES_H_
