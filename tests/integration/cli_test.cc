// The `sselab` command end to end: builds and searches across processes, and every kind
// of bad input exits non-zero with a clear error and leaves stored data intact.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "index/query.h"
#include "tests/integration/cli_runner.h"
#include "tests/testing/flip_byte.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"

namespace sselab {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::RunSselab;

void WriteCorpus(const testing::OracleCorpus& c, const fs::path& path) {
  std::ofstream out(path);
  for (const auto& d : c.docs) {
    out << nlohmann::json{{"id", d.id}, {"keywords", d.keywords}}.dump() << "\n";
  }
}

std::string IdsText(const std::vector<index::DocId>& ids) {
  std::string s;
  for (auto id : ids) s += std::to_string(id) + "\n";
  return s;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = testing::MakeRandomCorpus({"cli", 60, 25, 6}, 99);
    WriteCorpus(corpus_, dir_ / "corpus.jsonl");
  }
  testing::CliResult Run(const std::vector<std::string>& args) {
    return RunSselab(args, dir_.path());
  }
  testing::CliResult Build(const std::string& scheme, const std::string& db,
                           std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"index",    "build",
                                     "--scheme", scheme,
                                     "--corpus", (dir_ / "corpus.jsonl").string(),
                                     "--db",     (dir_ / db).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return Run(args);
  }
  testing::CliResult Search(const std::string& db, const std::string& keyword,
                            std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"search", "--db", (dir_ / db).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(index::Query::Of({keyword}).value().ToString());  // quoted where needed
    return Run(args);
  }

  testing::TempDir dir_;
  testing::OracleCorpus corpus_;
};

TEST_F(CliTest, SchemesListsBaselineAndPibas) {
  auto r = Run({"schemes", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  std::vector<std::string> names;
  for (const auto& s : j) names.push_back(s["name"]);
  EXPECT_THAT(names, ::testing::IsSupersetOf({"plaintext", "pibas"}));
}

TEST_F(CliTest, BuildThenSearchInSeparateProcesses) {
  for (const auto& [scheme, params] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"plaintext", {}}, {"pibas", {}}, {"pibas", {"--param", "mode=hiding"}}}) {
    std::string db = "db-" + scheme + std::to_string(params.size());
    auto b = Build(scheme, db, params);
    ASSERT_EQ(b.exit_code, 0) << b.err;
    EXPECT_EQ(b.out, "");  // messages go to stderr
    for (const std::string& k : corpus_.vocabulary) {
      auto s = Search(db, k);
      ASSERT_EQ(s.exit_code, 0) << s.err;
      EXPECT_EQ(s.out, IdsText(corpus_.Expected(k))) << scheme << " keyword " << k.substr(0, 30);
    }
    auto none = Search(db, "no-such-keyword");
    EXPECT_EQ(none.exit_code, 0);
    EXPECT_EQ(none.out, "");
    auto json = Search(db, "everywhere", {"--format", "json"});
    ASSERT_EQ(json.exit_code, 0);
    EXPECT_EQ(nlohmann::json::parse(json.out)["count"], corpus_.docs.size());
    auto info = Run({"info", "--db", (dir_ / db).string(), "--format", "json"});
    ASSERT_EQ(info.exit_code, 0) << info.err;
    EXPECT_EQ(nlohmann::json::parse(info.out)["scheme"], scheme);
  }
}

TEST_F(CliTest, ConjunctionsInEveryForm) {
  ASSERT_EQ(Build("pibas", "db").exit_code, 0);
  const std::string db = (dir_ / "db").string();
  const std::string& k0 = corpus_.vocabulary[0];
  const std::string& k1 = corpus_.vocabulary[1];
  std::vector<index::DocId> both;
  for (index::DocId id : corpus_.Expected(k0)) {
    if (corpus_.postings[k1].count(id) != 0) both.push_back(id);
  }
  ASSERT_FALSE(both.empty());  // the seed gives the two most frequent keywords a document
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {k0 + " AND " + k1},
           {k0, "AND", k1},
           {"(" + k0 + " AND everywhere) AND " + k1},
           {"--keyword", k0, "--keyword", k1, "--keyword", k1},
       }) {
    std::vector<std::string> full = {"search", "--db", db};
    full.insert(full.end(), args.begin(), args.end());
    auto r = Run(full);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, IdsText(both)) << args[0];
  }
  auto exact = Run({"search", "--db", db, "--keyword", "naïve café"});
  ASSERT_EQ(exact.exit_code, 0) << exact.err;
  EXPECT_EQ(exact.out, IdsText(corpus_.Expected("naïve café")));
  auto json = Run({"search", "--db", db, "--format", "json", k0 + " AND \"naïve café\""});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["terms"], nlohmann::json({k0, "naïve café"}));
  EXPECT_EQ(j["query"], k0 + " AND \"naïve café\"");
}

