#include "net/grants.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/files.h"
#include "tests/testing/temp_dir.h"

namespace sselab::net {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Line numbers matter: the first line of the text is line 1.
constexpr std::string_view kGrants = R"(# sselab serve grants
[[grant]]
identity = "alice"
indexes = ["mail", "wiki"]
allow = ["search", "update"]

[[grant]]
identity = "ops@example.org"
indexes = ["*"]
allow = ["admin"]

[[grant]]
identity = "alice"
indexes = ["mail"]
allow = ["admin"]

[[grant]]
identity = "reader"
indexes = ["*", "wiki"]
allow = ["search"]

[[grant]]
identity = "writer"
indexes = ["logs"]
allow = ["update", "update"]

[[grant]]
identity = "reader"
indexes = ["wiki"]
allow = ["update"]
)";

Grants MustParse(std::string_view text) {
  auto grants = Grants::Parse(text, "grants.toml");
  EXPECT_TRUE(grants.ok()) << grants.error().ToString();
  return grants.ok() ? *std::move(grants) : Grants();
}

struct AllowsCase {
  std::string identity, index;
  Permission permission;
  bool allowed;
};

TEST(GrantsTest, AllowsMatrix) {
  Grants g = MustParse(kGrants);
  const std::vector<AllowsCase> cases = {
      // Explicit grants, and what they do not imply.
      {"alice", "mail", Permission::kSearch, true},
      {"alice", "mail", Permission::kUpdate, true},
      {"alice", "wiki", Permission::kSearch, true},
      {"alice", "wiki", Permission::kUpdate, true},
      {"alice", "wiki", Permission::kAdmin, false},
      // A grant on another index does not allow this one.
      {"alice", "logs", Permission::kSearch, false},
      {"alice", "mailx", Permission::kSearch, false},
      {"alice", "new-index", Permission::kAdmin, false},
      // Merged across two grants for (alice, mail).
      {"alice", "mail", Permission::kAdmin, true},
      // "*" covers every index, present or not, and only the permissions it lists.
      {"ops@example.org", "mail", Permission::kAdmin, true},
      {"ops@example.org", "not-created-yet", Permission::kAdmin, true},
      {"ops@example.org", "*", Permission::kAdmin, true},
      {"ops@example.org", "mail", Permission::kSearch, false},
      {"ops@example.org", "mail", Permission::kUpdate, false},
      // "*" and an explicit name merge, and a later grant adds to both.
      {"reader", "anything", Permission::kSearch, true},
      {"reader", "anything", Permission::kUpdate, false},
      {"reader", "wiki", Permission::kSearch, true},
      {"reader", "wiki", Permission::kUpdate, true},
      {"reader", "*", Permission::kUpdate, false},
      // update implies nothing else.
      {"writer", "logs", Permission::kUpdate, true},
      {"writer", "logs", Permission::kSearch, false},
      {"writer", "logs", Permission::kAdmin, false},
      // Asking about "*" itself needs a grant on "*".
      {"alice", "*", Permission::kSearch, false},
      // Unknown identities, and names compare exactly.
      {"mallory", "mail", Permission::kSearch, false},
      {"Alice", "mail", Permission::kSearch, false},
      {"alice", "Mail", Permission::kSearch, false},
      {"", "mail", Permission::kSearch, false},
      // An invalid index name is allowed nothing, even through "*".
      {"reader", "../etc", Permission::kSearch, false},
      {"reader", ".hidden", Permission::kSearch, false},
      {"reader", "", Permission::kSearch, false},
      {"reader", "a*", Permission::kSearch, false},
  };
  for (const AllowsCase& c : cases) {
    EXPECT_EQ(g.Allows(c.identity, c.index, c.permission), c.allowed)
        << c.identity << " / " << c.index << " / " << PermissionName(c.permission);
  }
}

TEST(GrantsTest, SizeCountsMergedEntries) {
  // alice: mail, wiki; ops: *; reader: *, wiki; writer: logs.
  EXPECT_EQ(MustParse(kGrants).size(), 6u);
}

