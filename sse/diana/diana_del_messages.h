// Diana_del wire format and key schema (Bost, Minaud, Ohrimenko, CCS 2017, §5 "Diana_del";
// papers/bmo17.md). Two Diana instances, one for additions and one for deletions, each
// keyed separately; what their entries hold is ours (papers/bmo17.md, deviations).
//
// For keyword w the client derives, from its key: the two instances' GGM roots and K'
// keys, and K^tag_w, an AES key. The tag of document id is C = AES(K^tag_w, BE64(id) || 0^8):
// equal for equal (w, id), unlinkable across keywords, and only the client inverts it.
//   Table `diana_del_add`: UT (16) -> C XOR H_2 (16), one entry per addition of (w, id);
//   Table `diana_del_del`: UT (16) -> (C[0..12) || BE32(a)) XOR H_2 (16), one entry per
//     deletion, where a = how many additions of w came before it: the deletion cancels
//     those of them that carry its tag, not a later re-addition.
// Requests:
//   0x12 Search: additions' constrained key | deletions' constrained key
//                (each: K' (16) | varint count | varint m | m × (u8 depth | varint prefix | key))
//   0x13 Add:    varint n (>= 1) | n × (UT (16) | value (16)), sorted by UT
//   0x14 Delete: the same, into the deletions' table
// Replies:
//   Search: varint n | n × C (16): the tags of the additions no deletion cancels, in
//           addition order
//   Add, Delete: empty
// The client state holds, per keyword, the counts of its additions and its deletions.
#ifndef SSELAB_SSE_DIANA_DIANA_DEL_MESSAGES_H_
#define SSELAB_SSE_DIANA_DIANA_DEL_MESSAGES_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sse/common/token_entries.h"
#include "sse/diana/diana_messages.h"

namespace sselab::sse::diana {

inline constexpr std::string_view kAddTable = "diana_del_add";
inline constexpr std::string_view kDelTable = "diana_del_del";
inline constexpr uint8_t kDelSearch = 0x12;
inline constexpr uint8_t kDelAdd = 0x13;
inline constexpr uint8_t kDelDelete = 0x14;
inline constexpr size_t kTagValueSize = 16;
// An entry of either table: a token and a masked tag.
inline constexpr EntryShape kDelShape{kTokenSize, kTagValueSize};
// 2^32 - 1: a deletion records the count of additions before it in 32 bits.
inline constexpr uint64_t kDelMaxCount = (uint64_t{1} << kTreeDepth) - 1;
// A deletion matches an addition on the first kMatchSize bytes of its tag (a false match
// within one keyword has probability about a·d / 2^96).
inline constexpr size_t kMatchSize = 12;

}  // namespace sselab::sse::diana

#endif  // SSELAB_SSE_DIANA_DIANA_DEL_MESSAGES_H_
