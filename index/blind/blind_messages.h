// Wire format and key schema of the blind (truncated-token) index.
//
// Tokens: tag = HMAC-SHA256(K_field, w) (32 bytes); token = the first TokenSize(L) =
// ceil(L/8) bytes of tag with the unused low bits of the last byte zeroed (L = `bits`).
//
// Table `blind` (see storage/README.md, "Key schema"):
//   token (TokenSize(L)) | rid (16 random bytes)  ->  sealed entry (kSealedSize bytes):
//   AES-256-GCM under K_aead, associated data = token, of
//     u8 kind (kReal | kDummy) | tag (32) | BE64 id      (a dummy has tag = 0, id = 0)
// Every key of one index has the same length, so a prefix scan on a token finds exactly
// that token's entries.
//
// Requests (after the common header of message.h):
//   0x10 Search: token (TokenSize(L)).
//        Reply: varint n | n × (rid (16) | sealed entry), in key order.
//   0x11 Update: token | varint e | e × rid | varint p | p × (rid | sealed entry).
//        Erases token||rid for each of the e rids and puts the p entries under token||rid,
//        all in one atomic store write. Reply: empty.
// A token whose unused low bits are not zero is malformed (kCorruption).
#ifndef SSELAB_INDEX_BLIND_BLIND_MESSAGES_H_
#define SSELAB_INDEX_BLIND_BLIND_MESSAGES_H_

#include <cstdint>
#include <string_view>

#include "base/bytes.h"
#include "crypto/aead.h"
#include "crypto/hash.h"

namespace sselab::index::blind {

inline constexpr std::string_view kTable = "blind";
inline constexpr uint8_t kSearch = 0x10;
inline constexpr uint8_t kUpdate = 0x11;

inline constexpr int kMinBits = 1;
inline constexpr int kMaxBits = 256;
inline constexpr size_t kTagSize = 32;  // full HMAC-SHA256 output
inline constexpr size_t kRidSize = 16;  // random entry identifier

inline constexpr uint8_t kReal = 0;
inline constexpr uint8_t kDummy = 1;
inline constexpr size_t kEntryPlainSize = 1 + kTagSize + 8;
inline constexpr size_t kSealedSize = kEntryPlainSize + crypto::Aead::kOverhead;
inline constexpr size_t kWireEntrySize = kRidSize + kSealedSize;

// Bytes of a token of `bits` bits. REQUIRES: kMinBits <= bits <= kMaxBits.
inline size_t TokenSize(int bits) { return static_cast<size_t>(bits + 7) / 8; }

// The mask that keeps the used bits of a token's last byte.
inline uint8_t LastByteMask(int bits) {
  int unused = static_cast<int>(TokenSize(bits)) * 8 - bits;
  return static_cast<uint8_t>(0xFFu << unused);
}

// The token of `tag`: its first `bits` bits, zero-padded to whole bytes.
inline Bytes TruncateTag(const crypto::Digest256& tag, int bits) {
  Bytes token(tag.begin(), tag.begin() + static_cast<long>(TokenSize(bits)));
  token.back() &= LastByteMask(bits);
  return token;
}

// True if `token` has the size of a `bits`-bit token and its unused bits are zero.
inline bool IsValidToken(ByteView token, int bits) {
  return token.size() == TokenSize(bits) && (token.back() & ~LastByteMask(bits)) == 0;
}

}  // namespace sselab::index::blind

#endif  // SSELAB_INDEX_BLIND_BLIND_MESSAGES_H_
