// Observed ⊆ declared, for every registered scheme in every mode.
#include "leakage/declared_check.h"

#include <gtest/gtest.h>

#include "leakage/leakage_testing.h"
#include "schemes/variants.h"
#include "tests/testing/variant_name.h"

namespace sselab::leakage {
namespace {

using schemes::AllVariants;
using schemes::Variant;

struct Checked {
  Measures measures;
  Scores scores;
};

Checked Check(const Variant& v) {
  testing::Observed o = testing::ObserveSmall(v.scheme, v.params);
  return {Measure(o.obs), Score(o.obs, o.transcript.truth)};
}

// One test per variant: as one loop it was the longest test of the sanitized suite, the
// tail CTest's two workers waited on.
class DeclaredPerSchemeTest : public ::testing::TestWithParam<Variant> {};

TEST_P(DeclaredPerSchemeTest, StaysWithinItsDeclaration) {
  const Variant& v = GetParam();
  const index::SchemeEntry* e = schemes::BuiltinRegistry().Find(v.scheme).value();
  Checked c = Check(v);
  auto params = index::Params::Parse(v.scheme, e->info.params, v.params);
  ASSERT_TRUE(params.ok()) << params.error().ToString();
  std::vector<std::string> violations =
      CheckDeclared(index::DeclaredLeakage(*e, *params), c.measures, c.scores);
  for (const std::string& s : violations) ADD_FAILURE() << s;
}

INSTANTIATE_TEST_SUITE_P(EveryScheme, DeclaredPerSchemeTest,
                         ::testing::ValuesIn(AllVariants(schemes::BuiltinRegistry())),
                         [](const auto& param_info) {
                           return sselab::testing::VariantTestName(param_info.param);
                         });

// The check can fail: declare less than a scheme leaks and each rule fires.
TEST(DeclaredTest, UnderDeclaringIsCaught) {
  index::LeakageProfile hides_all{.search_pattern = false,
                                  .result_ids = false,
                                  .volume = false,
                                  .at_rest_frequency = false,
                                  .forward_private = true};
  Checked plaintext = Check({"plaintext", {}});
  std::vector<std::string> v = CheckDeclared(hides_all, plaintext.measures, plaintext.scores);
  ASSERT_EQ(v.size(), 5u);
  EXPECT_NE(v[0].find("search pattern"), std::string::npos);
  EXPECT_NE(v[1].find("result ids"), std::string::npos);
  EXPECT_NE(v[2].find("volume"), std::string::npos);
  EXPECT_NE(v[3].find("at-rest frequency"), std::string::npos);
  EXPECT_NE(v[4].find("forward privacy"), std::string::npos);

  // Π_bas in hiding mode keeps ids from the server and its labels stand alone: only the
  // search-pattern and volume rules fire.
  Checked hiding = Check({"pibas", {"mode=hiding"}});
  v = CheckDeclared(hides_all, hiding.measures, hiding.scores);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_NE(v[0].find("search pattern"), std::string::npos);
  EXPECT_NE(v[1].find("volume"), std::string::npos);
}

// The declaration is per setting: Π_bas declares result ids hidden under mode=hiding only,
// and that declaration fails on what a revealing index shows the server.
TEST(DeclaredTest, DeclarationsArePerSetting) {
  const index::SchemeEntry* e = schemes::BuiltinRegistry().Find("pibas").value();
  auto hiding = index::Params::Parse("pibas", e->info.params, {"mode=hiding"});
  auto revealing = index::Params::Parse("pibas", e->info.params, {"mode=revealing"});
  ASSERT_TRUE(hiding.ok() && revealing.ok());
  EXPECT_FALSE(index::DeclaredLeakage(*e, *hiding).result_ids);
  EXPECT_TRUE(index::DeclaredCapabilities(*e, *hiding).response_hiding);
  EXPECT_TRUE(index::DeclaredLeakage(*e, *revealing).result_ids);
  EXPECT_FALSE(index::DeclaredCapabilities(*e, *revealing).response_hiding);

  Checked shown = Check({"pibas", {"mode=revealing"}});
  std::vector<std::string> v =
      CheckDeclared(index::DeclaredLeakage(*e, *hiding), shown.measures, shown.scores);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("result ids"), std::string::npos);
}

}  // namespace
}  // namespace sselab::leakage
