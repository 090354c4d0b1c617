// Diana wire format and key schema (Bost, Minaud, Ohrimenko, CCS 2017; papers/bmo17.md).
//
// Table `diana`: UT (16 bytes) -> e (8 bytes, BE64(id) XOR mask), for every update.
// Requests:
//   0x10 Search: K'_w (16) | varint count | varint m |
//                m × (u8 depth | varint prefix | node key (16))   (the constrained key)
//   0x11 Update: varint n (>= 1) | n × (UT (16) | e (8))
// Replies:
//   Search: varint n | n × BE64 id (in update order)
//   Update: empty
// The client state holds, per keyword, the count of its updates (keyword_counters.h).
#ifndef SSELAB_SSE_DIANA_DIANA_MESSAGES_H_
#define SSELAB_SSE_DIANA_DIANA_MESSAGES_H_

#include <cstdint>
#include <string_view>

namespace sselab::sse::diana {

inline constexpr std::string_view kTable = "diana";
inline constexpr uint8_t kSearch = 0x10;
inline constexpr uint8_t kUpdate = 0x11;
inline constexpr size_t kTokenSize = 16;
inline constexpr size_t kValueSize = 8;
inline constexpr size_t kNodeKeySize = 16;
// Depth of each keyword's GGM tree: up to 2^32 updates per keyword.
inline constexpr int kTreeDepth = 32;
inline constexpr uint64_t kMaxCount = uint64_t{1} << kTreeDepth;
// An update batch of at least this many entries is ingested as one sorted file instead of
// going through the memtable (diana_server.cc).
inline constexpr size_t kIngestThreshold = 8192;
// The server looks entries up in batches of this many tokens: a key of a batch of 32 costs
// less than one of 4096 (dynamic_bench, 10^7 entries, the search over its lookups at the
// store's cheapest batches, two runs each at 100 .. 10^5 matches: 1.14–1.34 with 32,
// 1.42–1.56 with 4096).
inline constexpr size_t kLookupBatch = 32;

}  // namespace sselab::sse::diana

#endif  // SSELAB_SSE_DIANA_DIANA_MESSAGES_H_
