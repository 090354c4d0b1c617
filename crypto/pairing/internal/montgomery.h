// Montgomery arithmetic on N 64-bit limbs (little-endian limb order), shared by Fp (N = 6)
// and Fr (N = 4).
//
// Every function here is branch-free in its operands: carries and comparisons become
// masks, so the running time does not depend on secret values. All functions are
// constexpr, so constants can be converted to Montgomery form at compile time.
//
// REQUIRES: the modulus m is odd and below 2^(64N - 1) (true for p and r), so that sums
// of two reduced values fit in N limbs and the no-carry CIOS multiplication below is exact
// (Acar, "High-speed algorithms & architectures for number-theoretic cryptosystems",
// 1997, Alg. CIOS; with the final-carry elision valid for such moduli).
#ifndef SSELAB_CRYPTO_PAIRING_INTERNAL_MONTGOMERY_H_
#define SSELAB_CRYPTO_PAIRING_INTERNAL_MONTGOMERY_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "crypto/pairing/internal/mont6_adx.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <x86intrin.h>
#define SSELAB_PAIRING_HAVE_ADC 1
#else
#define SSELAB_PAIRING_HAVE_ADC 0
#endif

// For the small hot helpers of the tower (Fp and Fp2 additions, Fp2 squaring, whose
// products are calls): GCC's size heuristics otherwise leave them out of line in Fp6 and
// Fp12 code, where the call and the copies of the 96-byte arguments cost as much as the
// additions. Fp2 multiplication stays out of line on purpose (fp2.h).
#if defined(__GNUC__) || defined(__clang__)
#define SSELAB_PAIRING_INLINE inline __attribute__((always_inline))
#else
#define SSELAB_PAIRING_INLINE inline
#endif

