// Messages and key schema of the plaintext baseline.
//
// Tables (see storage/README.md, "Key schema"):
//   plaintext_postings  varint len(w) | w | BE32 chunk  ->  packed postings (postings_codec.h),
//                       at most kChunkIds ids per chunk, chunks in id order
//   plaintext_updates   varint len(w) | w | BE64 id     ->  u8 1 (inserted) or 0 (removed)
// Requests: 0x10 Search: lp keyword; reply: packed postings.
//           0x11 Update: u8 op (1 insert, 0 remove) | lp keyword | u64 id; reply empty.
#ifndef SSELAB_INDEX_PLAINTEXT_PLAINTEXT_MESSAGES_H_
#define SSELAB_INDEX_PLAINTEXT_PLAINTEXT_MESSAGES_H_

#include <cstdint>
#include <string_view>

#include "base/codec.h"

namespace sselab::index::plaintext {

inline constexpr std::string_view kPostingsTable = "plaintext_postings";
inline constexpr std::string_view kUpdatesTable = "plaintext_updates";
inline constexpr size_t kChunkIds = 1024;

inline constexpr uint8_t kSearch = 0x10;
inline constexpr uint8_t kUpdate = 0x11;
inline constexpr uint8_t kOpRemove = 0;
inline constexpr uint8_t kOpInsert = 1;

// varint len(w) | w: the prefix every key of a keyword starts with.
inline Bytes KeywordPrefix(std::string_view keyword) {
  ByteWriter w(keyword.size() + 2);
  w.LengthPrefixed(keyword);
  return w.Take();
}

}  // namespace sselab::index::plaintext

#endif  // SSELAB_INDEX_PLAINTEXT_PLAINTEXT_MESSAGES_H_
