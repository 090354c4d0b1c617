// OXT wire format and key schema (Cash, Jarecki, Jutla, Krawczyk, Roşu, Steiner, CRYPTO
// 2013; papers/cjjkrs13.md).
//
// Table `oxt_tset` (the TSet, laid out as Π_bas's dictionary: NDSS'14 Fig. 2):
//   label F(stag_w, c) (16 bytes, c = 0 .. |DB(w)| - 1)
//   -> e (16 bytes: AES_{K_e(w)}(BE64(ind) || 0^8)) | y (32 bytes: xind · z_c^{-1} mod ℓ)
// Table `oxt_xset` (the XSet): key H(xtag) (16 bytes: SHA-256 of the 32-byte ristretto255
//   encoding of xtag = g^{F_p(K_X, w) · xind}, truncated) -> empty value.
// Request 0x10 Search: stag (16) | varint x (x-terms) | varint m (rows) |
//   m × x xtokens (32 bytes each, row c then term i: g^{z_c · F_p(K_X, w_i)}).
//   m = 0 when x = 0 (a keyword alone); otherwise m is the s-term's entry count.
// Reply: varint k | k × e (16 bytes), the entries whose every xtoken^y is in the XSet, in
//   counter order.
#ifndef SSELAB_SSE_OXT_OXT_MESSAGES_H_
#define SSELAB_SSE_OXT_OXT_MESSAGES_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sselab::sse::oxt {

inline constexpr std::string_view kTSetTable = "oxt_tset";
inline constexpr std::string_view kXSetTable = "oxt_xset";
inline constexpr uint8_t kSearch = 0x10;

inline constexpr size_t kLabelSize = 16;
inline constexpr size_t kEntryCipherSize = 16;  // e
inline constexpr size_t kYSize = 32;            // y, a scalar
inline constexpr size_t kTupleSize = kEntryCipherSize + kYSize;
inline constexpr size_t kXTagKeySize = 16;
inline constexpr size_t kXTokenSize = 32;

// At most this many x-terms in one conjunction (a query of 65 keywords is refused).
inline constexpr uint64_t kMaxXTerms = 64;

}  // namespace sselab::sse::oxt

#endif  // SSELAB_SSE_OXT_OXT_MESSAGES_H_
