// Wire format and key schema shared by the PEKS schemes (peks-bdop04, paeks-hl17).
//
// Table `peks` (see storage/README.md, "Key schema"):
//   rid (16 random bytes)  ->  tag (the scheme's tag_size) || id box (kIdBoxSize, id_box.h)
// The rid is random, so keys say nothing about keywords, documents or insertion order;
// the tag is randomized; the id is encrypted to the receiver.
//
// Requests (after the common header of message.h):
//   0x10 Search: trapdoor (trapdoor_size bytes).
//        Reply: varint n | n × id box of the entries whose tag matches, in key order.
//   0x11 Insert: varint n (>= 1) | n × (rid (16) | tag | id box).
//        Every tag is checked (points decode, on the curve, in the subgroup) before the n
//        entries are put in one atomic store write. Reply: empty.
#ifndef SSELAB_PEKS_PEKS_MESSAGES_H_
#define SSELAB_PEKS_PEKS_MESSAGES_H_

#include <cstdint>
#include <string_view>

namespace sselab::peks {

inline constexpr std::string_view kTable = "peks";
inline constexpr uint8_t kSearch = 0x10;
inline constexpr uint8_t kInsert = 0x11;
inline constexpr size_t kRidSize = 16;

}  // namespace sselab::peks

#endif  // SSELAB_PEKS_PEKS_MESSAGES_H_
