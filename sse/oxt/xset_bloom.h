// XSetBloom: the XSet held in memory as a blocked Bloom filter, the paper's suggestion
// for a fast membership test (CRYPTO'13, §5: "XSet can be implemented as a Bloom filter").
//
// Every key sets k bits inside one 512-bit block (one cache line), so a test reads one
// line: about a memory access, where the RocksDB table costs a lookup (about 1 µs).
// A key not added tests positive with probability about the rate the filter was sized
// for (false positives make a conjunction return a document that lacks some x-term);
// an added key always tests positive. Keys are XSetKeys, already uniform (truncated
// SHA-256), so their bytes pick the block and the bits directly.
//
// Thread safety: const methods may run concurrently once the filter is filled.
#ifndef SSELAB_SSE_OXT_XSET_BLOOM_H_
#define SSELAB_SSE_OXT_XSET_BLOOM_H_

#include <cstdint>
#include <vector>

#include "sse/oxt/xset.h"

namespace sselab::sse::oxt {

class XSetBloom {
 public:
  // Sized for `keys` keys at false-positive rate `fp`. REQUIRES: 0 < fp < 1.
  XSetBloom(uint64_t keys, double fp);

  void Add(const XSetKey& key);
  bool MayContain(const XSetKey& key) const;

  uint64_t bytes() const { return words_.size() * sizeof(uint64_t); }

 private:
  // The block of `key` and its k bit positions within it.
  uint64_t BlockOf(const XSetKey& key) const;

  std::vector<uint64_t> words_;  // blocks of 8 words
  uint64_t blocks_ = 1;
  unsigned k_ = 1;
};

}  // namespace sselab::sse::oxt

#endif  // SSELAB_SSE_OXT_XSET_BLOOM_H_