TEST_F(CliTest, QuerySyntaxErrorsExitTwoAndSayWhat) {
  ASSERT_EQ(Build("plaintext", "db").exit_code, 0);
  const std::string db = (dir_ / "db").string();
  for (const auto& [query, says] : std::vector<std::pair<std::string, std::string>>{
           {"AND", "column 1: AND where a term should be"},
           {"kw0 AND", "the query ends where a term should be"},
           {"kw0 AND \"\"", "empty term"},
           {"(kw0 AND kw1", "'(' is never closed"},
           {"kw0 AND kw1)", "')' has no matching '('"},
           {"\"kw0 AND kw1", "the quote is never closed"},
           {"kw0 kw1", "two terms side by side"},
           {"kw0 OR kw1", "OR is not supported"},
       }) {
    auto r = Run({"search", "--db", db, query});
    EXPECT_EQ(r.exit_code, 2) << query;
    EXPECT_THAT(r.err, HasSubstr(says)) << query;
    EXPECT_EQ(r.out, "");
  }
  auto none = Run({"search", "--db", db});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_THAT(none.err, HasSubstr("query"));
  auto both = Run({"search", "--db", db, "--keyword", "kw0", "kw1"});
  EXPECT_EQ(both.exit_code, 2);
  auto empty = Run({"search", "--db", db, "--keyword", ""});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_THAT(empty.err, HasSubstr("empty"));
}

TEST_F(CliTest, UnknownSchemeFailsAndCreatesNothing) {
  auto r = Build("nope", "db");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("unknown scheme 'nope'"));
  EXPECT_FALSE(fs::exists(dir_ / "db"));
}

TEST_F(CliTest, UnknownParameterIsNamed) {
  auto r = Build("pibas", "db", {"--param", "colour=red"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("'colour'"));
  EXPECT_FALSE(fs::exists(dir_ / "db"));
}

TEST_F(CliTest, KeyFileIsPrivateAndOutsideTheServer) {
  ASSERT_EQ(Build("pibas", "db").exit_code, 0);
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "db/client/key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  for (const auto& e : fs::recursive_directory_iterator(dir_ / "db/server")) {
    EXPECT_NE(e.path().filename(), "key");
  }
  auto inside = Build("pibas", "db2", {"--key", (dir_ / "db2/server/k").string()});
  EXPECT_EQ(inside.exit_code, 1);
  EXPECT_THAT(inside.err, HasSubstr("server"));
  EXPECT_FALSE(fs::exists(dir_ / "db2"));
}

TEST_F(CliTest, ExternalKeyFileIsCreatedThenReused) {
  std::string key = (dir_ / "my.key").string();
  ASSERT_EQ(Build("pibas", "a", {"--key", key}).exit_code, 0);
  ASSERT_TRUE(fs::exists(key));
  EXPECT_FALSE(fs::exists(dir_ / "a/client/key"));
  ASSERT_EQ(Build("pibas", "b", {"--key", key}).exit_code, 0);
  auto s = Search("b", "everywhere", {"--key", key});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_EQ(s.out, IdsText(corpus_.Expected("everywhere")));
  auto missing = Search("b", "everywhere");  // no key at the default place
  EXPECT_EQ(missing.exit_code, 1);
}

