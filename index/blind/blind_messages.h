// Wire format and key schema of the blind (truncated-token) index.
//
// Tokens: tag = HMAC-SHA256(K_f, w) (32 bytes) under the key K_f of w's field f (""
// outside any field, see index/field.h). The token of w is
//   u8 (L_f - 1) | field id (2 bytes) | the first L_f bits of tag, in TokenSize(L_f)
//   bytes with the unused low bits of the last byte zeroed
// where L_f is the field's token length and the field id is the first 2 bytes of
// HMAC-SHA256(K_id, f). The header makes every token of one field the same length (so a
// prefix scan on a token finds exactly that token's entries), and keeps fields with
// different L apart. Two fields whose ids collide merely share buckets: answers are
// filtered by the full tag, so a collision costs bandwidth, never correctness.
//
// Table `blind` (see storage/README.md, "Key schema"):
//   token | rid (16 random bytes)  ->  sealed entry (kSealedSize bytes):
//   AES-256-GCM under K_aead, associated data = token, of
//     u8 kind (kReal | kDummy) | tag (32) | BE64 id      (a dummy has tag = 0, id = 0)
//
// Requests (after the common header of message.h):
//   0x10 Search: token.
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

inline constexpr size_t kFieldIdSize = 2;
inline constexpr size_t kTokenHeaderSize = 1 + kFieldIdSize;

// Bytes of the truncated tag of a `bits`-bit token. REQUIRES: kMinBits <= bits <= kMaxBits.
inline size_t TruncatedSize(int bits) { return static_cast<size_t>(bits + 7) / 8; }

// Bytes of a whole `bits`-bit token, header included.
inline size_t TokenSize(int bits) { return kTokenHeaderSize + TruncatedSize(bits); }

// L of a token, from its first byte.
inline int TokenBits(uint8_t first_byte) { return int{first_byte} + 1; }

// The mask that keeps the used bits of a token's last byte.
inline uint8_t LastByteMask(int bits) {
  int unused = static_cast<int>(TruncatedSize(bits)) * 8 - bits;
  return static_cast<uint8_t>(0xFFu << unused);
}

// The token of `tag` in a field of id `field_id` and token length `bits`.
inline Bytes MakeToken(int bits, ByteView field_id, const crypto::Digest256& tag) {
  Bytes token;
  token.reserve(TokenSize(bits));
  token.push_back(static_cast<uint8_t>(bits - 1));
  token.insert(token.end(), field_id.begin(), field_id.end());
  token.insert(token.end(), tag.begin(), tag.begin() + static_cast<long>(TruncatedSize(bits)));
  token.back() &= LastByteMask(bits);
  return token;
}

// True if `token` is as long as its first byte says and its unused bits are zero.
inline bool IsValidToken(ByteView token) {
  if (token.empty()) return false;
  int bits = TokenBits(token[0]);
  return token.size() == TokenSize(bits) && (token.back() & ~LastByteMask(bits)) == 0;
}

}  // namespace sselab::index::blind

#endif  // SSELAB_INDEX_BLIND_BLIND_MESSAGES_H_
