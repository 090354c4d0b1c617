#include "index/params.h"

#include <gtest/gtest.h>

namespace sselab::index {
namespace {

std::vector<ParamSpec> Specs() {
  return {{.name = "mode", .default_value = "revealing", .choices = {"revealing", "hiding"}},
          {.name = "block", .default_value = "64"}};
}

TEST(ParamsTest, DefaultsAndOverrides) {
  auto p = Params::Parse("s", Specs(), {"block=128"});
  ASSERT_TRUE(p.ok()) << p.error().ToString();
  EXPECT_EQ(p->Get("mode"), "revealing");
  EXPECT_EQ(*p->GetInt("block", 1, 1024), 128);
  EXPECT_EQ(p->ToString(), "block=128,mode=revealing");
}

TEST(ParamsTest, RejectsUnknownNameListingKnownOnes) {
  auto p = Params::Parse("pibas", Specs(), {"colour=red"});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(p.error().message().find("'colour'"), std::string::npos);
  EXPECT_NE(p.error().message().find("mode"), std::string::npos);
}

TEST(ParamsTest, RejectsBadChoiceMalformedAndRepeated) {
  EXPECT_FALSE(Params::Parse("s", Specs(), {"mode=loud"}).ok());
  EXPECT_FALSE(Params::Parse("s", Specs(), {"mode"}).ok());
  EXPECT_FALSE(Params::Parse("s", Specs(), {"=x"}).ok());
  EXPECT_FALSE(Params::Parse("s", Specs(), {"block=1", "block=2"}).ok());
}

TEST(ParamsTest, IntegerRangeChecked) {
  auto p = Params::Parse("s", Specs(), {"block=9999"});
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->GetInt("block", 1, 1024).ok());
  auto q = Params::Parse("s", Specs(), {"block=12x"});
  ASSERT_TRUE(q.ok());
  EXPECT_FALSE(q->GetInt("block", 1, 1024).ok());
}

}  // namespace
}  // namespace sselab::index
