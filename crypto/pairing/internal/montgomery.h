// Montgomery arithmetic on N 64-bit limbs (little-endian limb order), shared by Fp (N = 6)
// and Fr (N = 4).
//
// Every function here is branch-free in its operands: carries and comparisons become
// masks, so the running time does not depend on secret values. All functions are
// constexpr, so constants can be converted to Montgomery form at compile time.
//
// REQUIRES: the modulus m is odd and its top limb is below 2^62, so that sums of two
// reduced values fit in N limbs and the no-carry CIOS multiplication below is exact
// (Acar, "High-speed algorithms & architectures for number-theoretic cryptosystems",
// 1997, Alg. CIOS; with the final-carry elision valid for such moduli).
#ifndef SSELAB_CRYPTO_PAIRING_INTERNAL_MONTGOMERY_H_
#define SSELAB_CRYPTO_PAIRING_INTERNAL_MONTGOMERY_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sselab::crypto::pairing::internal {

__extension__ typedef unsigned __int128 U128;

template <size_t N>
using Limbs = std::array<uint64_t, N>;

// (hi, lo) = a + b + carry.
constexpr uint64_t AddCarry(uint64_t a, uint64_t b, uint64_t& carry) {
  U128 t = static_cast<U128>(a) + b + carry;
  carry = static_cast<uint64_t>(t >> 64);
  return static_cast<uint64_t>(t);
}

// a - b - borrow; borrow becomes 1 on underflow.
constexpr uint64_t SubBorrow(uint64_t a, uint64_t b, uint64_t& borrow) {
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

// Returns a if mask is all ones, b if mask is zero.
template <size_t N>
constexpr Limbs<N> SelectMask(uint64_t mask, const Limbs<N>& a, const Limbs<N>& b) {
  Limbs<N> r{};
  for (size_t i = 0; i < N; ++i) r[i] = (a[i] & mask) | (b[i] & ~mask);
  return r;
}

// Returns a - m if a >= m, else a. REQUIRES: a < 2m.
template <size_t N>
constexpr Limbs<N> ReduceOnce(const Limbs<N>& a, const Limbs<N>& m) {
  Limbs<N> s{};
  uint64_t borrow = 0;
  for (size_t i = 0; i < N; ++i) s[i] = SubBorrow(a[i], m[i], borrow);
  return SelectMask<N>(0 - borrow, a, s);  // borrow = 1 means a < m
}

template <size_t N>
constexpr Limbs<N> ModAdd(const Limbs<N>& a, const Limbs<N>& b, const Limbs<N>& m) {
  Limbs<N> s{};
  uint64_t carry = 0;
  for (size_t i = 0; i < N; ++i) s[i] = AddCarry(a[i], b[i], carry);
  return ReduceOnce<N>(s, m);
}

template <size_t N>
constexpr Limbs<N> ModSub(const Limbs<N>& a, const Limbs<N>& b, const Limbs<N>& m) {
  Limbs<N> s{};
  uint64_t borrow = 0;
  for (size_t i = 0; i < N; ++i) s[i] = SubBorrow(a[i], b[i], borrow);
  const uint64_t mask = 0 - borrow;
  uint64_t carry = 0;
  for (size_t i = 0; i < N; ++i) s[i] = AddCarry(s[i], m[i] & mask, carry);
  return s;
}

// Montgomery product a * b / 2^(64N) mod m. REQUIRES: a, b < m.
template <size_t N>
constexpr Limbs<N> MontMul(const Limbs<N>& a, const Limbs<N>& b, const Limbs<N>& m,
                           uint64_t inv) {
  Limbs<N> t{};
#pragma GCC unroll 8
  for (size_t i = 0; i < N; ++i) {
    uint64_t hi_a = 0;
    t[0] = MulAdd(t[0], a[0], b[i], hi_a);
    const uint64_t q = t[0] * inv;
    uint64_t hi_m = 0;
    MulAdd(t[0], q, m[0], hi_m);
#pragma GCC unroll 8
    for (size_t j = 1; j < N; ++j) {
      t[j] = MulAdd(t[j], a[j], b[i], hi_a);
      t[j - 1] = MulAdd(t[j], q, m[j], hi_m);
    }
    t[N - 1] = hi_m + hi_a;
  }
  return ReduceOnce<N>(t, m);
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