namespace sselab::crypto::pairing::internal {

__extension__ typedef unsigned __int128 U128;

template <size_t N>
using Limbs = std::array<uint64_t, N>;

// (hi, lo) = a + b + carry. REQUIRES: carry is 0 or 1.
// At run time on x86-64 the ADC/SBB intrinsics are used: GCC turns the 128-bit form
// into long zero-extend/add sequences, and these primitives are the inner loop of every
// field operation. Both forms are branch-free.
constexpr uint64_t AddCarry(uint64_t a, uint64_t b, uint64_t& carry) {
#if SSELAB_PAIRING_HAVE_ADC
  if (!std::is_constant_evaluated()) {
    unsigned long long r;
    carry = _addcarry_u64(static_cast<unsigned char>(carry), a, b, &r);
    return r;
  }
#endif
  U128 t = static_cast<U128>(a) + b + carry;
  carry = static_cast<uint64_t>(t >> 64);
  return static_cast<uint64_t>(t);
}

// a - b - borrow; borrow becomes 1 on underflow. REQUIRES: borrow is 0 or 1.
constexpr uint64_t SubBorrow(uint64_t a, uint64_t b, uint64_t& borrow) {
#if SSELAB_PAIRING_HAVE_ADC
  if (!std::is_constant_evaluated()) {
    unsigned long long r;
    borrow = _subborrow_u64(static_cast<unsigned char>(borrow), a, b, &r);
    return r;
  }
#endif
  U128 t = static_cast<U128>(a) - b - borrow;
  borrow = static_cast<uint64_t>(t >> 64) & 1;
  return static_cast<uint64_t>(t);
}

// (carry, result) = acc + a * b + carry.
constexpr uint64_t MulAdd(uint64_t acc, uint64_t a, uint64_t b, uint64_t& carry) {
  U128 t = static_cast<U128>(a) * b + acc + carry;
  carry = static_cast<uint64_t>(t >> 64);
  return static_cast<uint64_t>(t);
}

// (hi, lo) = a * b.
constexpr uint64_t MulWide(uint64_t a, uint64_t b, uint64_t& hi) {
  const U128 t = static_cast<U128>(a) * b;
  hi = static_cast<uint64_t>(t >> 64);
  return static_cast<uint64_t>(t);
}

// Returns a if mask is all ones, b if mask is zero (mask is one or the other).
// At run time on x86-64 this is a CMOV: written as and/or, a row of these selections is
// auto-vectorized by GCC into SSE code that moves every limb between vector and general
// registers, which made Fp addition and the Fp2 glue of the tower about twice as slow.
constexpr uint64_t SelectLimb(uint64_t mask, uint64_t a, uint64_t b) {
#if SSELAB_PAIRING_HAVE_ADC
  if (!std::is_constant_evaluated()) {
    __asm__("testq %[mask], %[mask]\n\tcmovnzq %[a], %[b]"
            : [b] "+r"(b)
            : [a] "rm"(a), [mask] "r"(mask)
            : "cc");
    return b;
  }
#endif
  return (a & mask) | (b & ~mask);
}

// Returns a if mask is all ones, b if mask is zero.
template <size_t N>
SSELAB_PAIRING_INLINE constexpr Limbs<N> SelectMask(uint64_t mask, const Limbs<N>& a,
                                                    const Limbs<N>& b) {
#if SSELAB_PAIRING_HAVE_ADC
  if constexpr (N == 6) {
    if (!std::is_constant_evaluated()) {
      // Fp: one test for the six CMOVs (every Fp addition and subtraction selects).
      Limbs<6> r = b;
      __asm__(
          "testq %[mask], %[mask]\n\t"
          "cmovnzq %[a0], %[r0]\n\t"
          "cmovnzq %[a1], %[r1]\n\t"
          "cmovnzq %[a2], %[r2]\n\t"
          "cmovnzq %[a3], %[r3]\n\t"
          "cmovnzq %[a4], %[r4]\n\t"
          "cmovnzq %[a5], %[r5]"
          : [r0] "+r"(r[0]), [r1] "+r"(r[1]), [r2] "+r"(r[2]), [r3] "+r"(r[3]), [r4] "+r"(r[4]),
            [r5] "+r"(r[5])
          : [a0] "rm"(a[0]), [a1] "rm"(a[1]), [a2] "rm"(a[2]), [a3] "rm"(a[3]), [a4] "rm"(a[4]),
            [a5] "rm"(a[5]), [mask] "r"(mask)
          : "cc");
      return r;
    }
  }
#endif
  Limbs<N> r{};
#pragma GCC unroll 8
  for (size_t i = 0; i < N; ++i) r[i] = SelectLimb(mask, a[i], b[i]);
  return r;
}

// Returns a - m if a >= m, else a. REQUIRES: a < 2m.
template <size_t N>
SSELAB_PAIRING_INLINE constexpr Limbs<N> ReduceOnce(const Limbs<N>& a, const Limbs<N>& m) {
  Limbs<N> s{};
  uint64_t borrow = 0;
#pragma GCC unroll 8
  for (size_t i = 0; i < N; ++i) s[i] = SubBorrow(a[i], m[i], borrow);
  return SelectMask<N>(0 - borrow, a, s);  // borrow = 1 means a < m
}

template <size_t N>
SSELAB_PAIRING_INLINE constexpr Limbs<N> ModAdd(const Limbs<N>& a, const Limbs<N>& b,
                                                const Limbs<N>& m) {
  Limbs<N> s{};
  uint64_t carry = 0;
#pragma GCC unroll 8
  for (size_t i = 0; i < N; ++i) s[i] = AddCarry(a[i], b[i], carry);
  return ReduceOnce<N>(s, m);
}

template <size_t N>
SSELAB_PAIRING_INLINE constexpr Limbs<N> ModSub(const Limbs<N>& a, const Limbs<N>& b,
                                                const Limbs<N>& m) {
  Limbs<N> s{};
  uint64_t borrow = 0;
#pragma GCC unroll 8
  for (size_t i = 0; i < N; ++i) s[i] = SubBorrow(a[i], b[i], borrow);
  const Limbs<N> add_back = SelectMask<N>(0 - borrow, m, Limbs<N>{});
  uint64_t carry = 0;
#pragma GCC unroll 8
  for (size_t i = 0; i < N; ++i) s[i] = AddCarry(s[i], add_back[i], carry);
  return s;
}

// Montgomery product a * b / 2^(64N) mod m, fully reduced. REQUIRES: a < 2m, b < m
// (so a b < m 2^(64N); unreduced sums may be passed as a).
//
// CIOS with each row split into two independent carry chains (low halves, then high
// halves of the N products), which keeps the adds on the ADC flag instead of 128-bit
// temporaries. Loops have fixed trip counts and are fully unrolled. The row value
// t + a b[i] fits in N + 1 limbs and (t + a b[i] + q m) / 2^64 < t / 2^64 + 3m fits in
// N limbs (m < 2^(64N - 2) for p; for r, a < m), so the carries dropped below are always
// zero; the final value a b / 2^(64N) + (< m) is below 2m.
template <size_t N>
constexpr Limbs<N> MontMulPortable(const Limbs<N>& a, const Limbs<N>& b, const Limbs<N>& m,
                                   uint64_t inv) {
  Limbs<N> t{};
  uint64_t lo[N], hi[N];
#pragma GCC unroll 8
  for (size_t i = 0; i < N; ++i) {
    // (t, top) += a * b[i]
#pragma GCC unroll 8
    for (size_t j = 0; j < N; ++j) lo[j] = MulWide(a[j], b[i], hi[j]);
    uint64_t c1 = 0, c2 = 0;
#pragma GCC unroll 8
    for (size_t j = 0; j < N; ++j) t[j] = AddCarry(t[j], lo[j], c1);
    uint64_t top = c1;
#pragma GCC unroll 8
    for (size_t j = 1; j < N; ++j) t[j] = AddCarry(t[j], hi[j - 1], c2);
    top = AddCarry(top, hi[N - 1], c2);
    // (t, top) = ((t, top) + q m) / 2^64, q chosen so the low limb cancels.
    const uint64_t q = t[0] * inv;
#pragma GCC unroll 8
    for (size_t j = 0; j < N; ++j) lo[j] = MulWide(q, m[j], hi[j]);
    c1 = 0;
    c2 = 0;
    AddCarry(t[0], lo[0], c1);
#pragma GCC unroll 8
    for (size_t j = 1; j < N; ++j) t[j - 1] = AddCarry(t[j], lo[j], c1);
    t[N - 1] = AddCarry(top, 0, c1);
#pragma GCC unroll 8
    for (size_t j = 0; j < N; ++j) t[j] = AddCarry(t[j], hi[j], c2);
  }
  return ReduceOnce<N>(t, m);
}

// The portable code at run time on x86-64 CPUs without ADX, out of line and cold: inlined
// beside the ADX path it made every caller several times larger (an Fp6 product was 70 KB
// of code, far beyond the instruction cache).
template <size_t N>
[[gnu::noinline, gnu::cold]] Limbs<N> MontMulOutOfLine(const Limbs<N>& a, const Limbs<N>& b,
                                                       const Limbs<N>& m, uint64_t inv) {
  return MontMulPortable<N>(a, b, m, inv);
}

#if SSELAB_PAIRING_HAVE_ADX_ASM
// The ADX core, fully reduced. Out of line on purpose: one copy called from the Fp2
// squarings of the tower keeps its code within the instruction cache (inlined there, it
// made Fp12 multiplication half again as slow).
[[gnu::noinline]] inline Limbs<6> MontMul6AdxReduced(const Limbs<6>& a, const Limbs<6>& b,
                                                     const Limbs<6>& m, uint64_t inv) {
  return ReduceOnce<6>(MontMul6Adx(a, b, m, inv), m);
}
#endif

// The product above: the ADX core for Fp on CPUs that have it, else the portable CIOS.
template <size_t N>
constexpr Limbs<N> MontMul(const Limbs<N>& a, const Limbs<N>& b, const Limbs<N>& m, uint64_t inv) {
#if SSELAB_PAIRING_HAVE_ADX_ASM
  if constexpr (N == 6) {
    if (!std::is_constant_evaluated()) {
      if (__builtin_expect(kCpuHasAdx, 1)) return MontMul6AdxReduced(a, b, m, inv);
      return MontMulOutOfLine<N>(a, b, m, inv);
    }
  }
#endif
  return MontMulPortable<N>(a, b, m, inv);
}

// The same product with the ADX core inlined, for Fp's own operator*: scalar Fp code
// (exponentiation, curve arithmetic over Fp) is small, and there the call cost about a
// tenth of a multiplication. The tower calls MontMul, one shared copy.
template <size_t N>
SSELAB_PAIRING_INLINE constexpr Limbs<N> MontMulInlined(const Limbs<N>& a, const Limbs<N>& b,
                                                        const Limbs<N>& m, uint64_t inv) {
#if SSELAB_PAIRING_HAVE_ADX_ASM
  if constexpr (N == 6) {
    if (!std::is_constant_evaluated()) {
      if (__builtin_expect(kCpuHasAdx, 1)) return ReduceOnce<N>(MontMul6Adx(a, b, m, inv), m);
      return MontMulOutOfLine<N>(a, b, m, inv);
    }
  }
#endif
  return MontMulPortable<N>(a, b, m, inv);
}

// Building blocks for lazy reduction (e.g. Fp2 multiplication with two reductions
// instead of three): double-width products and a separate Montgomery reduction.

// a + b without reduction. REQUIRES: the sum fits in N limbs.
template <size_t N>
SSELAB_PAIRING_INLINE constexpr Limbs<N> AddNoReduce(const Limbs<N>& a, const Limbs<N>& b) {
  Limbs<N> s{};
  uint64_t carry = 0;
#pragma GCC unroll 16
  for (size_t i = 0; i < N; ++i) s[i] = AddCarry(a[i], b[i], carry);
  return s;
}

// The full 2N-limb product a * b (schoolbook, two carry chains per row).
template <size_t N>
constexpr Limbs<2 * N> MulWideLimbsPortable(const Limbs<N>& a, const Limbs<N>& b) {
  Limbs<2 * N> t{};
  uint64_t lo[N], hi[N];
#pragma GCC unroll 8
  for (size_t i = 0; i < N; ++i) {
#pragma GCC unroll 8
    for (size_t j = 0; j < N; ++j) lo[j] = MulWide(a[j], b[i], hi[j]);
    uint64_t c1 = 0, c2 = 0;
#pragma GCC unroll 8
    for (size_t j = 0; j < N; ++j) t[i + j] = AddCarry(t[i + j], lo[j], c1);
    t[i + N] = c1;  // t[i + N] is still zero here
#pragma GCC unroll 8
    for (size_t j = 0; j < N; ++j) t[i + j + 1] = AddCarry(t[i + j + 1], hi[j], c2);
  }
  return t;
}

template <size_t N>
[[gnu::noinline, gnu::cold]] Limbs<2 * N> MulWideLimbsOutOfLine(const Limbs<N>& a,
                                                                const Limbs<N>& b) {
  return MulWideLimbsPortable<N>(a, b);
}

// The full product, dispatched like MontMul.
template <size_t N>
constexpr Limbs<2 * N> MulWideLimbs(const Limbs<N>& a, const Limbs<N>& b) {
#if SSELAB_PAIRING_HAVE_ADX_ASM
  if constexpr (N == 6) {
    if (!std::is_constant_evaluated()) {
      if (__builtin_expect(kCpuHasAdx, 1)) return MulWide6Adx(a, b);
      return MulWideLimbsOutOfLine<N>(a, b);
    }
  }
#endif
  return MulWideLimbsPortable<N>(a, b);
}

// t / 2^(64N) mod m, fully reduced. REQUIRES: t < m 2^(64N). Every intermediate value
// stays below 2m 2^(64N) < 2^(128N), so the top carry is always zero.
template <size_t N>
constexpr Limbs<N> MontRedcPortable(Limbs<2 * N> t, const Limbs<N>& m, uint64_t inv) {
  uint64_t lo[N], hi[N];
#pragma GCC unroll 8
  for (size_t i = 0; i < N; ++i) {
    const uint64_t q = t[i] * inv;
#pragma GCC unroll 8
    for (size_t j = 0; j < N; ++j) lo[j] = MulWide(q, m[j], hi[j]);
    uint64_t c1 = 0, c2 = 0;
#pragma GCC unroll 8
    for (size_t j = 0; j < N; ++j) t[i + j] = AddCarry(t[i + j], lo[j], c1);
    t[i + N] = AddCarry(t[i + N], 0, c1);
#pragma GCC unroll 8
    for (size_t j = 0; j < N; ++j) t[i + j + 1] = AddCarry(t[i + j + 1], hi[j], c2);
    uint64_t pending = c1 + c2;  // enters at limb i + N + 1 (zero when that is 2N)
#pragma GCC unroll 8
    for (size_t k = i + N + 1; k < 2 * N; ++k) {
      uint64_t c = 0;
      t[k] = AddCarry(t[k], pending, c);
      pending = c;
    }
  }
  Limbs<N> r{};
#pragma GCC unroll 8
  for (size_t i = 0; i < N; ++i) r[i] = t[N + i];
  return ReduceOnce<N>(r, m);
}

template <size_t N>
[[gnu::noinline, gnu::cold]] Limbs<N> MontRedcOutOfLine(const Limbs<2 * N>& t, const Limbs<N>& m,
                                                        uint64_t inv) {
  return MontRedcPortable<N>(t, m, inv);
}

#if SSELAB_PAIRING_HAVE_ADX_ASM
// The ADX reduction, fully reduced; out of line like MontMul6AdxReduced.
[[gnu::noinline]] inline Limbs<6> MontRedc6AdxReduced(const Limbs<12>& t, const Limbs<6>& m,
                                                      uint64_t inv) {
  // t / 2^384 = lo / 2^384 + hi (mod m), with lo / 2^384 reduced to u <= m and hi < m
  // (as t < m 2^384), so u + hi < 2m.
  Limbs<6> hi{};
  for (size_t i = 0; i < 6; ++i) hi[i] = t[6 + i];
  return ReduceOnce<6>(AddNoReduce<6>(RedcLow6Adx(t, m, inv), hi), m);
}
#endif

// The reduction, dispatched like MontMul.
template <size_t N>
constexpr Limbs<N> MontRedc(const Limbs<2 * N>& t, const Limbs<N>& m, uint64_t inv) {
#if SSELAB_PAIRING_HAVE_ADX_ASM
  if constexpr (N == 6) {
    if (!std::is_constant_evaluated()) {
      if (__builtin_expect(kCpuHasAdx, 1)) return MontRedc6AdxReduced(t, m, inv);
      return MontRedcOutOfLine<N>(t, m, inv);
    }
  }
#endif
  return MontRedcPortable<N>(t, m, inv);
}

// a - b on 2N limbs; returns the borrow (1 if a < b).
template <size_t N>
SSELAB_PAIRING_INLINE constexpr uint64_t SubWide(Limbs<2 * N>& a, const Limbs<2 * N>& b) {
  uint64_t borrow = 0;
#pragma GCC unroll 16
  for (size_t i = 0; i < 2 * N; ++i) a[i] = SubBorrow(a[i], b[i], borrow);
  return borrow;
}

// a + (mask & m) 2^(64N), dropping the carry out (used to undo a negative difference).
template <size_t N>
SSELAB_PAIRING_INLINE constexpr void AddHighMasked(Limbs<2 * N>& a, const Limbs<N>& m,
                                                   uint64_t mask) {
  uint64_t carry = 0;
#pragma GCC unroll 8
  for (size_t i = 0; i < N; ++i) a[N + i] = AddCarry(a[N + i], m[i] & mask, carry);
}

template <size_t N>
constexpr bool IsZeroLimbs(const Limbs<N>& a) {
  uint64_t acc = 0;
  for (size_t i = 0; i < N; ++i) acc |= a[i];
  return acc == 0;
}

template <size_t N>
constexpr bool EqualLimbs(const Limbs<N>& a, const Limbs<N>& b) {
  uint64_t acc = 0;
  for (size_t i = 0; i < N; ++i) acc |= a[i] ^ b[i];
  return acc == 0;
}

// a < b, computed without branches.
template <size_t N>
constexpr bool LessThan(const Limbs<N>& a, const Limbs<N>& b) {
  uint64_t borrow = 0;
  for (size_t i = 0; i < N; ++i) SubBorrow(a[i], b[i], borrow);
  return borrow == 1;
}

// Parses big-endian hex (optional "0x", at most 16N digits) for compile-time constants.
// Invalid input yields an unspecified value: only use it on literals written here.
template <size_t N>
constexpr Limbs<N> ParseHex(std::string_view hex) {
  if (hex.size() >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X')) hex.remove_prefix(2);
  Limbs<N> r{};
  size_t bit = 0;
  for (size_t k = hex.size(); k-- > 0 && bit < 64 * N; bit += 4) {
    const char c = hex[k];
    uint64_t d = 0;
    if (c >= '0' && c <= '9') d = static_cast<uint64_t>(c - '0');
    if (c >= 'a' && c <= 'f') d = static_cast<uint64_t>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') d = static_cast<uint64_t>(c - 'A' + 10);
    r[bit / 64] |= d << (bit % 64);
  }
  return r;
}

}  // namespace sselab::crypto::pairing::internal

#endif  // SSELAB_CRYPTO_PAIRING_INTERNAL_MONTGOMERY_H_
