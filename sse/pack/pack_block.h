// Padded, encrypted blocks of 64-bit values: the unit Π_pack and Π_2lev store.
//
// A block of capacity k holds up to k values (document ids, or Π_2lev array positions).
// It is always padded to full size so every stored entry of a table has the same length:
//   plaintext: BE32 count | k × BE64 value   (slots past `count` are zero)
// The count prefix is how padding is recognized: ids are arbitrary 64-bit values, so no
// value can serve as a padding sentinel.
//
// Encryption is a PRF pad (AES in counter mode under a per-keyword key): byte i of the
// region `region` is XORed with AES_K(BE64(region) | BE64(i / 16))[i % 16]. Callers give
// every region encrypted under one key a distinct number, so no pad is ever reused. See
// papers/cjjkrs14.md ("Deviations") for why a pad and not an AEAD.
#ifndef SSELAB_SSE_PACK_PACK_BLOCK_H_
#define SSELAB_SSE_PACK_PACK_BLOCK_H_

#include <cstdint>
#include <span>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/prf.h"

namespace sselab::sse::pack {

inline constexpr size_t kCountBytes = 4;
inline constexpr size_t kValueBytes = 8;

// Bytes of a block of `capacity` values.
constexpr size_t BlockBytes(size_t capacity) { return kCountBytes + kValueBytes * capacity; }

// Appends the plaintext block of `values` padded to `capacity` slots to `out`.
// REQUIRES: values.size() <= capacity.
void EncodeBlock(std::span<const uint64_t> values, size_t capacity, Bytes& out);

// The encoded values of a plaintext block: its first `count` BE64 slots, a view into
// `block`. kCorruption (naming `what`) if the block is not BlockBytes(capacity) long or its
// count exceeds `capacity`.
Result<ByteView> BlockValues(ByteView block, size_t capacity, std::string_view what);

// BlockValues, decoded and appended to `out`.
Status DecodeBlock(ByteView block, size_t capacity, std::string_view what,
                   std::vector<uint64_t>& out);

// XORs `data` with the pad of `region` under `prf` (encrypts and decrypts).
void XorPad(const crypto::BlockPrf& prf, uint64_t region, std::span<uint8_t> data);

// EncodeBlock then XorPad: the stored form of a block.
Bytes SealBlock(const crypto::BlockPrf& prf, uint64_t region, std::span<const uint64_t> values,
                size_t capacity);

// XorPad then BlockValues, decrypting `sealed` in place: every caller owns its blocks and
// needs them no more (search replies of thousands of blocks). The view is into `sealed`:
// a reply of BE64 ids takes it as it is, with no decoding and encoding again.
Result<ByteView> OpenBlockValuesInPlace(const crypto::BlockPrf& prf, uint64_t region,
                                        std::span<uint8_t> sealed, size_t capacity,
                                        std::string_view what);

// OpenBlockValuesInPlace, decoded and appended to `out`.
Status OpenBlockInPlace(const crypto::BlockPrf& prf, uint64_t region, std::span<uint8_t> sealed,
                        size_t capacity, std::string_view what, std::vector<uint64_t>& out);

// Bulk BE64 codec for the id lists of search replies: appends values.size() * kValueBytes
// bytes to `out`; appends the bytes.size() / kValueBytes values of `bytes` to `out`.
// REQUIRES (LoadValues): bytes.size() is a multiple of kValueBytes.
void StoreValues(std::span<const uint64_t> values, Bytes& out);
void LoadValues(ByteView bytes, std::vector<uint64_t>& out);

}  // namespace sselab::sse::pack

#endif  // SSELAB_SSE_PACK_PACK_BLOCK_H_
