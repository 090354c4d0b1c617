#include "sse/pack/pack_block.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>

#include "base/codec.h"

namespace sselab::sse::pack {

static_assert(kCountBytes == 4, "the count is a BE32 (StoreBe32, LoadBe32)");

void EncodeBlock(std::span<const uint64_t> values, size_t capacity, Bytes& out) {
  size_t start = out.size();
  out.resize(start + BlockBytes(capacity), 0);
  uint8_t* p = out.data() + start;
  StoreBe32(static_cast<uint32_t>(values.size()), p);
  p += kCountBytes;
  for (uint64_t v : values) {
    StoreBe64(v, p);
    p += kValueBytes;
  }
}

Result<ByteView> BlockValues(ByteView block, size_t capacity, std::string_view what) {
  if (block.size() != BlockBytes(capacity)) {
    return CorruptionError(std::string(what) + " has " + std::to_string(block.size()) +
                           " bytes, expected " + std::to_string(BlockBytes(capacity)));
  }
  const uint64_t count = LoadBe32(block.data());
  if (count > capacity) {
    return CorruptionError(std::string(what) + " claims " + std::to_string(count) +
                           " values, more than its capacity " + std::to_string(capacity));
  }
  return block.subspan(kCountBytes, count * kValueBytes);
}

Status DecodeBlock(ByteView block, size_t capacity, std::string_view what,
                   std::vector<uint64_t>& out) {
  SSELAB_ASSIGN_OR_RETURN(ByteView values, BlockValues(block, capacity, what));
  LoadValues(values, out);
  return OkStatus();
}

void XorPad(const crypto::BlockPrf& prf, uint64_t region, std::span<uint8_t> data) {
  constexpr size_t kChunk = 64;  // AES blocks per pipelined call
  std::array<crypto::Block, kChunk> in, pad;
  size_t blocks = (data.size() + 15) / 16;
  for (size_t first = 0; first < blocks; first += kChunk) {
    size_t n = std::min(kChunk, blocks - first);
    for (size_t i = 0; i < n; ++i) {
      StoreBe64(region, in[i].data());
      StoreBe64(first + i, in[i].data() + 8);
    }
    prf.EvalBlocks(std::span(in).first(n), std::span(pad).first(n));
    // XOR whole pad blocks eight bytes at a time; only a final partial block goes bytewise.
    const size_t base = first * 16;
    const size_t len = std::min(n * 16, data.size() - base);
    const auto* pad_bytes = reinterpret_cast<const uint8_t*>(pad.data());
    size_t j = 0;
    for (; j + 8 <= len; j += 8) {
      uint64_t d, k;
      std::memcpy(&d, data.data() + base + j, 8);
      std::memcpy(&k, pad_bytes + j, 8);
      d ^= k;
      std::memcpy(data.data() + base + j, &d, 8);
    }
    for (; j < len; ++j) data[base + j] ^= pad_bytes[j];
  }
}

Bytes SealBlock(const crypto::BlockPrf& prf, uint64_t region, std::span<const uint64_t> values,
                size_t capacity) {
  Bytes out;
  EncodeBlock(values, capacity, out);
  XorPad(prf, region, out);
  return out;
}

Result<ByteView> OpenBlockValuesInPlace(const crypto::BlockPrf& prf, uint64_t region,
                                        std::span<uint8_t> sealed, size_t capacity,
                                        std::string_view what) {
  XorPad(prf, region, sealed);
  return BlockValues(sealed, capacity, what);
}

Status OpenBlockInPlace(const crypto::BlockPrf& prf, uint64_t region, std::span<uint8_t> sealed,
                        size_t capacity, std::string_view what, std::vector<uint64_t>& out) {
  XorPad(prf, region, sealed);
  return DecodeBlock(sealed, capacity, what, out);
}

void StoreValues(std::span<const uint64_t> values, Bytes& out) {
  size_t start = out.size();
  out.resize(start + values.size() * kValueBytes);
  uint8_t* p = out.data() + start;
  for (uint64_t v : values) {
    StoreBe64(v, p);
    p += kValueBytes;
  }
}

void LoadValues(ByteView bytes, std::vector<uint64_t>& out) {
  const size_t n = bytes.size() / kValueBytes;
  size_t start = out.size();
  out.resize(start + n);
  for (size_t i = 0; i < n; ++i) out[start + i] = LoadBe64(bytes.data() + i * kValueBytes);
}

}  // namespace sselab::sse::pack
