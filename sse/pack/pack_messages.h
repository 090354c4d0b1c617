// Π_pack wire format, key schema and parameters.
//
// Table `pipack`: label (16 bytes, F(K1, c)) -> block c of DB(w): BlockBytes(B) bytes,
//   the ids B·c .. B·c + B - 1 padded and sealed under K2 as region c (pack_block.h).
// Requests: 0x10 Search: K1 (16) [| K2 (16), response-revealing mode only].
// Replies:  revealing: varint n | n × BE64 id (in list order)
//           hiding:    varint m | m × sealed block (in counter order; the client opens them)
#ifndef SSELAB_SSE_PACK_PACK_MESSAGES_H_
#define SSELAB_SSE_PACK_PACK_MESSAGES_H_

#include <cstdint>
#include <string_view>

namespace sselab::sse::pack {

inline constexpr std::string_view kTable = "pipack";
inline constexpr uint8_t kSearch = 0x10;
inline constexpr size_t kLabelSize = 16;

// The B parameter (ids per block): its name, default and bounds.
inline constexpr std::string_view kBlockIdsParam = "block_ids";
inline constexpr int64_t kDefaultBlockIds = 64;
inline constexpr int64_t kMaxBlockIds = 1 << 16;

// Server-side lookups, as in Π_bas: one Get per block (the doubling batches of before,
// 8 up to 1024 blocks, read up to twice the blocks needed in the hash layout).
inline constexpr size_t kFirstBatch = 1;
inline constexpr size_t kMaxBatch = 1;

struct Options {
  bool revealing = true;
  size_t block_ids = kDefaultBlockIds;  // B
};

}  // namespace sselab::sse::pack

#endif  // SSELAB_SSE_PACK_PACK_MESSAGES_H_
