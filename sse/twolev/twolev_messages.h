// Π_2lev wire format, key schema and parameters.
//
// Per keyword w: K1 = F(K, 1‖w) (label), K2 = F(K, 2‖w) (ids), K3 = F(K, 3‖w) (pointers).
// Blocks are pack_block.h blocks (BE32 count | capacity × BE64, padded, PRF-pad sealed).
//
// Table `twolev_dict`: label F(K1, 0) (16 bytes) -> (u8 shape | block of capacity b),
//   1 + BlockBytes(b) bytes, XORed with the K3 pad of region 0. The block is
//   small:  the ids, sealed under K2 as region 0;
//   medium: the positions in A of the T id blocks (plaintext inside the K3 layer);
//   large:  the positions in A of the T' pointer blocks.
// Table `twolev_array` (the array A): BE64 position -> BlockBytes(B) bytes, either id block
//   j of a list (ids jB .. jB + B - 1, sealed under K2 as region j) or pointer block j'
//   (positions of id blocks j'B .., sealed under K3 as region 1 + j').
// Requests: 0x10 Search: K1 (16) | K3 (16) [| K2 (16), response-revealing mode only].
// Replies:  revealing: varint n | n × BE64 id (in list order)
//           hiding:    u8 source (0: one block of capacity b from the dictionary,
//                      1: array blocks of capacity B) | varint m | m × sealed id block
//                      (in list order; block j is region j under K2)
#ifndef SSELAB_SSE_TWOLEV_TWOLEV_MESSAGES_H_
#define SSELAB_SSE_TWOLEV_TWOLEV_MESSAGES_H_

#include <array>
#include <cstdint>
#include <string_view>

namespace sselab::sse::twolev {

inline constexpr std::string_view kDictTable = "twolev_dict";
inline constexpr std::string_view kArrayTable = "twolev_array";
inline constexpr uint8_t kSearch = 0x10;
inline constexpr size_t kPositionBytes = 8;
inline constexpr size_t kDictLabelBytes = 16;       // F(K1, 0)
inline constexpr uint64_t kEntryRegion = 0;         // K3 region of the dictionary entry
inline constexpr uint64_t kFirstPointerRegion = 1;  // K3 region of pointer block 0

inline constexpr uint8_t kFromDictionary = 0;
inline constexpr uint8_t kFromArray = 1;

// Parameters: b (ids per dictionary entry) and B (ids per array block).
inline constexpr std::string_view kDictIdsParam = "dict_ids";
inline constexpr std::string_view kBlockIdsParam = "block_ids";
inline constexpr int64_t kDefaultDictIds = 16;
inline constexpr int64_t kDefaultBlockIds = 512;
inline constexpr int64_t kMaxDictIds = 1 << 12;
inline constexpr int64_t kMaxBlockIds = 1 << 16;

// Array lookups go to the store in batches of at most this many keys.
inline constexpr size_t kMaxBatch = 1024;

// The key of array position `position` in table twolev_array: BE64(position).
inline std::array<uint8_t, kPositionBytes> PositionKey(uint64_t position) {
  std::array<uint8_t, kPositionBytes> key;
  for (size_t i = kPositionBytes; i > 0; --i, position >>= 8) {
    key[i - 1] = static_cast<uint8_t>(position);
  }
  return key;
}

struct Options {
  bool revealing = true;
  size_t dict_ids = kDefaultDictIds;    // b
  size_t block_ids = kDefaultBlockIds;  // B
};

}  // namespace sselab::sse::twolev

#endif  // SSELAB_SSE_TWOLEV_TWOLEV_MESSAGES_H_