TEST(GrantsTest, ListingHelpers) {
  Grants g = MustParse(kGrants);
  EXPECT_THAT(g.NamedIndexes("alice"), ElementsAre("mail", "wiki"));
  EXPECT_THAT(g.NamedIndexes("reader"), ElementsAre("wiki"));
  EXPECT_THAT(g.NamedIndexes("ops@example.org"), IsEmpty());
  EXPECT_THAT(g.NamedIndexes("mallory"), IsEmpty());

  EXPECT_TRUE(g.AllowsEveryIndex("ops@example.org", Permission::kAdmin));
  EXPECT_FALSE(g.AllowsEveryIndex("ops@example.org", Permission::kSearch));
  EXPECT_FALSE(g.AllowsEveryIndex("alice", Permission::kSearch));

  EXPECT_TRUE(g.AllowsAny("alice", "wiki"));
  EXPECT_FALSE(g.AllowsAny("alice", "logs"));
  EXPECT_TRUE(g.AllowsAny("reader", "logs"));
  EXPECT_FALSE(g.AllowsAny("reader", "bad/name"));

  EXPECT_EQ(FormatPermissions(g.PermissionsOn("alice", "mail")), "search,update,admin");
  EXPECT_EQ(FormatPermissions(g.PermissionsOn("reader", "wiki")), "search,update");
  EXPECT_EQ(FormatPermissions(g.PermissionsOn("reader", "logs")), "search");
  EXPECT_EQ(g.PermissionsOn("writer", "mail"), 0);
  EXPECT_EQ(FormatPermissions(0), "");
}

TEST(GrantsTest, PermissionNames) {
  EXPECT_EQ(PermissionName(Permission::kSearch), "search");
  EXPECT_EQ(PermissionName(Permission::kUpdate), "update");
  EXPECT_EQ(PermissionName(Permission::kAdmin), "admin");
}

TEST(GrantsTest, EmptyFileGrantsNothing) {
  for (std::string_view text : {"", "# nothing granted yet\n\n", "grant = []\n"}) {
    Grants g = MustParse(text);
    EXPECT_EQ(g.size(), 0u) << text;
    EXPECT_FALSE(g.Allows("alice", "mail", Permission::kSearch)) << text;
  }
  EXPECT_EQ(Grants().size(), 0u);
  EXPECT_FALSE(Grants().Allows("alice", "mail", Permission::kSearch));
}

TEST(GrantsTest, LoadsAFile) {
  ::sselab::testing::TempDir dir;
  ASSERT_TRUE(WriteFileAtomically(dir / "grants.toml", kGrants).ok());
  auto g = Grants::Load(dir / "grants.toml");
  ASSERT_TRUE(g.ok()) << g.error().ToString();
  EXPECT_TRUE(g->Allows("alice", "mail", Permission::kAdmin));
  EXPECT_EQ(g->size(), 6u);
}

TEST(GrantsTest, LoadsAnEmptyFile) {
  ::sselab::testing::TempDir dir;
  ASSERT_TRUE(WriteFileAtomically(dir / "grants.toml", "").ok());
  auto g = Grants::Load(dir / "grants.toml");
  ASSERT_TRUE(g.ok()) << g.error().ToString();
  EXPECT_EQ(g->size(), 0u);
}

TEST(GrantsTest, MissingFileIsNotFound) {
  ::sselab::testing::TempDir dir;
  auto g = Grants::Load(dir / "absent.toml");
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().code(), ErrorCode::kNotFound);
  EXPECT_THAT(g.error().message(), HasSubstr("absent.toml"));
}

TEST(GrantsTest, LoadErrorsNameThePath) {
  ::sselab::testing::TempDir dir;
  ASSERT_TRUE(
      WriteFileAtomically(dir / "bad.toml",
                          "\n[[grant]]\nidentity = 3\nindexes = [\"x\"]\nallow = [\"search\"]\n")
          .ok());
  auto g = Grants::Load(dir / "bad.toml");
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(g.error().message(), HasSubstr((dir / "bad.toml").string() + " (line 3)"));
}

struct BadFile {
  std::string name;      // test name
  std::string text;      // the whole file
  int line;              // the line the message must name
  std::string expected;  // a part of the message
};

