#include "index/datasets/spam_assassin.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "index/corpus.h"
#include "index/datasets/mail_headers.h"

namespace sselab::index::datasets {
namespace {

namespace fs = std::filesystem;

class SpamAssassinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sselab-sa-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "package/data/spam-1");
    fs::create_directories(dir_ / "package/data/easy-ham-1");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Message(const std::string& rel, const std::string& json) {
    std::ofstream(dir_ / "package/data" / rel) << json;
  }
  fs::path dir_;
};

TEST_F(SpamAssassinTest, ConvertsToATokenizableCorpusWithLabels) {
  Message("spam-1/00001.aa.json",
          R"({"id":"00001","group":"spam-1","text":"Subject: WIN money\n\nClick NOW"})");
  Message("easy-ham-1/00001.bb.json",
          R"({"id":"00001","group":"easy-ham-1","text":"Subject: lunch?\n\nsee you"})");
  std::ofstream(dir_ / "package/data/file_list.json") << "[]";  // not a message: skipped
  auto stats = ConvertSpamAssassin(dir_ / "package", dir_ / "sa.jsonl");
  ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  EXPECT_EQ(stats->documents, 2u);
  EXPECT_EQ(stats->spam, 1u);
  EXPECT_EQ(stats->ham, 1u);
  auto src = OpenCorpus(dir_ / "sa.jsonl");
  ASSERT_TRUE(src.ok());
  Document d;
  ASSERT_TRUE(*(*src)->Next(d));  // easy-ham-1 sorts first
  EXPECT_EQ(d.id, 0u);
  EXPECT_THAT(d.keywords, ::testing::ElementsAre("subject", "lunch", "see", "you"));
  ASSERT_TRUE(*(*src)->Next(d));
  EXPECT_THAT(d.keywords, ::testing::Contains("money"));
}

TEST_F(SpamAssassinTest, HeadersBecomeNamedFields) {
  Message(
      "spam-1/00001.aa.json",
      R"({"id":"1","text":"From: Bob <bob@x.org>\r\nSUBJECT: WIN\r\n money\r\n\r\nFrom: body"})");
  Message("spam-1/00002.bb.json", R"({"id":"2","text":"To: a\n\nno headers we want"})");
  auto stats = ConvertSpamAssassin(dir_ / "package", dir_ / "sa.jsonl", {"from", "subject"});
  ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  auto src = OpenCorpus(dir_ / "sa.jsonl");
  ASSERT_TRUE(src.ok());
  Document d;
  ASSERT_TRUE(*(*src)->Next(d));
  EXPECT_THAT(d.keywords, ::testing::IsSupersetOf(
                              {"from:bob", "from:x", "from:org", "subject:win", "subject:money"}));
  EXPECT_THAT(d.keywords, ::testing::Not(::testing::Contains("from:body")));
  ASSERT_TRUE(*(*src)->Next(d));
  for (const std::string& k : d.keywords) EXPECT_EQ(k.find(':'), std::string::npos) << k;
  EXPECT_FALSE(ConvertSpamAssassin(dir_ / "package", dir_ / "x.jsonl", {"bad name"}).ok());
}

TEST(MailHeaderTest, FindsUnfoldsAndStopsAtTheBody) {
  std::string raw = "Received: a\n  b\nSubject:  Hello\n\tworld \nX: y\n\nSubject: body\n";
  EXPECT_EQ(MailHeader(raw, "subject"), "Hello world");
  EXPECT_EQ(MailHeader(raw, "RECEIVED"), "a b");
  EXPECT_EQ(MailHeader(raw, "x"), "y");
  EXPECT_EQ(MailHeader(raw, "from"), std::nullopt);
  EXPECT_EQ(MailHeader("Subject: only", "subject"), "only");
  EXPECT_EQ(MailHeader("", "subject"), std::nullopt);
}

TEST_F(SpamAssassinTest, MalformedMessageIsNamed) {
  Message("spam-1/00002.cc.json", R"({"id":"00002","text":3})");
  auto stats = ConvertSpamAssassin(dir_ / "package", dir_ / "sa.jsonl");
  ASSERT_FALSE(stats.ok());
  EXPECT_THAT(stats.error().message(), ::testing::HasSubstr("00002.cc.json"));
  EXPECT_FALSE(fs::exists(dir_ / "sa.jsonl"));
  EXPECT_EQ(ConvertSpamAssassin(dir_ / "nowhere", dir_ / "x.jsonl").error().code(),
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace sselab::index::datasets
