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

// Server-side lookups (sse/common/counter_walk.h): multi_get batches of 4, then 8 labels,
// so a walk reads at most 7 labels past the end of a list. In the store's hash layout a
// lookup past the end costs as much as a hit, and a key of a batch of 8 costs no more than
// one of a larger batch. pibas_bench, 10^6 pairs, search over the n + 1 lookups it needs
// (two runs, revealing and hiding) at 10 / 100 / 1 000 / 10 000 results: batches of 4 up
// to 8, 1.57–1.68 / 1.21–1.26 / 0.98–1.08 / 0.92–1.01; of 4 up to 32 (before 2026-12-06),
// 1.55–1.65 / 1.34–1.46 / 1.06–1.10 / 0.97–0.98. Doubling batches of 32 up to 4096, and
// one Get per label, were slower still (1.4–2.4× and 1.2–1.6× these per result).
inline constexpr size_t kFirstBatch = 4;
inline constexpr size_t kMaxBatch = 8;

}  // namespace sselab::sse::pibas

#endif  // SSELAB_SSE_PIBAS_PIBAS_MESSAGES_H_
