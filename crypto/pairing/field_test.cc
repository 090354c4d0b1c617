#include <array>
#include <vector>

#include <gtest/gtest.h>

#include "crypto/pairing/fp12.h"
#include "crypto/pairing/fr.h"
#include "crypto/pairing/internal/constants.h"
#include "crypto/pairing/test_util.h"

namespace sselab::crypto::pairing {
namespace {

using testing::RandomFp;
using testing::RandomFp12;
using testing::RandomFp2;
using testing::RandomFp6;

template <typename F>
void CheckFieldAxioms(const F& a, const F& b, const F& c) {
  EXPECT_TRUE(a + b == b + a);
  EXPECT_TRUE(a * b == b * a);
  EXPECT_TRUE((a + b) + c == a + (b + c));
  EXPECT_TRUE((a * b) * c == a * (b * c));
  EXPECT_TRUE(a * (b + c) == a * b + a * c);
  EXPECT_TRUE((a - b) + b == a);
  EXPECT_TRUE(a.Square() == a * a);
  EXPECT_TRUE(a * a.Inverse() == F::One());
}

TEST(FpTest, FieldAxioms) {
  for (int i = 0; i < 50; ++i) CheckFieldAxioms(RandomFp(), RandomFp(), RandomFp());
  EXPECT_TRUE(Fp::Zero().Inverse().IsZero());
  EXPECT_TRUE(-Fp::Zero() == Fp::Zero());
}

TEST(FpTest, SmallIntegers) {
  EXPECT_TRUE(Fp::FromU64(2) * Fp::FromU64(3) == Fp::FromU64(6));
  EXPECT_TRUE(Fp::FromU64(5) - Fp::FromU64(7) == -Fp::FromU64(2));
  EXPECT_TRUE(Fp::FromU64(1) == Fp::One());
}

TEST(FpTest, SqrtAndSquares) {
  int non_squares = 0;
  for (int i = 0; i < 40; ++i) {
    const Fp a = RandomFp();
    Fp s;
    ASSERT_TRUE(a.Square().Sqrt(&s));
    EXPECT_TRUE(s == a || s == -a);
    EXPECT_TRUE(a.Square().IsSquare());
    const bool sq = a.IsSquare();
    EXPECT_EQ(sq, a.Sqrt(&s));
    if (sq) {
      EXPECT_TRUE(s.Square() == a);
    }
    non_squares += sq ? 0 : 1;
  }
  EXPECT_GT(non_squares, 0);
  Fp s;
  EXPECT_TRUE(Fp::Zero().Sqrt(&s));
  EXPECT_TRUE(s.IsZero());
}

TEST(FpTest, BytesRoundTripAndCanonicalCheck) {
  for (int i = 0; i < 20; ++i) {
    const Fp a = RandomFp();
    std::array<uint8_t, 48> b{};
    a.ToBytes(b);
    auto back = Fp::FromBytes(b);
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(*back == a);
  }
  // p itself and all-ones are rejected; p - 1 is accepted.
  Bytes p = testing::Unhex(
      "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffff"
      "aaab");
  EXPECT_FALSE(Fp::FromBytes(p).ok());
  EXPECT_EQ(Fp::FromBytes(p).error().code(), ErrorCode::kCorruption);
  EXPECT_FALSE(Fp::FromBytes(Bytes(48, 0xff)).ok());
  EXPECT_FALSE(Fp::FromBytes(Bytes(47, 0)).ok());
  p.back() = 0xaa;
  auto pm1 = Fp::FromBytes(p);
  ASSERT_TRUE(pm1.ok());
  EXPECT_TRUE(*pm1 + Fp::One() == Fp::Zero());
  // Wide reduction: p + 5 reduces to 5.
  Bytes wide(16, 0);
  Bytes pp = testing::Unhex(
      "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffff"
      "aab0");
  wide.insert(wide.end(), pp.begin(), pp.end());
  EXPECT_TRUE(Fp::FromBytesReduced(wide) == Fp::FromU64(5));
}

TEST(Fp2Test, FieldAxiomsAndSqrt) {
  for (int i = 0; i < 30; ++i) {
    CheckFieldAxioms(RandomFp2(), RandomFp2(), RandomFp2());
    const Fp2 a = RandomFp2();
    Fp2 s;
    ASSERT_TRUE(a.Square().Sqrt(&s));
    EXPECT_TRUE(s == a || s == -a);
    EXPECT_EQ(a.IsSquare(), a.Sqrt(&s));
  }
  // u^2 = -1.
  const Fp2 u{Fp::Zero(), Fp::One()};
  EXPECT_TRUE(u.Square() == -Fp2::One());
  EXPECT_TRUE(Fp2::One().MulByXi() == Fp2(Fp::One(), Fp::One()));
}

// Fp2 multiplication and squaring use lazy reduction and unreduced sums; check them
// against the schoolbook formulas over Fp, including coefficients at the top of the
// range (p - 1) where the unreduced sums and the negative-difference fix-up are largest.
TEST(Fp2Test, LazyReductionMatchesSchoolbook) {
  const Fp max = -Fp::One();
  std::vector<Fp2> values = {Fp2(max, max),       Fp2(max, Fp::Zero()), Fp2(Fp::Zero(), max),
                             Fp2(Fp::One(), max), Fp2(max, Fp::One()),  Fp2::Zero()};
  for (int i = 0; i < 20; ++i) values.push_back(RandomFp2());
  for (const Fp2& a : values) {
    EXPECT_TRUE(a.Square() == Fp2(a.c0 * a.c0 - a.c1 * a.c1, a.c0 * a.c1 + a.c1 * a.c0));
    for (const Fp2& b : values) {
      const Fp2 expected{a.c0 * b.c0 - a.c1 * b.c1, a.c0 * b.c1 + a.c1 * b.c0};
      EXPECT_TRUE(a * b == expected);
    }
  }
}

// Compile-time evaluation always takes the portable code in montgomery.h; at run time
// x86-64 CPUs with ADX take the assembly in mont6_adx.h. Both must agree, including on
// the extreme inputs p - 1 and 2p - 1 (MontMul accepts a < 2p).
TEST(FpTest, AssemblyMatchesPortableMontgomery) {
  using internal::kFpInv;
  using internal::kFpModulus;
  using L = internal::Limbs<6>;
  constexpr L kPm1 = {kFpModulus[0] - 1, kFpModulus[1], kFpModulus[2],
                      kFpModulus[3],     kFpModulus[4], kFpModulus[5]};
  constexpr L kTwoPm1 = internal::AddNoReduce<6>(kPm1, kFpModulus);
  constexpr L kB = internal::ParseHex<6>("0x123456789abcdef0fedcba9876543210deadbeefcafef00d");
  constexpr L kMul1 = internal::MontMul<6>(kPm1, kPm1, kFpModulus, kFpInv);
  constexpr L kMul2 = internal::MontMul<6>(kTwoPm1, kPm1, kFpModulus, kFpInv);
  constexpr L kMul3 = internal::MontMul<6>(kB, kPm1, kFpModulus, kFpInv);
  constexpr auto kWide = internal::MulWideLimbs<6>(kTwoPm1, kPm1);
  constexpr L kRedc = internal::MontRedc<6>(kWide, kFpModulus, kFpInv);
  // volatile keeps the run-time calls from being folded at compile time.
  volatile uint64_t zero = 0;
  L pm1 = kPm1, two_pm1 = kTwoPm1, b = kB;
  pm1[0] += zero;
  two_pm1[0] += zero;
  b[0] += zero;
  EXPECT_EQ(internal::MontMul<6>(pm1, pm1, kFpModulus, kFpInv), kMul1);
  EXPECT_EQ(internal::MontMul<6>(two_pm1, pm1, kFpModulus, kFpInv), kMul2);
  EXPECT_EQ(internal::MontMul<6>(b, pm1, kFpModulus, kFpInv), kMul3);
  const auto wide = internal::MulWideLimbs<6>(two_pm1, pm1);
  EXPECT_EQ(wide, kWide);
  EXPECT_EQ(internal::MontRedc<6>(wide, kFpModulus, kFpInv), kRedc);
}

// The portable code also runs at run time, on x86-64 CPUs without ADX (through the
// out-of-line copies that MontMul, MulWideLimbs and MontRedc call there): compiled code
// must agree with the dispatched one on random and extreme inputs.
TEST(FpTest, RunTimePortableMatchesDispatched) {
  using internal::kFpInv;
  using internal::kFpModulus;
  using L = internal::Limbs<6>;
  const L pm1 = (-Fp::One()).montgomery_limbs();
  std::vector<L> values = {pm1, internal::AddNoReduce<6>(pm1, kFpModulus), L{}};
  for (int i = 0; i < 20; ++i) values.push_back(RandomFp().montgomery_limbs());
  for (const L& a : values) {
    for (const L& b : values) {
      if (internal::LessThan<6>(b, kFpModulus)) {
        EXPECT_EQ(internal::MontMulOutOfLine<6>(a, b, kFpModulus, kFpInv),
                  internal::MontMul<6>(a, b, kFpModulus, kFpInv));
        const auto wide = internal::MulWideLimbs<6>(a, b);
        EXPECT_EQ(internal::MulWideLimbsOutOfLine<6>(a, b), wide);
        EXPECT_EQ(internal::MontRedcOutOfLine<6>(wide, kFpModulus, kFpInv),
                  internal::MontRedc<6>(wide, kFpModulus, kFpInv));
      }
    }
  }
}

TEST(Fp6Test, FieldAxiomsAndSparse) {
  for (int i = 0; i < 10; ++i) {
    CheckFieldAxioms(RandomFp6(), RandomFp6(), RandomFp6());
    const Fp6 a = RandomFp6();
    const Fp2 b0 = RandomFp2(), b1 = RandomFp2();
    EXPECT_TRUE((a.MulBy01(b0, b1) == a * Fp6{b0, b1, Fp2::Zero()}));
    EXPECT_TRUE((a.MulBy1(b1) == a * Fp6{Fp2::Zero(), b1, Fp2::Zero()}));
    EXPECT_TRUE((a.MulByV() == a * Fp6{Fp2::Zero(), Fp2::One(), Fp2::Zero()}));
  }
}

TEST(Fp12Test, FieldAxiomsSparseAndFrobenius) {
  for (int i = 0; i < 5; ++i) {
    const Fp12 a = RandomFp12(), b = RandomFp12(), c = RandomFp12();
    EXPECT_TRUE((a * b) * c == a * (b * c));
    EXPECT_TRUE(a * b == b * a);
    EXPECT_TRUE(a.Square() == a * a);
    EXPECT_TRUE(a * a.Inverse() == Fp12::One());
    const Fp2 l0 = RandomFp2(), l1 = RandomFp2(), l4 = RandomFp2();
    const Fp12 line{{l0, l1, Fp2::Zero()}, {Fp2::Zero(), l4, Fp2::Zero()}};
    EXPECT_TRUE(a.MulBy014(l0, l1, l4) == a * line);
  }
  // Frobenius(1) is a -> a^p.
  const Fp12 a = RandomFp12();
  Fp12 ap = Fp12::One();
  const auto& p = internal::kFpModulus;
  for (size_t i = p.size(); i-- > 0;) {
    for (int bit = 63; bit >= 0; --bit) {
      ap = ap.Square();
      if ((p[i] >> bit) & 1) ap *= a;
    }
  }
  EXPECT_TRUE(a.Frobenius(1) == ap);
  EXPECT_TRUE(a.Frobenius(2) == a.Frobenius(1).Frobenius(1));
  EXPECT_TRUE(a.Frobenius(3) == a.Frobenius(2).Frobenius(1));
}

TEST(Fp12Test, CyclotomicSquareMatchesSquare) {
  for (int i = 0; i < 5; ++i) {
    const Fp12 f = RandomFp12();
    Fp12 g = f.Conjugate() * f.Inverse();  // f^(p^6 - 1)
    g = g.Frobenius(2) * g;                // ^(p^2 + 1): now cyclotomic
    EXPECT_TRUE(g.CyclotomicSquare() == g.Square());
    EXPECT_TRUE(g * g.Conjugate() == Fp12::One());
  }
}

TEST(Fp12Test, BytesRoundTrip) {
  const Fp12 a = RandomFp12();
  std::array<uint8_t, 576> b{};
  a.ToBytes(b);
  auto back = Fp12::FromBytes(b);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(*back == a);
  EXPECT_FALSE(Fp12::FromBytes(Bytes(575, 0)).ok());
  b[48 * 5] = 0xff;  // coefficient 5 >= p
  EXPECT_FALSE(Fp12::FromBytes(b).ok());
}

TEST(FrTest, FieldAxiomsAndEncoding) {
  for (int i = 0; i < 50; ++i) CheckFieldAxioms(Fr::Random(), Fr::Random(), Fr::Random());
  const Fr a = Fr::Random();
  std::array<uint8_t, 32> b{};
  a.ToBytes(b);
  auto back = Fr::FromBytes(b);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(*back == a);
  const Bytes r =
      testing::Unhex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");
  EXPECT_FALSE(Fr::FromBytes(r).ok());
  EXPECT_TRUE(Fr::FromBytesReduced(r).IsZero());
  EXPECT_TRUE(Fr::FromU64(3) * Fr::FromU64(5) == Fr::FromU64(15));
}

}  // namespace
}  // namespace sselab::crypto::pairing
