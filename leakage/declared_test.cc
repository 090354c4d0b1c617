// Observed ⊆ declared, for every registered scheme in every mode.
#include "leakage/declared_check.h"

#include <gtest/gtest.h>

#include "leakage/leakage_testing.h"
#include "schemes/variants.h"

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

TEST(DeclaredTest, EverySchemeStaysWithinItsDeclaration) {
  for (const Variant& v : AllVariants(schemes::BuiltinRegistry())) {
    SCOPED_TRACE(v.Label());
    const index::SchemeEntry* e = schemes::BuiltinRegistry().Find(v.scheme).value();
    Checked c = Check(v);
    std::vector<std::string> violations = CheckDeclared(e->info.leakage, c.measures, c.scores);
    for (const std::string& s : violations) ADD_FAILURE() << s;
  }
}

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

}  // namespace
}  // namespace sselab::leakage
