// Pseudorandom functions over AES: Crypto++ (on AES-NI where the processor has it), and
// for BlockPrf with a 16-byte key sselab's own AES-NI code (crypto/internal/aes128_ni.h),
// whose key setup needs no heap: a search sets up several such keys.
//
// Prf:      AES-CMAC (NIST SP 800-38B) on variable-length input, 16-byte output; with
//           Expand() for longer outputs. Use it to derive per-keyword keys and tokens.
// BlockPrf: AES on single 16-byte blocks — a PRP used as a PRF on fixed-size inputs
//           (secure up to the birthday bound, 2^64 blocks). Batched for the hot paths
//           of search (label derivation for counters 0, 1, 2, ...).
//
// Neither object is safe for concurrent use from several threads; create one per thread.
#ifndef SSELAB_CRYPTO_PRF_H_
#define SSELAB_CRYPTO_PRF_H_

#include <array>
#include <cstdint>
#include <memory>
#include <span>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/secret_key.h"

namespace sselab::crypto {

using Block = std::array<uint8_t, 16>;

class Prf {
 public:
  static constexpr size_t kOutputSize = 16;

  // kInvalidArgument unless key.size() is 16, 24 or 32.
  static Result<Prf> Create(const SecretKey& key);

  Prf(Prf&&) noexcept;
  Prf& operator=(Prf&&) noexcept;
  ~Prf();

  // CMAC_K(input).
  Block Eval(ByteView input) const;
  // out = CMAC_K(BE32(0) || input) || CMAC_K(BE32(1) || input) || ..., truncated to
  // out.size(). REQUIRES: out.size() <= 2^32 * 16.
  void Expand(ByteView input, std::span<uint8_t> out) const;
  // A key of `size` bytes derived with Expand(); for the per-keyword keys of SSE schemes.
  SecretKey DeriveKey(ByteView input, size_t size) const;

 private:
  struct Impl;
  explicit Prf(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class BlockPrf {
 public:
  // kInvalidArgument unless key.size() is 16, 24 or 32.
  static Result<BlockPrf> Create(const SecretKey& key);

  BlockPrf(BlockPrf&&) noexcept;
  BlockPrf& operator=(BlockPrf&&) noexcept;
  ~BlockPrf();

  Block Eval(const Block& input) const;
  // out[i] = AES_K(input[i]). REQUIRES: in.size() == out.size().
  void EvalBlocks(std::span<const Block> in, std::span<Block> out) const;
  // out[i] = AES_K(CounterBlock(start + i)), computed in one pipelined call.
  void EvalCounters(uint64_t start, std::span<Block> out) const;
  // The input block of counter c: BE64(c) followed by eight zero bytes.
  static Block CounterBlock(uint64_t c);

 private:
  struct Impl;
  explicit BlockPrf(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sselab::crypto

#endif  // SSELAB_CRYPTO_PRF_H_
