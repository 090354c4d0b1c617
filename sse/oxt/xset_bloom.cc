#include "sse/oxt/xset_bloom.h"

#include <algorithm>
#include <cmath>

namespace sselab::sse::oxt {
namespace {

constexpr uint64_t kBlockBits = 512;
constexpr uint64_t kWordsPerBlock = kBlockBits / 64;

uint64_t LoadLe64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

XSetBloom::XSetBloom(uint64_t keys, double fp) {
  // A plain Bloom filter needs log2(1/fp) / ln 2 bits per key with k = log2(1/fp) bits set
  // per key. Confining a key's bits to one block makes blocks unevenly loaded (their key
  // counts vary); 30 % more bits brings the rate back to about fp (xset_bloom_test.cc
  // measures it).
  const double log2_inverse = std::log2(1.0 / fp);
  const double bits_per_key = 1.3 * log2_inverse / std::log(2.0);
  k_ = static_cast<unsigned>(std::clamp(std::round(log2_inverse), 1.0, 48.0));
  const double bits = std::max(1.0, bits_per_key * static_cast<double>(keys));
  blocks_ = std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(bits / kBlockBits)));
  words_.assign(blocks_ * kWordsPerBlock, 0);
}

uint64_t XSetBloom::BlockOf(const XSetKey& key) const {
  // h1 is uniform over 2^64: its remainder is uniform over the blocks up to 2^-40.
  return LoadLe64(key.data()) % blocks_;
}

// The k bit positions of a key in its block: 9-bit pieces of a SplitMix64 stream seeded
// with the key's second half, so that the positions of two keys are independent. (An
// arithmetic progression a + i·b mod 512 has only 2^17 patterns: keys sharing one
// made false positives 10^5 times the rate the filter was sized for.)
template <typename Fn>
void ForEachBit(const XSetKey& key, unsigned k, Fn&& fn) {
  uint64_t state = LoadLe64(key.data() + 8);
  for (unsigned i = 0; i < k;) {
    state += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    for (int piece = 0; piece < 7 && i < k; ++piece, ++i, z >>= 9) {
      if (!fn(z % kBlockBits)) return;
    }
  }
}

void XSetBloom::Add(const XSetKey& key) {
  uint64_t* block = &words_[BlockOf(key) * kWordsPerBlock];
  ForEachBit(key, k_, [block](uint64_t bit) {
    block[bit / 64] |= uint64_t{1} << (bit % 64);
    return true;
  });
}

bool XSetBloom::MayContain(const XSetKey& key) const {
  const uint64_t* block = &words_[BlockOf(key) * kWordsPerBlock];
  bool all = true;
  ForEachBit(key, k_, [block, &all](uint64_t bit) {
    all = (block[bit / 64] & (uint64_t{1} << (bit % 64))) != 0;
    return all;
  });
  return all;
}

}  // namespace sselab::sse::oxt
