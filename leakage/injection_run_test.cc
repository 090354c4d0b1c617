#include "leakage/injection_run.h"

#include <gtest/gtest.h>
#include "index/synthetic.h"

#include "leakage/workload.h"
#include "schemes/builtin.h"

namespace sselab::leakage {
namespace {

using attacks::InjectionOrder;
using attacks::InjectionVariant;

std::vector<index::Document> Corpus() {
  auto source = index::NewSyntheticSource(
      {.docs = 120, .keywords = 80, .pairs = 900, .zipf = 1.0, .seed = 11});
  return ReadAll(*source).value();
}

InjectionResult Inject(const std::string& scheme, const std::vector<std::string>& params,
                       InjectionOrder order, InjectionVariant variant = InjectionVariant::kBinary) {
  InjectionSpec spec{.scheme = scheme,
                     .params = params,
                     .universe = 48,
                     .searches = 20,
                     .variant = variant,
                     .threshold = 4,
                     .order = order,
                     .seed = 3};
  auto r = RunInjection(schemes::BuiltinRegistry(), spec, Corpus());
  EXPECT_TRUE(r.ok()) << r.error().ToString();
  return r.ok() ? *r : InjectionResult{};
}

struct Case {
  std::string scheme;
  std::vector<std::string> params;
  bool forward_private;
};

class InjectionRunTest : public ::testing::TestWithParam<Case> {};

TEST_P(InjectionRunTest, InjectFirstRecoversSearchFirstOnlyWithoutForwardPrivacy) {
  const Case& c = GetParam();
  InjectionResult first = Inject(c.scheme, c.params, InjectionOrder::kInjectFirst);
  EXPECT_TRUE(first.applicable);
  EXPECT_EQ(first.injected_documents, 6u);  // codes 1..48 in 6 bits
  EXPECT_EQ(first.searches, 20u);
  EXPECT_GE(first.Rate(), 0.9) << c.scheme << ": " << first.recovered << " / " << first.searches;
  InjectionResult later = Inject(c.scheme, c.params, InjectionOrder::kSearchFirst);
  if (c.forward_private) {
    EXPECT_LE(later.Rate(), 0.1) << c.scheme;
  } else {
    EXPECT_GE(later.Rate(), 0.9) << c.scheme << ": " << later.recovered << " / " << later.searches;
  }
}

INSTANTIATE_TEST_SUITE_P(Dynamic, InjectionRunTest,
                         ::testing::Values(Case{"plaintext", {}, false}, Case{"blind", {}, false},
                                           Case{"diana", {}, true},
                                           Case{"sophos", {"rsa_bits=1024"}, true}),
                         [](const auto& p) { return p.param.scheme; });

TEST(InjectionRunThresholdTest, EveryDocumentHoldsAtMostT) {
  InjectionResult r =
      Inject("plaintext", {}, InjectionOrder::kInjectFirst, InjectionVariant::kThreshold);
  // Groups of 7 keywords (codes 1..7, 3 bits): ⌈48 / 7⌉ = 7 groups, the last of 6.
  EXPECT_EQ(r.injected_documents, 21u);
  EXPECT_LE(r.max_keywords_per_document, 4u);
  EXPECT_GE(r.Rate(), 0.9);
}

TEST(InjectionRunStaticTest, StaticSchemesAreNotApplicable) {
  auto r = RunInjection(schemes::BuiltinRegistry(), {.scheme = "pibas"}, Corpus());
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->applicable);
  EXPECT_EQ(r->searches, 0u);
  EXPECT_FALSE(RunInjection(schemes::BuiltinRegistry(), {.scheme = "nosuch"}, Corpus()).ok());
  EXPECT_FALSE(
      RunInjection(schemes::BuiltinRegistry(), {.scheme = "plaintext", .universe = 0}, Corpus())
          .ok());
}

}  // namespace
}  // namespace sselab::leakage
