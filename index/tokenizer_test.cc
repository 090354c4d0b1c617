#include "index/tokenizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "index/document.h"

namespace sselab::index {
namespace {

using ::testing::ElementsAre;

TEST(TokenizerTest, SplitsLowercasesAndDeduplicates) {
  EXPECT_THAT(Tokenize("Hello, WORLD! hello x2-y_3").tokens,
              ElementsAre("hello", "world", "x2", "y", "3"));
}

TEST(TokenizerTest, KeepsNonAsciiRunsWhole) {
  EXPECT_THAT(Tokenize("Grüße aus Köln; naïve café").tokens,
              ElementsAre("grüße", "aus", "köln", "naïve", "café"));
}

TEST(TokenizerTest, EmptyAndSeparatorOnlyTexts) {
  EXPECT_TRUE(Tokenize("").tokens.empty());
  EXPECT_TRUE(Tokenize(" \t\n.,;!?-_").tokens.empty());
}

TEST(TokenizerTest, DropsOverlongTokensAndCountsThem) {
  std::string text =
      std::string(kMaxKeywordBytes + 1, 'a') + " ok " + std::string(kMaxKeywordBytes, 'b');
  TokenizeResult r = Tokenize(text);
  EXPECT_EQ(r.dropped_overlong, 1u);
  EXPECT_THAT(r.tokens, ElementsAre("ok", std::string(kMaxKeywordBytes, 'b')));
}

TEST(TokenizerTest, ManyDistinctTokensSurviveVectorGrowth) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "t" + std::to_string(i) + " t" + std::to_string(i) + " ";
  TokenizeResult r = Tokenize(text);
  ASSERT_EQ(r.tokens.size(), 1000u);
  EXPECT_EQ(r.tokens[999], "t999");
}

}  // namespace
}  // namespace sselab::index
