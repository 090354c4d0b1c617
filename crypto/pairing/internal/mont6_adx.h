// A 6-limb Montgomery multiplication core for x86-64 CPUs with BMI2 and ADX (MULX, ADCX,
// ADOX), used by MontMul<6> (Fp) when the running CPU has them; the portable code in
// montgomery.h stays the fallback. The two carry chains of each row run on the CF and
// OF flags in parallel and the accumulator stays in registers, which the portable code
// (two chains through memory temporaries) does not achieve.
//
// Branch-free: the instruction sequence is the same for every input.
#ifndef SSELAB_CRYPTO_PAIRING_INTERNAL_MONT6_ADX_H_
#define SSELAB_CRYPTO_PAIRING_INTERNAL_MONT6_ADX_H_

#include <array>
#include <cstdint>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SSELAB_PAIRING_HAVE_ADX_ASM 1
#else
#define SSELAB_PAIRING_HAVE_ADX_ASM 0
#endif

namespace sselab::crypto::pairing::internal {

#if SSELAB_PAIRING_HAVE_ADX_ASM

// True when the CPU executing this process supports BMI2 and ADX.
inline const bool kCpuHasAdx = [] {
  __builtin_cpu_init();  // may run before other static constructors
  return __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("adx");
}();

using Block6 = uint64_t[6];

// (t6, t5..t0) = (t5..t0) + a * bi; the sum always fits in seven limbs.
inline void MulAddRowAdx(uint64_t& t0, uint64_t& t1, uint64_t& t2, uint64_t& t3, uint64_t& t4,
                         uint64_t& t5, uint64_t& t6, const Block6& av, uint64_t bi) {
  uint64_t lo, hi, z;
  __asm__(
      "xorl %k[z], %k[z]\n\t"
      "mulxq 0(%[a]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t0]\n\t"
      "adoxq %[hi], %[t1]\n\t"
      "mulxq 8(%[a]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t1]\n\t"
      "adoxq %[hi], %[t2]\n\t"
      "mulxq 16(%[a]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t2]\n\t"
      "adoxq %[hi], %[t3]\n\t"
      "mulxq 24(%[a]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t3]\n\t"
      "adoxq %[hi], %[t4]\n\t"
      "mulxq 32(%[a]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t4]\n\t"
      "adoxq %[hi], %[t5]\n\t"
      "mulxq 40(%[a]), %[lo], %[t6]\n\t"
      "adcxq %[lo], %[t5]\n\t"
      "adoxq %[z], %[t6]\n\t"
      "adcxq %[z], %[t6]\n\t"
      : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "+&r"(t4),
        [t5] "+&r"(t5), [t6] "=&r"(t6), [lo] "=&r"(lo), [hi] "=&r"(hi), [z] "=&r"(z)
      : [a] "r"(&av), "d"(bi), "m"(av)
      : "cc");
}

// (t6..t0) += q m, where the caller guarantees the sum fits in seven limbs.
inline void AddQmRowAdx(uint64_t& t0, uint64_t& t1, uint64_t& t2, uint64_t& t3, uint64_t& t4,
                        uint64_t& t5, uint64_t& t6, const Block6& mv, uint64_t q) {
  uint64_t lo, hi, z;
  __asm__(
      "xorl %k[z], %k[z]\n\t"
      "mulxq 0(%[m]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t0]\n\t"
      "adoxq %[hi], %[t1]\n\t"
      "mulxq 8(%[m]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t1]\n\t"
      "adoxq %[hi], %[t2]\n\t"
      "mulxq 16(%[m]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t2]\n\t"
      "adoxq %[hi], %[t3]\n\t"
      "mulxq 24(%[m]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t3]\n\t"
      "adoxq %[hi], %[t4]\n\t"
      "mulxq 32(%[m]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t4]\n\t"
      "adoxq %[hi], %[t5]\n\t"
      "mulxq 40(%[m]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t5]\n\t"
      "adoxq %[hi], %[t6]\n\t"
      "adcxq %[z], %[t6]\n\t"
      : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "+&r"(t4),
        [t5] "+&r"(t5), [t6] "+&r"(t6), [lo] "=&r"(lo), [hi] "=&r"(hi), [z] "=&r"(z)
      : [m] "r"(&mv), "d"(q), "m"(mv)
      : "cc");
}

inline const Block6& AsBlock(const std::array<uint64_t, 6>& x) {
  return *reinterpret_cast<const Block6*>(x.data());
}

// a * b / 2^384 mod m, in [0, 2m) (not fully reduced). Same contract and row structure
// as the CIOS loop of MontMul: REQUIRES a < 2m, b < m, m < 2^382, inv = -m^-1 mod 2^64.
// Only call when kCpuHasAdx (as for every function below).
[[gnu::always_inline]] inline std::array<uint64_t, 6> MontMul6Adx(const std::array<uint64_t, 6>& a,
                                                                  const std::array<uint64_t, 6>& b,
                                                                  const std::array<uint64_t, 6>& m,
                                                                  uint64_t inv) {
  uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6;
  for (int i = 0; i < 6; ++i) {
    MulAddRowAdx(t0, t1, t2, t3, t4, t5, t6, AsBlock(a), b[i]);
    // q = t0 inv clears t0; the row divided by 2^64 fits in six limbs.
    AddQmRowAdx(t0, t1, t2, t3, t4, t5, t6, AsBlock(m), t0 * inv);
    t0 = t1;
    t1 = t2;
    t2 = t3;
    t3 = t4;
    t4 = t5;
    t5 = t6;
  }
  return {t0, t1, t2, t3, t4, t5};
}

// The full 12-limb product a * b.
inline std::array<uint64_t, 12> MulWide6Adx(const std::array<uint64_t, 6>& a,
                                            const std::array<uint64_t, 6>& b) {
  std::array<uint64_t, 12> r;
  uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6;
  for (int i = 0; i < 6; ++i) {
    MulAddRowAdx(t0, t1, t2, t3, t4, t5, t6, AsBlock(a), b[i]);
    r[i] = t0;
    t0 = t1;
    t1 = t2;
    t2 = t3;
    t3 = t4;
    t4 = t5;
    t5 = t6;
  }
  r[6] = t0;
  r[7] = t1;
  r[8] = t2;
  r[9] = t3;
  r[10] = t4;
  r[11] = t5;
  return r;
}

// Montgomery reduction of the low six limbs only: lo / 2^384 mod m as a value u <= m
// (u = (lo + Q m) / 2^384 < 1 + m). The caller adds the high half.
inline std::array<uint64_t, 6> RedcLow6Adx(const std::array<uint64_t, 12>& t,
                                           const std::array<uint64_t, 6>& m, uint64_t inv) {
  uint64_t t0 = t[0], t1 = t[1], t2 = t[2], t3 = t[3], t4 = t[4], t5 = t[5];
  for (int i = 0; i < 6; ++i) {
    uint64_t t6 = 0;
    AddQmRowAdx(t0, t1, t2, t3, t4, t5, t6, AsBlock(m), t0 * inv);
    t0 = t1;
    t1 = t2;
    t2 = t3;
    t3 = t4;
    t4 = t5;
    t5 = t6;
  }
  return {t0, t1, t2, t3, t4, t5};
}

#endif  // SSELAB_PAIRING_HAVE_ADX_ASM

}  // namespace sselab::crypto::pairing::internal

#endif  // SSELAB_CRYPTO_PAIRING_INTERNAL_MONT6_ADX_H_