TEST_F(CliTest, WrongKeyIsRejected) {
  ASSERT_EQ(Build("pibas", "a").exit_code, 0);
  ASSERT_EQ(Build("pibas", "b").exit_code, 0);
  auto r = Search("a", "everywhere", {"--key", (dir_ / "b/client/key").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("wrong key"));
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(Search("a", "everywhere").out, IdsText(corpus_.Expected("everywhere")));
}

TEST_F(CliTest, CorruptKeyFileIsRejected) {
  ASSERT_EQ(Build("pibas", "db").exit_code, 0);
  fs::path key = dir_ / "db/client/key";
  fs::copy_file(key, dir_ / "key.bak");
  sselab::testing::FlipByte(key, 20);
  auto r = Search("db", "everywhere");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("corrupt"));
  fs::copy_file(dir_ / "key.bak", key, fs::copy_options::overwrite_existing);
  EXPECT_EQ(Search("db", "everywhere").out, IdsText(corpus_.Expected("everywhere")));
}

TEST_F(CliTest, MalformedCorpusLineIsNamedAndNothingIsBuilt) {
  std::ofstream(dir_ / "bad.jsonl")
      << "{\"id\": 1, \"keywords\": [\"a\"]}\n{\"id\": 2, \"keywords\": [\"b\"\n";
  auto r = Run({"index", "build", "--scheme", "pibas", "--corpus", (dir_ / "bad.jsonl").string(),
                "--db", (dir_ / "db").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("bad.jsonl line 2"));
  EXPECT_FALSE(fs::exists(dir_ / "db"));
  for (const auto& e : fs::directory_iterator(dir_.path())) {
    EXPECT_THAT(e.path().filename().string(), ::testing::Not(HasSubstr("building")));
  }
}

TEST_F(CliTest, DuplicateDocumentIdIsRejected) {
  std::ofstream(dir_ / "dup.jsonl") << "{\"id\": 5, \"keywords\": [\"a\"]}\n"
                                       "{\"id\": 6, \"keywords\": [\"a\"]}\n"
                                       "{\"id\": 5, \"keywords\": [\"b\"]}\n";
  auto r = Run({"index", "build", "--scheme", "plaintext", "--corpus",
                (dir_ / "dup.jsonl").string(), "--db", (dir_ / "db").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("line 3: duplicate document id 5 (first on line 1)"));
  EXPECT_FALSE(fs::exists(dir_ / "db"));
}

TEST_F(CliTest, ExistingIndexIsNeverOverwritten) {
  ASSERT_EQ(Build("pibas", "db").exit_code, 0);
  auto again = Build("plaintext", "db");
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.err, HasSubstr("already exists"));
  EXPECT_EQ(Search("db", "everywhere").out, IdsText(corpus_.Expected("everywhere")));
}

// "--db idx/" names idx: the build is staged beside idx, not inside it.
TEST_F(CliTest, TrailingSlashNamesTheSameDirectory) {
  for (const std::string spelling : {"slash/", "dot/."}) {
    auto b = Build("pibas", spelling);
    ASSERT_EQ(b.exit_code, 0) << spelling << ": " << b.err;
    const std::string db = spelling.substr(0, spelling.find('/'));
    EXPECT_EQ(Search(db, "everywhere").out, IdsText(corpus_.Expected("everywhere")));
    std::vector<std::string> inside;
    for (const auto& e : fs::directory_iterator(dir_ / db)) {
      inside.push_back(e.path().filename().string());
    }
    std::sort(inside.begin(), inside.end());
    EXPECT_EQ(inside, (std::vector<std::string>{"client", "server"}));
    auto again = Build("pibas", spelling);
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_THAT(again.err, HasSubstr("already exists"));
  }
  for (const auto& e : fs::directory_iterator(dir_.path())) {
    EXPECT_FALSE(e.path().filename().string().starts_with(".")) << e.path();  // no staging left
  }
}

TEST_F(CliTest, MissingIndexIsReported) {
  auto r = Search("nowhere", "x");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("no index at"));
  fs::create_directories(dir_ / "empty");
  auto e = Search("empty", "x");
  EXPECT_EQ(e.exit_code, 1);
  EXPECT_THAT(e.err, HasSubstr("not an sselab index"));
}

