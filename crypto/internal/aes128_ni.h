// AES-128 on the processor's AES instructions (AES-NI), for keys that live for a few blocks:
// a search's per-keyword PRF keys and the GGM tree's node keys. Crypto++'s AES objects
// allocate on the heap and run a general key setup each time, which cost a tenth of a
// 10-result Π_bas search; these functions keep the schedule on the stack.
//
// Written from the key schedule of FIPS-197 §5.2 and Intel's AES-NI white paper
// (Gueron, "Intel Advanced Encryption Standard (AES) New Instructions Set", 2010, §4);
// checked against FIPS-197 Appendix C.1 and against Crypto++ on random inputs
// (aes128_ni_test.cc). Callers check HaveAesNi() first and use Crypto++ otherwise.
#ifndef SSELAB_CRYPTO_INTERNAL_AES128_NI_H_
#define SSELAB_CRYPTO_INTERNAL_AES128_NI_H_

#include <array>
#include <cstddef>
#include <cstdint>

namespace sselab::crypto::internal {

using AesBlock = std::array<uint8_t, 16>;

// True when this build targets x86 and the running processor has AES-NI.
bool HaveAesNi();

// The 11 round keys of an AES-128 key.
struct Aes128Schedule {
  alignas(16) std::array<AesBlock, 11> round_keys;
};

// REQUIRES (all three): HaveAesNi().
void Aes128Expand(const uint8_t key[16], Aes128Schedule& out);
// out[i] = AES_K(in[i]) for i < n; `in` and `out` may be the same array.
void Aes128EncryptBlocks(const Aes128Schedule& schedule, const AesBlock* in, AesBlock* out,
                         size_t n);
// out0 = AES_key(in0), out1 = AES_key(in1), the schedule computed round by round on the
// fly: the GGM tree's PRG, whose every key encrypts just these two blocks.
void Aes128EncryptPairFreshKey(const AesBlock& key, const AesBlock& in0, const AesBlock& in1,
                               AesBlock& out0, AesBlock& out1);

}  // namespace sselab::crypto::internal

#endif  // SSELAB_CRYPTO_INTERNAL_AES128_NI_H_
