#include "crypto/internal/aes128_ni.h"

#include "crypto/internal/fatal.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define SSELAB_HAVE_AESNI_CODE 1
#endif

namespace sselab::crypto::internal {

#ifdef SSELAB_HAVE_AESNI_CODE

namespace {

#define SSELAB_AESNI __attribute__((target("aes,sse2")))

// One step of the AES-128 key schedule (FIPS-197 §5.2): `assist` is
// AESKEYGENASSIST(key, rcon), whose top word is SubWord(RotWord(w3)) ^ rcon.
SSELAB_AESNI inline __m128i NextRoundKey(__m128i key, __m128i assist) {
  assist = _mm_shuffle_epi32(assist, 0xff);
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  return _mm_xor_si128(key, assist);
}

SSELAB_AESNI inline __m128i Load(const AesBlock& b) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(b.data()));
}

SSELAB_AESNI inline void Store(__m128i v, AesBlock& b) {
  _mm_storeu_si128(reinterpret_cast<__m128i*>(b.data()), v);
}

// Blocks in flight at once: AESENC has a latency of several cycles and a throughput of
// one or two per cycle, so independent blocks fill the pipeline.
constexpr size_t kLanes = 4;

}  // namespace

bool HaveAesNi() {
  static const bool have = __builtin_cpu_supports("aes") && __builtin_cpu_supports("sse2");
  return have;
}

SSELAB_AESNI void Aes128Expand(const uint8_t key[16], Aes128Schedule& out) {
  __m128i k = _mm_loadu_si128(reinterpret_cast<const __m128i*>(key));
  Store(k, out.round_keys[0]);
  // AESKEYGENASSIST takes its round constant as an immediate: one line per round.
  k = NextRoundKey(k, _mm_aeskeygenassist_si128(k, 0x01));
  Store(k, out.round_keys[1]);
  k = NextRoundKey(k, _mm_aeskeygenassist_si128(k, 0x02));
  Store(k, out.round_keys[2]);
  k = NextRoundKey(k, _mm_aeskeygenassist_si128(k, 0x04));
  Store(k, out.round_keys[3]);
  k = NextRoundKey(k, _mm_aeskeygenassist_si128(k, 0x08));
  Store(k, out.round_keys[4]);
  k = NextRoundKey(k, _mm_aeskeygenassist_si128(k, 0x10));
  Store(k, out.round_keys[5]);
  k = NextRoundKey(k, _mm_aeskeygenassist_si128(k, 0x20));
  Store(k, out.round_keys[6]);
  k = NextRoundKey(k, _mm_aeskeygenassist_si128(k, 0x40));
  Store(k, out.round_keys[7]);
  k = NextRoundKey(k, _mm_aeskeygenassist_si128(k, 0x80));
  Store(k, out.round_keys[8]);
  k = NextRoundKey(k, _mm_aeskeygenassist_si128(k, 0x1b));
  Store(k, out.round_keys[9]);
  k = NextRoundKey(k, _mm_aeskeygenassist_si128(k, 0x36));
  Store(k, out.round_keys[10]);
}

SSELAB_AESNI void Aes128EncryptBlocks(const Aes128Schedule& schedule, const AesBlock* in,
                                      AesBlock* out, size_t n) {
  __m128i rk[11];
  for (size_t r = 0; r < 11; ++r) rk[r] = Load(schedule.round_keys[r]);
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    __m128i b[kLanes];
    for (size_t j = 0; j < kLanes; ++j) b[j] = _mm_xor_si128(Load(in[i + j]), rk[0]);
    for (size_t r = 1; r < 10; ++r) {
      for (size_t j = 0; j < kLanes; ++j) b[j] = _mm_aesenc_si128(b[j], rk[r]);
    }
    for (size_t j = 0; j < kLanes; ++j) Store(_mm_aesenclast_si128(b[j], rk[10]), out[i + j]);
  }
  for (; i < n; ++i) {
    __m128i b = _mm_xor_si128(Load(in[i]), rk[0]);
    for (size_t r = 1; r < 10; ++r) b = _mm_aesenc_si128(b, rk[r]);
    Store(_mm_aesenclast_si128(b, rk[10]), out[i]);
  }
}

SSELAB_AESNI void Aes128EncryptPairFreshKey(const AesBlock& key, const AesBlock& in0,
                                            const AesBlock& in1, AesBlock& out0, AesBlock& out1) {
  __m128i k = Load(key);
  __m128i b0 = _mm_xor_si128(Load(in0), k);
  __m128i b1 = _mm_xor_si128(Load(in1), k);
#define SSELAB_AES_PAIR_ROUND(rcon)                        \
  k = NextRoundKey(k, _mm_aeskeygenassist_si128(k, rcon)); \
  b0 = _mm_aesenc_si128(b0, k);                            \
  b1 = _mm_aesenc_si128(b1, k);
  SSELAB_AES_PAIR_ROUND(0x01)
  SSELAB_AES_PAIR_ROUND(0x02)
  SSELAB_AES_PAIR_ROUND(0x04)
  SSELAB_AES_PAIR_ROUND(0x08)
  SSELAB_AES_PAIR_ROUND(0x10)
  SSELAB_AES_PAIR_ROUND(0x20)
  SSELAB_AES_PAIR_ROUND(0x40)
  SSELAB_AES_PAIR_ROUND(0x80)
  SSELAB_AES_PAIR_ROUND(0x1b)
#undef SSELAB_AES_PAIR_ROUND
  k = NextRoundKey(k, _mm_aeskeygenassist_si128(k, 0x36));
  Store(_mm_aesenclast_si128(b0, k), out0);
  Store(_mm_aesenclast_si128(b1, k), out1);
}

#undef SSELAB_AESNI

#else  // no AES-NI code in this build: HaveAesNi() is false and nothing else may be called

bool HaveAesNi() { return false; }

void Aes128Expand(const uint8_t*, Aes128Schedule&) { Fatal("AES-NI is not available"); }

void Aes128EncryptBlocks(const Aes128Schedule&, const AesBlock*, AesBlock*, size_t) {
  Fatal("AES-NI is not available");
}

void Aes128EncryptPairFreshKey(const AesBlock&, const AesBlock&, const AesBlock&, AesBlock&,
                               AesBlock&) {
  Fatal("AES-NI is not available");
}

#endif  // SSELAB_HAVE_AESNI_CODE

}  // namespace sselab::crypto::internal