TEST_F(CliTest, CorruptStoreIsReportedWithoutCrashing) {
  for (const std::string scheme : {"plaintext", "pibas"}) {
    std::string db = "db-" + scheme;
    ASSERT_EQ(Build(scheme, db).exit_code, 0);
    for (const auto& e : fs::directory_iterator(dir_ / db / "server")) {
      if (e.path().extension() == ".sst" || e.path().filename().string().starts_with("MANIFEST")) {
        std::ofstream(e.path(), std::ios::binary | std::ios::trunc) << "garbage";
      }
    }
    auto r = Search(db, "everywhere");
    EXPECT_EQ(r.exit_code, 1) << scheme;
    EXPECT_THAT(r.err, HasSubstr("sselab: ")) << scheme;
    EXPECT_EQ(r.out, "");
  }
  fs::path db = dir_ / "db-gone";
  ASSERT_EQ(Build("pibas", "db-gone").exit_code, 0);
  fs::remove_all(db / "server");
  auto gone = Search("db-gone", "everywhere");
  EXPECT_EQ(gone.exit_code, 1);
  EXPECT_THAT(gone.err, HasSubstr("no server store"));
}

TEST_F(CliTest, CorruptMetadataIsReported) {
  ASSERT_EQ(Build("pibas", "db").exit_code, 0);
  std::ofstream(dir_ / "db/client/meta.json") << "{\"format\": 1, \"scheme\": ";
  auto r = Search("db", "everywhere");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("meta.json"));
}

TEST_F(CliTest, IndexOlderThanItsSchemesLayoutIsRefused) {
  for (const std::string scheme : {"blind", "pibas"}) {
    ASSERT_EQ(Build(scheme, "db-" + scheme).exit_code, 0);
    fs::path meta = dir_ / ("db-" + scheme) / "client/meta.json";
    auto j = nlohmann::json::parse(std::ifstream(meta));
    j["format"] = 1;
    std::ofstream(meta) << j.dump();
  }
  auto blind = Search("db-blind", "everywhere");
  EXPECT_EQ(blind.exit_code, 1);
  EXPECT_THAT(blind.err, HasSubstr("predates the store layout of scheme blind"));
  EXPECT_THAT(blind.err, HasSubstr("rebuild"));
  EXPECT_EQ(Search("db-pibas", "everywhere").exit_code, 0);  // its layout did not change
}

}  // namespace
}  // namespace sselab

