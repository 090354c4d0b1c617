#include "index/corpus.h"
#include "index/field.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "index/synthetic.h"
#include "tests/testing/temp_dir.h"

namespace sselab::index {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class CorpusTest : public ::testing::Test {
 protected:
  fs::path Write(const std::string& name, const std::string& content) {
    fs::path p = temp_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

  // All documents, or the first error.
  static Result<std::vector<Document>> ReadAll(const fs::path& p) {
    SSELAB_ASSIGN_OR_RETURN(auto src, OpenCorpus(p));
    std::vector<Document> docs;
    Document d;
    while (true) {
      SSELAB_ASSIGN_OR_RETURN(bool more, src->Next(d));
      if (!more) return docs;
      docs.push_back(d);
    }
  }

  // Removed afterwards, whatever the test's name ("Name/3" for parameterized ones).
  sselab::testing::TempDir temp_;
  const fs::path& dir_ = temp_.path();
};

TEST_F(CorpusTest, ReadsKeywordAndTextLines) {
  auto p = Write("c.jsonl",
                 "{\"id\": 7, \"keywords\": [\"a\", \"B c\", \"a\", \"ünï\"]}\n"
                 "\n"
                 "{\"id\": 18446744073709551615, \"text\": \"Hello hello World\", \"label\": 1}\n");
  auto docs = ReadAll(p);
  ASSERT_TRUE(docs.ok()) << docs.error().ToString();
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_EQ((*docs)[0].id, 7u);
  EXPECT_THAT((*docs)[0].keywords, ElementsAre("a", "B c", "ünï"));
  EXPECT_EQ((*docs)[1].id, UINT64_MAX);
  EXPECT_THAT((*docs)[1].keywords, ElementsAre("hello", "world"));
}

struct BadLine {
  std::string line;
  std::string expected;
};

class BadCorpusLineTest : public CorpusTest, public ::testing::WithParamInterface<BadLine> {};

TEST_P(BadCorpusLineTest, ErrorNamesFileAndLine) {
  auto p = Write("bad.jsonl", "{\"id\": 1, \"keywords\": [\"ok\"]}\n" + GetParam().line + "\n");
  auto docs = ReadAll(p);
  ASSERT_FALSE(docs.ok());
  EXPECT_EQ(docs.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(docs.error().message(), HasSubstr("bad.jsonl line 2"));
  EXPECT_THAT(docs.error().message(), HasSubstr(GetParam().expected));
}

INSTANTIATE_TEST_SUITE_P(
    Lines, BadCorpusLineTest,
    ::testing::Values(
        BadLine{"{not json", "not valid JSON"}, BadLine{"[1, 2]", "JSON object"},
        BadLine{"{\"keywords\": [\"x\"]}", "missing \"id\""},
        BadLine{"{\"id\": -1, \"keywords\": [\"x\"]}", "unsigned"},
        BadLine{"{\"id\": 1.5, \"keywords\": [\"x\"]}", "unsigned"},
        BadLine{"{\"id\": 1, \"keywords\": [\"x\"]}", "duplicate document id 1"},
        BadLine{"{\"id\": 2, \"keywords\": [\"\"]}", "empty"},
        BadLine{"{\"id\": 2, \"keywords\": [3]}", "not a string"},
        BadLine{"{\"id\": 2}", "expected \"keywords\", \"text\" or \"fields\""},
        BadLine{"{\"id\": 2, \"text\": \"a\", \"keywords\": [\"b\"]}", "at most one of"},
        BadLine{"{\"id\": 2, \"fields\": [\"a\"]}", "must be an object"},
        BadLine{"{\"id\": 2, \"fields\": {\"a b\": \"x\"}}", "field name 'a b'"},
        BadLine{"{\"id\": 2, \"fields\": {\"from\": 7}}",
                "field \"from\" must be a string or an array"},
        BadLine{"{\"id\": 2, \"fields\": {\"to\": [\"\"]}}",
                "field \"to\": keyword 0: keyword is empty"},
        BadLine{"{\"id\": 2, \"keywords\": \"x\"}", "array"},
        BadLine{"{\"id\": 2, \"keywords\": [\"\xff\xfe\"]}", "UTF-8"},
        BadLine{"{\"id\": 2, \"keywords\": [\"" + std::string(1025, 'k') + "\"]}", "limit"}));

TEST_F(CorpusTest, FieldsBecomeFieldPrefixedKeywords) {
  auto p = Write("f.jsonl",
                 "{\"id\": 1, \"text\": \"Hi there\", \"fields\": {\"from\": \"Alice Smith\", "
                 "\"tag\": [\"To Do\", \"x:y\"]}}\n"
                 "{\"id\": 2, \"fields\": {\"subject\": \"hi hi\"}}\n");
  auto docs = ReadAll(p);
  ASSERT_TRUE(docs.ok()) << docs.error().ToString();
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_THAT((*docs)[0].keywords,
              ElementsAre("hi", "there", "from:alice", "from:smith", "tag:To Do", "tag:x:y"));
  EXPECT_THAT((*docs)[1].keywords, ElementsAre("subject:hi"));
}

TEST(FieldTest, SplitsAtTheFirstSeparatorAfterAValidName) {
  EXPECT_EQ(SplitField("from:alice").field, "from");
  EXPECT_EQ(SplitField("from:alice").word, "alice");
  EXPECT_EQ(SplitField("tag:x:y").word, "x:y");
  EXPECT_EQ(SplitField("alice").field, "");
  EXPECT_EQ(SplitField("alice").word, "alice");
  EXPECT_EQ(SplitField("a b:c").field, "");      // not a field name
  EXPECT_EQ(SplitField(":c").field, "");         // empty name
  EXPECT_EQ(SplitField("from:").word, "from:");  // empty word
  EXPECT_EQ(JoinField("from", "alice"), "from:alice");
  EXPECT_TRUE(ValidateFieldName("re-ply_2").ok());
  EXPECT_FALSE(ValidateFieldName(std::string(65, 'a')).ok());
  EXPECT_FALSE(ValidateFieldName("").ok());
}

TEST_F(CorpusTest, DirectoryOfTextFilesInPathOrder) {
  Write("b.txt", "beta gamma");
  Write("a/z.txt", "Alpha");
  Write("c.txt", "");
  auto docs = ReadAll(dir_);
  ASSERT_TRUE(docs.ok()) << docs.error().ToString();
  ASSERT_EQ(docs->size(), 3u);
  EXPECT_EQ((*docs)[0].id, 0u);
  EXPECT_THAT((*docs)[0].keywords, ElementsAre("alpha"));
  EXPECT_THAT((*docs)[1].keywords, ElementsAre("beta", "gamma"));
  EXPECT_TRUE((*docs)[2].keywords.empty());
}

TEST_F(CorpusTest, MissingCorpusIsNotFound) {
  EXPECT_EQ(OpenCorpus(dir_ / "nope.jsonl").error().code(), ErrorCode::kNotFound);
}

TEST(SyntheticTest, DeterministicAndWithinSpec) {
  SynthSpec spec{.docs = 200, .keywords = 50, .pairs = 2000, .zipf = 1.1, .seed = 9};
  ASSERT_TRUE(ValidateSynthSpec(spec).ok());
  auto a = NewSyntheticSource(spec);
  auto b = NewSyntheticSource(spec);
  Document da, db;
  uint64_t docs = 0, pairs = 0, w1 = 0;
  while (*a->Next(da)) {
    ASSERT_TRUE(*b->Next(db));
    EXPECT_EQ(da.id, db.id);
    EXPECT_EQ(da.keywords, db.keywords);
    ++docs;
    pairs += da.keywords.size();
    for (const auto& k : da.keywords) w1 += k == "w1";
  }
  EXPECT_EQ(docs, 200u);
  EXPECT_LE(pairs, 2000u);
  EXPECT_GT(w1, 100u);  // the top rank appears in most documents at zipf 1.1
  EXPECT_FALSE(ValidateSynthSpec({.docs = 0}).ok());
  EXPECT_FALSE(ValidateSynthSpec({.docs = 10, .plant = {11}}).ok());
  EXPECT_FALSE(ValidateSynthSpec({.docs = 10, .keywords = 5, .pairs = 5}).ok());
}

TEST(SyntheticTest, SynthUriRoundTripsAndRejectsUnknownFields) {
  SynthSpec spec{.docs = 30, .keywords = 7, .pairs = 90, .zipf = 0.5, .seed = 4, .plant = {3, 30}};
  auto parsed = ParseSynthUri(SynthUri(spec));
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  EXPECT_EQ(parsed->docs, 30u);
  EXPECT_EQ(parsed->plant, (std::vector<uint64_t>{3, 30}));
  EXPECT_DOUBLE_EQ(parsed->zipf, 0.5);
  EXPECT_FALSE(ParseSynthUri("synth:docs=10,colour=3").ok());
  EXPECT_FALSE(ParseSynthUri("synth:docs=ten").ok());
  EXPECT_FALSE(ParseSynthUri("synth:docs=0").ok());
  auto src = OpenCorpus("synth:docs=5,keywords=3,pairs=10");
  ASSERT_TRUE(src.ok());
  Document d;
  int n = 0;
  while (*(*src)->Next(d)) ++n;
  EXPECT_EQ(n, 5);
}

TEST(SyntheticTest, PlantedKeywordsHaveExactResultSizes) {
  SynthSpec spec{
      .docs = 1000, .keywords = 20, .pairs = 3000, .seed = 2, .plant = {1, 10, 999, 1000}};
  ASSERT_TRUE(ValidateSynthSpec(spec).ok());
  auto src = NewSyntheticSource(spec);
  std::map<std::string, uint64_t> counts;
  Document d;
  while (*src->Next(d)) {
    for (const auto& k : d.keywords) ++counts[k];
  }
  for (uint64_t size : spec.plant) EXPECT_EQ(counts[PlantedKeyword(size)], size) << size;
}

}  // namespace
}  // namespace sselab::index
