#include "index/query.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "index/document.h"

namespace sselab::index {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Terms(std::string_view text) {
  auto q = Query::Parse(text);
  EXPECT_TRUE(q.ok()) << text << ": " << q.error().ToString();
  return q.ok() ? q->terms : std::vector<std::string>{};
}

std::string ErrorOf(std::string_view text) {
  auto q = Query::Parse(text);
  EXPECT_FALSE(q.ok()) << text << " parsed";
  if (q.ok()) return "";
  EXPECT_EQ(q.error().code(), ErrorCode::kInvalidArgument);
  return q.error().message();
}

TEST(QueryTest, AKeywordAlone) {
  EXPECT_THAT(Terms("invoice"), ElementsAre("invoice"));
  EXPECT_THAT(Terms("  from:alice\t"), ElementsAre("from:alice"));
}

TEST(QueryTest, ConjunctionsKeepTheirOrderAndDropRepeats) {
  EXPECT_THAT(Terms("from:alice AND invoice"), ElementsAre("from:alice", "invoice"));
  EXPECT_THAT(Terms("c AND a AND b"), ElementsAre("c", "a", "b"));
  EXPECT_THAT(Terms("a AND b AND a"), ElementsAre("a", "b"));
}

TEST(QueryTest, ParenthesesOnlyGroup) {
  EXPECT_THAT(Terms("(a AND b) AND c"), ElementsAre("a", "b", "c"));
  EXPECT_THAT(Terms("((a))"), ElementsAre("a"));
  EXPECT_THAT(Terms("a AND(b AND c)"), ElementsAre("a", "b", "c"));
}

TEST(QueryTest, QuotesHoldSpacesOperatorsAndEscapes) {
  EXPECT_THAT(Terms("\"naïve café\" AND x"), ElementsAre("naïve café", "x"));
  EXPECT_THAT(Terms("\"AND\" AND \"OR\" AND \"NOT\""), ElementsAre("AND", "OR", "NOT"));
  EXPECT_THAT(Terms(R"("say \"hi\"" AND "a\\b")"), ElementsAre("say \"hi\"", "a\\b"));
  EXPECT_THAT(Terms("and AND or"), ElementsAre("and", "or"));  // lower case: keywords
}

TEST(QueryTest, SyntaxErrorsSayWhatAndWhere) {
  EXPECT_THAT(ErrorOf(""), HasSubstr("empty"));
  EXPECT_THAT(ErrorOf("   "), HasSubstr("empty"));
  EXPECT_THAT(ErrorOf("AND"), HasSubstr("column 1: AND where a term should be"));
  EXPECT_THAT(ErrorOf("AND b"), HasSubstr("column 1"));
  EXPECT_THAT(ErrorOf("a AND"), HasSubstr("column 6: the query ends where a term"));
  EXPECT_THAT(ErrorOf("a AND AND b"), HasSubstr("column 7: AND where a term"));
  EXPECT_THAT(ErrorOf("a b"), HasSubstr("column 3: two terms side by side"));
  EXPECT_THAT(ErrorOf("a AND \"\""), HasSubstr("column 7: empty term"));
  EXPECT_THAT(ErrorOf("(a AND b"), HasSubstr("column 1: '(' is never closed"));
  EXPECT_THAT(ErrorOf("a AND b)"), HasSubstr("column 8: ')' has no matching '('"));
  EXPECT_THAT(ErrorOf("a AND ()"), HasSubstr("column 7: empty parentheses"));
  EXPECT_THAT(ErrorOf("a AND \"open"), HasSubstr("column 7: the quote is never closed"));
  EXPECT_THAT(ErrorOf("\"a\\"), HasSubstr("never closed"));
  EXPECT_THAT(ErrorOf("\"a\\n\""), HasSubstr("unknown escape \\n"));
  EXPECT_THAT(ErrorOf("a OR b"), HasSubstr("column 3: OR is not supported"));
  EXPECT_THAT(ErrorOf("NOT a"), HasSubstr("NOT is not supported"));
  EXPECT_THAT(ErrorOf("a AND " + std::string(kMaxKeywordBytes + 1, 'x')), HasSubstr("column 7"));
  EXPECT_THAT(ErrorOf(std::string(100, '(') + "a" + std::string(100, ')')),
              HasSubstr("nested deeper"));
}

TEST(QueryTest, ToStringReadsBack) {
  for (std::vector<std::string> terms : std::vector<std::vector<std::string>>{
           {"a"},
           {"from:alice", "invoice"},
           {"naïve café", "AND", "(x)", "q\"uote", "back\\slash", std::string(1, '\x01')}}) {
    auto q = Query::Of(terms);
    ASSERT_TRUE(q.ok());
    auto back = Query::Parse(q->ToString());
    ASSERT_TRUE(back.ok()) << q->ToString() << ": " << back.error().ToString();
    EXPECT_EQ(back->terms, terms) << q->ToString();
  }
  EXPECT_EQ(Query::Of({"a", "b c"})->ToString(), "a AND \"b c\"");
}

TEST(QueryTest, OfRefusesNoTermsAndInvalidKeywords) {
  EXPECT_EQ(Query::Of({}).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Query::Of({"a", ""}).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(Query::Of({"a", "a"})->terms, ElementsAre("a"));
}

}  // namespace
}  // namespace sselab::index
