// Σoφoς wire format and key schema.
//
// Table `sophos`:    UT (16 bytes, H1(K_w, ST_i)) -> e (8 bytes, BE64(id) XOR H2(K_w, ST_i)).
// Table `sophos_pk`: "pk" -> the RSA public key (N, e), RsaPublicKey::Encode(); loaded once
//                    by the setup protocol, read by every search.
// Requests: 0x10 Search: K_w (16) | varint n (entries of w, 1..kMaxEntries) |
//                        ST_{n-1} (element_size bytes, big-endian, < N)
//           0x11 Update: varint m | m × (UT (16) | e (8))
// Replies:  Search: varint n | n × BE64 id, newest first (counters n-1 down to 0).
//           Update: empty.
#ifndef SSELAB_SSE_SOPHOS_SOPHOS_MESSAGES_H_
#define SSELAB_SSE_SOPHOS_SOPHOS_MESSAGES_H_

#include <cstdint>
#include <string_view>

namespace sselab::sse::sophos {

inline constexpr std::string_view kTable = "sophos";
inline constexpr std::string_view kPkTable = "sophos_pk";
inline constexpr std::string_view kPkKey = "pk";
inline constexpr uint8_t kSearch = 0x10;
inline constexpr uint8_t kUpdate = 0x11;
inline constexpr size_t kTokenSize = 16;
inline constexpr size_t kValueSize = 8;
inline constexpr size_t kPairSize = kTokenSize + kValueSize;
// At most this many entries per keyword: the server refuses to walk longer chains.
inline constexpr uint64_t kMaxEntries = uint64_t{1} << 32;

// The server walks a chain in batches that double from kFirstBatch to kMaxBatch (one
// multi_get each): a forged count fails after few RSA operations.
inline constexpr size_t kFirstBatch = 16;
inline constexpr size_t kMaxBatch = 1024;

}  // namespace sselab::sse::sophos

#endif  // SSELAB_SSE_SOPHOS_SOPHOS_MESSAGES_H_