class GrantsRefusalTest : public ::testing::TestWithParam<BadFile> {};

TEST_P(GrantsRefusalTest, RefusesNamingFileAndLine) {
  const BadFile& bad = GetParam();
  auto g = Grants::Parse(bad.text, "conf/grants.toml");
  ASSERT_FALSE(g.ok()) << bad.text;
  EXPECT_EQ(g.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(g.error().message(), HasSubstr("conf/grants.toml (line " + std::to_string(bad.line)));
  EXPECT_THAT(g.error().message(), HasSubstr(bad.expected));
}

// A valid grant to start from: lines 1-4.
const std::string kValid =
    "[[grant]]\nidentity = \"alice\"\nindexes = [\"mail\"]\nallow = [\"search\"]\n";

INSTANTIATE_TEST_SUITE_P(
    Grants, GrantsRefusalTest,
    ::testing::Values(
        BadFile{"SyntaxError", kValid + "\n[[grant]\n", 6, ", column"},
        BadFile{"UnknownTopLevelKey", "version = 1\n" + kValid, 1,
                "unknown top-level key \"version\""},
        BadFile{"UnknownTopLevelTable", kValid + "[server]\nport = 1\n", 5,
                "unknown top-level key \"server\""},
        BadFile{"UnknownKeyInGrant", kValid + "\n[[grant]]\nidentity = \"bob\"\nalow = []\n", 8,
                "unknown key \"alow\""},
        BadFile{"MissingIdentity", kValid + "[[grant]]\nindexes = [\"a\"]\nallow = [\"search\"]\n",
                5, "no \"identity\""},
        BadFile{"MissingIndexes", "\n[[grant]]\nidentity = \"a\"\nallow = [\"search\"]\n", 2,
                "no \"indexes\""},
        BadFile{"MissingAllow", "[[grant]]\nidentity = \"a\"\nindexes = [\"x\"]\n", 1,
                "no \"allow\""},
        BadFile{"IdentityNotAString", "[[grant]]\nidentity = 7\nindexes = [\"x\"]\nallow = []\n", 2,
                "\"identity\" must be a string; found an integer"},
        BadFile{"IndexesNotAnArray",
                "[[grant]]\nidentity = \"a\"\nindexes = \"mail\"\nallow = [\"search\"]\n", 3,
                "\"indexes\" must be an array of strings; found a string"},
        BadFile{"AllowNotAnArray",
                "[[grant]]\nidentity = \"a\"\nindexes = [\"mail\"]\nallow = \"search\"\n", 4,
                "\"allow\" must be an array of strings"},
        BadFile{"IndexNotAString",
                "[[grant]]\nidentity = \"a\"\nindexes = [\n  \"mail\",\n  3,\n]\n"
                "allow = [\"search\"]\n",
                5, "found an integer"},
        BadFile{"GrantIsATable", "# one grant\n[grant]\nidentity = \"a\"\n", 2,
                "\"grant\" must be an array of tables"},
        BadFile{"GrantIsAString", "\n\ngrant = \"alice\"\n", 3,
                "\"grant\" must be an array of tables"},
        BadFile{"GrantElementNotATable", "grant = [1]\n", 1, "each grant must be a table"},
        BadFile{"EmptyIndexes", "[[grant]]\nidentity = \"a\"\nindexes = []\nallow = [\"search\"]\n",
                3, "\"indexes\" must not be empty"},
        BadFile{"EmptyAllow", "[[grant]]\nidentity = \"a\"\nindexes = [\"x\"]\nallow = []\n", 4,
                "\"allow\" must not be empty"},
        BadFile{"UnknownPermission",
                "[[grant]]\nidentity = \"a\"\nindexes = [\"x\"]\nallow = [\"search\", "
                "\"delete\"]\n",
                4, "unknown permission \"delete\""},
        BadFile{"PermissionIsCaseSensitive",
                "[[grant]]\nidentity = \"a\"\nindexes = [\"x\"]\nallow = [\"Search\"]\n", 4,
                "unknown permission \"Search\""},
        BadFile{"IdentityWithSpace",
                kValid + "[[grant]]\nidentity = \"al ice\"\nindexes = [\"x\"]\nallow = "
                         "[\"search\"]\n",
                6, "invalid identity \"al ice\""},
        BadFile{"EmptyIdentity",
                "[[grant]]\nidentity = \"\"\nindexes = [\"x\"]\nallow = [\"search\"]\n", 2,
                "invalid identity"},
        BadFile{"IdentityTooLong",
                "[[grant]]\nidentity = \"" + std::string(65, 'a') +
                    "\"\nindexes = [\"x\"]\nallow = [\"search\"]\n",
                2, "invalid identity"},
        BadFile{"StarIdentity",
                "[[grant]]\nidentity = \"*\"\nindexes = [\"x\"]\nallow = [\"search\"]\n", 2,
                "invalid identity \"*\""},
        BadFile{"ControlCharacterIsNotEchoed",
                "[[grant]]\nidentity = \"a\\u0007b\"\nindexes = [\"x\"]\nallow = [\"search\"]\n", 2,
                "invalid identity \"a?b\""},
        BadFile{"IndexStartingWithDot",
                "[[grant]]\nidentity = \"a\"\nindexes = [\"ok\", \".hidden\"]\nallow = "
                "[\"search\"]\n",
                3, "invalid index name \".hidden\""},
        BadFile{"IndexWithSlash",
                "[[grant]]\nidentity = \"a\"\nindexes = [\n\"ok\",\n\"a/b\"]\nallow = "
                "[\"search\"]\n",
                5, "invalid index name \"a/b\""},
        BadFile{"IndexGlob",
                "[[grant]]\nidentity = \"a\"\nindexes = [\"mail*\"]\nallow = [\"search\"]\n", 3,
                "invalid index name \"mail*\""},
        BadFile{"EmptyIndexName",
                "[[grant]]\nidentity = \"a\"\nindexes = [\"\"]\nallow = [\"search\"]\n", 3,
                "invalid index name \"\""},
        BadFile{"IndexNameTooLong",
                "[[grant]]\nidentity = \"a\"\nindexes = [\"" + std::string(65, 'x') +
                    "\"]\nallow = [\"search\"]\n",
                3, "invalid index name"}),
    [](const ::testing::TestParamInfo<BadFile>& param_info) { return param_info.param.name; });

TEST(GrantsTest, NameRules) {
  EXPECT_TRUE(ValidIndexName("mail"));
  EXPECT_TRUE(ValidIndexName("Mail_2024-v1.idx"));
  EXPECT_TRUE(ValidIndexName("a."));
  EXPECT_TRUE(ValidIndexName(std::string(64, 'x')));
  EXPECT_FALSE(ValidIndexName(std::string(65, 'x')));
  EXPECT_FALSE(ValidIndexName(""));
  EXPECT_FALSE(ValidIndexName("*"));
  EXPECT_FALSE(ValidIndexName(".mail"));
  EXPECT_FALSE(ValidIndexName(".."));
  EXPECT_FALSE(ValidIndexName("a/b"));
  EXPECT_FALSE(ValidIndexName("a b"));
  EXPECT_FALSE(ValidIndexName("a@b"));
  EXPECT_FALSE(ValidIndexName("caf\xc3\xa9"));
  EXPECT_FALSE(ValidIndexName(std::string_view("a\0b", 3)));

  EXPECT_TRUE(ValidIdentity("alice"));
  EXPECT_TRUE(ValidIdentity("ops@example.org"));
  EXPECT_TRUE(ValidIdentity(".dot-first_ok"));
  EXPECT_TRUE(ValidIdentity(std::string(64, 'a')));
  EXPECT_FALSE(ValidIdentity(std::string(65, 'a')));
  EXPECT_FALSE(ValidIdentity(""));
  EXPECT_FALSE(ValidIdentity("*"));
  EXPECT_FALSE(ValidIdentity("Alice Smith"));
  EXPECT_FALSE(ValidIdentity("CN=alice"));
  EXPECT_FALSE(ValidIdentity("a/b"));
}

}  // namespace
}  // namespace sselab::net