namespace sselab {
namespace {

TEST_F(CliTest, BenchRunsASpecAndWritesResults) {
  std::ofstream(dir_ / "spec.toml") << "name = \"t\"\n[corpus.synth]\ndocs = 300\nkeywords = 40\n"
                                       "pairs = 3000\nplant = [3, 30, 300]\n"
                                       "[[scheme]]\nname = \"plaintext\"\n"
                                       "[[scheme]]\nname = \"pibas\"\n"
                                       "[[scheme]]\nname = \"pibas\"\n"
                                       "params = { mode = \"hiding\" }\n"
                                       "[[workload]]\nop = \"build\"\n"
                                       "[[workload]]\nop = \"search\"\nqueries = \"planted\"\n"
                                       "[[workload]]\nop = \"search\"\ncount = 5\n";
  auto r =
      Run({"bench", (dir_ / "spec.toml").string(), "--out", (dir_ / "out").string(), "--no-plots"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(dir_ / "out/results.jsonl");
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  auto provenance = nlohmann::json::parse(line);
  EXPECT_EQ(provenance["type"], "provenance");
  EXPECT_EQ(provenance["corpus_sha256"].get<std::string>().size(), 64u);
  int builds = 0, searches = 0;
  while (std::getline(in, line)) {
    auto m = nlohmann::json::parse(line);
    EXPECT_TRUE(m["correct"].get<bool>()) << line;
    if (m["op"] == "build") {
      ++builds;
      EXPECT_GT(m["peak_rss_bytes"].get<uint64_t>(), 0u);
      EXPECT_GT(m["bytes_on_disk"].get<uint64_t>(), 0u);
      // The declaration is the one of the run's setting: hiding mode declares no ids.
      const std::string declared = m["declared"].get<std::string>();
      if (m["label"] == "pibas") {
        EXPECT_THAT(declared, HasSubstr("ids")) << line;
      }
      if (m["label"] == "pibas[mode=hiding]") {
        EXPECT_THAT(declared, ::testing::Not(HasSubstr("ids"))) << line;
      }
    } else {
      ++searches;
      if (m["keyword"] == "p30") {
        EXPECT_EQ(m["result_size"], 30);
      }
    }
  }
  EXPECT_EQ(builds, 3);
  EXPECT_EQ(searches, 3 * (3 + 5));
  EXPECT_TRUE(fs::exists(dir_ / "out/summary.md"));
  EXPECT_FALSE(fs::exists(dir_ / "out/work"));  // indexes removed unless --keep
}

TEST_F(CliTest, BenchRejectsUnknownSpecKeysByName) {
  std::ofstream(dir_ / "bad.toml") << "[corpus.synth]\ndocs = 10\n[[scheme]]\nname = \"pibas\"\n"
                                      "[[workload]]\nop = \"build\"\nrepeat = 3\n";
  auto r = Run({"bench", (dir_ / "bad.toml").string(), "--out", (dir_ / "out").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("workload.repeat"));
  EXPECT_THAT(r.err, HasSubstr("unknown key"));
}

TEST_F(CliTest, BenchRefusesASearchBeforeAnyBuildNamingTheScheme) {
  std::ofstream(dir_ / "early.toml") << "[corpus.synth]\ndocs = 10\nkeywords = 5\npairs = 30\n"
                                        "[[scheme]]\nname = \"pibas\"\n"
                                        "[[workload]]\nop = \"search\"\ncount = 2\n"
                                        "[[workload]]\nop = \"build\"\n";
  auto r = Run(
      {"bench", (dir_ / "early.toml").string(), "--out", (dir_ / "out").string(), "--no-plots"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("scheme pibas: a search workload needs a build workload before it"));
}

}  // namespace
}  // namespace sselab

namespace sselab {
namespace {

TEST_F(CliTest, CheckVectorsPassesShippedFilesAndFailsATamperedOne) {
  fs::path data = fs::path(SSELAB_SOURCE_DIR) / "crypto/pairing/testdata";
  auto ok = Run({"crypto", "check-vectors", (data / "rfc9380_g1_xmd_sha256_sswu_ro.json").string(),
                 (data / "noble_pairing.json").string()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_THAT(ok.out, HasSubstr(" passed, 0 failed\n"));

  std::ifstream in(data / "noble_pairing.json");
  auto j = nlohmann::json::parse(in);
  std::string e = j["pairing"][0]["e"];
  e[e.size() - 1] = e.back() == '0' ? '1' : '0';
  j["pairing"][0]["e"] = e;
  std::ofstream(dir_ / "tampered.json") << j.dump();
  auto bad = Run({"crypto", "check-vectors", (dir_ / "tampered.json").string()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.out, HasSubstr(", 1 failed\n"));
}

}  // namespace
}  // namespace sselab

namespace sselab {
namespace {

// A build killed midway (SIGKILL: no cleanup runs) leaves nothing that opens as an index.
TEST_F(CliTest, KilledBuildLeavesNoIndex) {
  for (const std::string scheme : {"pibas", "twolev"}) {
    fs::path db = dir_ / ("killed-" + scheme);
    std::string bin =
        std::string(std::getenv("SSELAB_BIN") ? std::getenv("SSELAB_BIN") : SSELAB_BIN_DIR) +
        "/sselab";
    std::vector<std::string> argv = {bin,
                                     "index",
                                     "build",
                                     "--scheme",
                                     scheme,
                                     "--corpus",
                                     "synth:docs=200000,keywords=50000,pairs=4000000",
                                     "--db",
                                     db.string()};
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::freopen("/dev/null", "w", stderr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    ::usleep(700 * 1000);  // well into the build: the corpus alone takes seconds
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << scheme << ": the build finished before the kill";
    EXPECT_FALSE(fs::exists(db)) << scheme;
    auto s = Search("killed-" + scheme, "w1");
    EXPECT_EQ(s.exit_code, 1);
    EXPECT_THAT(s.err, HasSubstr("no index at"));
  }
}

}  // namespace
}  // namespace sselab
