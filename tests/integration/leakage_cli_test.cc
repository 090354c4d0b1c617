// `sselab leakage` and `sselab overview` end to end, including their bad-input paths.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/integration/cli_runner.h"
#include "tests/testing/temp_dir.h"

namespace sselab {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::RunSselab;

constexpr const char* kCorpus = "synth:docs=400,keywords=150,pairs=4000,seed=5";

class LeakageCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "spec.toml") << "scheme = \"pibas\"\ncorpus = \"" << kCorpus
                                      << "\"\n[workload]\nsearches = 30\npool = 40\n";
  }
  testing::CliResult Run(const std::vector<std::string>& args) {
    return RunSselab(args, dir_.path());
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  testing::TempDir dir_;
};

TEST_F(LeakageCliTest, RecordMeasureAttack) {
  auto rec = Run({"leakage", "record", Path("spec.toml"), "--out", Path("t.tr")});
  ASSERT_EQ(rec.exit_code, 0) << rec.err;
  auto measure = Run({"leakage", "measure", Path("t.tr")});
  ASSERT_EQ(measure.exit_code, 0) << measure.err;
  EXPECT_THAT(measure.out, HasSubstr("observed within declared: yes"));
  auto json = Run({"leakage", "measure", Path("t.tr"), "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["search"]["searches"], 30);
  EXPECT_TRUE(j["violations"].empty());
  auto attack =
      Run({"leakage", "attack", "count", "--transcript", Path("t.tr"), "--known", kCorpus});
  ASSERT_EQ(attack.exit_code, 0) << attack.err;
  EXPECT_THAT(attack.out, HasSubstr("count attack on pibas (delta 1.00): recovered"));
}

TEST_F(LeakageCliTest, BadInputIsNamedAndNothingIsOverwritten) {
  ASSERT_EQ(Run({"leakage", "record", Path("spec.toml"), "--out", Path("t.tr")}).exit_code, 0);
  auto size = fs::file_size(dir_ / "t.tr");
  auto again = Run({"leakage", "record", Path("spec.toml"), "--out", Path("t.tr")});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.err, HasSubstr("already exists"));
  EXPECT_EQ(fs::file_size(dir_ / "t.tr"), size);

  fs::copy_file(dir_ / "t.tr", dir_ / "cut.tr");
  fs::resize_file(dir_ / "cut.tr", size / 2);
  auto cut = Run({"leakage", "measure", Path("cut.tr")});
  EXPECT_EQ(cut.exit_code, 1);
  EXPECT_THAT(cut.err, HasSubstr("cut.tr: body length"));
  EXPECT_THAT(cut.err, HasSubstr("truncated"));

  auto unknown =
      Run({"leakage", "attack", "nosuch", "--transcript", Path("t.tr"), "--known", kCorpus});
  EXPECT_EQ(unknown.exit_code, 2);
  auto symmetric =
      Run({"leakage", "attack", "guess", "--transcript", Path("t.tr"), "--dictionary", kCorpus});
  EXPECT_EQ(symmetric.exit_code, 1);
  EXPECT_THAT(symmetric.err, HasSubstr("pibas is not a public-key scheme"));

  std::ofstream(dir_ / "bad.toml")
      << "scheme = \"pibas\"\ncorpus = \"" << kCorpus << "\"\n[workload]\nsearchs = 3\n";
  auto bad = Run({"leakage", "record", Path("bad.toml"), "--out", Path("b.tr")});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("workload.searchs"));
  EXPECT_FALSE(fs::exists(dir_ / "b.tr"));

  std::ofstream(dir_ / "nosuch.toml") << "scheme = \"nosuch\"\ncorpus = \"" << kCorpus << "\"\n";
  auto scheme = Run({"leakage", "record", Path("nosuch.toml"), "--out", Path("n.tr")});
  EXPECT_EQ(scheme.exit_code, 1);
  EXPECT_THAT(scheme.err, HasSubstr("nosuch"));
}

// The view and the truth are two files: the view holds no keyword in the clear, the truth
// is the user's alone (0600), and without it nothing is scored.
TEST_F(LeakageCliTest, TheViewCarriesNoTruth) {
  ASSERT_EQ(Run({"leakage", "record", Path("spec.toml"), "--out", Path("v.tr")}).exit_code, 0);
  ASSERT_TRUE(fs::exists(dir_ / "v.tr.truth"));
  EXPECT_EQ(fs::status(dir_ / "v.tr.truth").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  ASSERT_EQ(
      Run({"leakage", "record", Path("spec.toml"), "--out", Path("n.tr"), "--no-truth"}).exit_code,
      0);
  EXPECT_FALSE(fs::exists(dir_ / "n.tr.truth"));
  auto measure = Run({"leakage", "measure", Path("n.tr")});
  ASSERT_EQ(measure.exit_code, 0) << measure.err;
  EXPECT_THAT(measure.out, HasSubstr("no ground truth: nothing scored"));
  auto attack =
      Run({"leakage", "attack", "count", "--transcript", Path("n.tr"), "--known", kCorpus});
  EXPECT_EQ(attack.exit_code, 1);
  EXPECT_THAT(attack.err, HasSubstr("needs the ground truth"));
  // Another recording's truth is refused.
  auto mixed = Run({"leakage", "measure", Path("n.tr"), "--truth", Path("v.tr.truth")});
  EXPECT_EQ(mixed.exit_code, 1);
  EXPECT_THAT(mixed.err, HasSubstr("another server view"));
}

// Tag linking and keyword guessing on the command line, on a saved PAEKS transcript.
TEST_F(LeakageCliTest, LinksAndGuessesPublicKeyTranscripts) {
  std::ofstream(dir_ / "hl17.toml")
      << "scheme = \"paeks-hl17\"\ncorpus = \"synth:docs=20,keywords=12,pairs=60,seed=3\"\n"
         "[workload]\nsearches = 6\npool = 6\ninserts = 4\n";
  ASSERT_EQ(Run({"leakage", "record", Path("hl17.toml"), "--out", Path("h.tr")}).exit_code, 0);
  auto link = Run({"leakage", "attack", "link", "--transcript", Path("h.tr")});
  ASSERT_EQ(link.exit_code, 0) << link.err;
  EXPECT_THAT(link.out, HasSubstr("invariant e(P@0, K"));
  EXPECT_THAT(link.out, HasSubstr("link-at-rest attack on paeks-hl17"));
  auto guess = Run({"leakage", "attack", "guess", "--transcript", Path("h.tr"), "--dictionary",
                    "synth:docs=20,keywords=12,pairs=60,seed=3"});
  ASSERT_EQ(guess.exit_code, 0) << guess.err;
  EXPECT_THAT(guess.out, HasSubstr("keyword-guessing attack on paeks-hl17 (delta 1.00): "
                                   "recovered 0 of"));
}

// A small overview spec over kCorpus with these schemes, e.g. "\"plaintext\", \"pibas\"".
void WriteMiniOverviewSpec(const fs::path& path, const std::string& schemes) {
  std::ofstream(path) << "name = \"mini\"\n[[corpus]]\nname = \"tiny\"\nsource = \"" << kCorpus
                      << "\"\n[workload]\nsearches = 20\npool = 30\ninserts = 4\nremoves = 2\n"
                         "conjunctions = 6\n"
                         "[attacks]\ndeltas = [1.0, 0.5]\nikk_deltas = [1.0]\n"
                         "[performance]\nrepetitions = 1\nschemes = ["
                      << schemes << "]\n";
}

TEST_F(LeakageCliTest, OverviewWritesTheReport) {
  WriteMiniOverviewSpec(dir_ / "overview.toml", "\"plaintext\", \"pibas\", \"blind\", \"oxt\"");
  auto r = Run({"overview", Path("overview.toml"), "--out", Path("out"), "--no-plots"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("## tiny"));
  EXPECT_THAT(r.out, HasSubstr("| pibas[mode=hiding] |"));
  EXPECT_THAT(r.out, HasSubstr("### Conjunctions"));
  EXPECT_THAT(r.out, HasSubstr("| oxt | the server (native) | 6 |"));
  EXPECT_THAT(r.out, HasSubstr("| oxt[xset=bloom] | the server (native) | 6 |"));
  auto j = nlohmann::json::parse(std::ifstream(dir_ / "out/results.json"));
  // plaintext; pibas in both modes; blind unpadded, pow2- and bucket:4-padded; oxt with
  // its XSet in the table and in a Bloom filter.
  EXPECT_EQ(j["variants"].size(), 8u);
  for (const auto& v : j["variants"]) {
    EXPECT_TRUE(v["correct"].get<bool>()) << v["label"];
    EXPECT_TRUE(v["violations"].empty()) << v["label"];
    EXPECT_FALSE(v["attacks"].empty()) << v["label"];
    const auto& c = v["conjunctions"];
    EXPECT_EQ(c["measured"], 6) << v["label"];
    EXPECT_GT(c["timed"].get<uint64_t>(), 0u) << v["label"];
    // OXT hands back the result alone; the client intersection every term's result.
    if (v["scheme"] == "oxt") {
      EXPECT_EQ(c["items_beyond_result"], 0) << v["label"];
    } else {
      EXPECT_GT(c["items_beyond_result"].get<uint64_t>(), 0u) << v["label"];
    }
  }
  // The indexes went to a work directory under OUT, removed at the end...
  for (const auto& entry : fs::directory_iterator(dir_ / "out")) {
    EXPECT_EQ(entry.path().filename().string().rfind("work-", 0), std::string::npos)
        << entry.path();
  }
  // ... and kept with --keep, a directory only its owner can enter.
  auto kept =
      Run({"overview", Path("overview.toml"), "--out", Path("kept"), "--no-plots", "--keep"});
  ASSERT_EQ(kept.exit_code, 0) << kept.err;
  int work_dirs = 0;
  for (const auto& entry : fs::directory_iterator(dir_ / "kept")) {
    if (entry.path().filename().string().rfind("work-", 0) != 0) continue;
    ++work_dirs;
    EXPECT_EQ(fs::status(entry.path()).permissions() & fs::perms::all, fs::perms::owner_all);
  }
  EXPECT_EQ(work_dirs, 1);
  std::ofstream(dir_ / "bad.toml") << "[[corpus]]\nname = \"x\"\n";
  auto bad = Run({"overview", Path("bad.toml"), "--out", Path("out2")});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("source"));
}

// The leakage runs go on several threads after the timed ones; what they find does not
// depend on how many.
TEST_F(LeakageCliTest, OverviewLeakageDoesNotDependOnItsThreads) {
  WriteMiniOverviewSpec(dir_ / "overview.toml", "\"plaintext\", \"pibas\", \"diana\"");
  std::vector<nlohmann::json> runs;
  for (const std::string jobs : {"1", "3"}) {
    auto r = Run({"overview", Path("overview.toml"), "--out", Path("out" + jobs), "--no-plots",
                  "--jobs", jobs});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.err, HasSubstr("leakage: 4 runs on " + jobs + " threads"));
    runs.push_back(nlohmann::json::parse(std::ifstream(dir_ / ("out" + jobs) / "results.json")));
  }
  ASSERT_EQ(runs[0]["variants"].size(), 4u);  // plaintext, pibas in both modes, diana
  ASSERT_EQ(runs[1]["variants"].size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    const auto& a = runs[0]["variants"][i];
    const auto& b = runs[1]["variants"][i];
    SCOPED_TRACE(a["label"].get<std::string>());
    EXPECT_EQ(a["label"], b["label"]);
    EXPECT_TRUE(a["correct"].get<bool>());
    EXPECT_EQ(a["error"], "");
    EXPECT_FALSE(a["attacks"].empty());
    for (const char* field :
         {"correct", "measured", "search_pattern_rate", "sharing_rate", "volume_rate",
          "backward_observed", "search_rounds", "search_bytes", "violations", "attacks", "error"}) {
      EXPECT_EQ(a[field], b[field]) << field;
    }
  }
  auto bad = Run({"overview", Path("overview.toml"), "--out", Path("out4"), "--jobs", "x"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_THAT(bad.err, HasSubstr("--jobs"));
}

// File injection, run live: both orders recover every search on plaintext; static
// schemes are not applicable; the other attacks still need their name and transcript.
TEST_F(LeakageCliTest, InjectRecoversPlaintextSearches) {
  auto r =
      Run({"leakage", "attack", "inject", "--scheme", "plaintext", "--corpus",
           "synth:docs=60,keywords=40,pairs=300,seed=2", "--universe", "30", "--searches", "10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("plaintext  binary   inject-first  5"));
  EXPECT_THAT(r.out, HasSubstr("plaintext  binary   search-first  5"));
  EXPECT_THAT(r.out, HasSubstr("10 (10 guessed)  1.000"));
  auto json = Run({"leakage", "attack", "inject", "--scheme", "plaintext", "--corpus",
                   "synth:docs=60,keywords=40,pairs=300,seed=2", "--universe", "30", "--searches",
                   "10", "--variant", "threshold", "--threshold", "4", "--order", "inject-first",
                   "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto j = nlohmann::json::parse(json.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["injected_documents"], 14);  // groups of 7: four of 3 bits, one of 2
  EXPECT_LE(j[0]["max_keywords_per_document"], 4);
  EXPECT_EQ(j[0]["recovered"], 10);
  auto fixed = Run({"leakage", "attack", "inject", "--scheme", "pibas", "--corpus", kCorpus});
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
  EXPECT_THAT(fixed.out, HasSubstr("not applicable: static scheme"));
  EXPECT_EQ(Run({"leakage", "attack", "--transcript", Path("x.tr")}).exit_code, 2);
  EXPECT_EQ(Run({"leakage", "attack", "count"}).exit_code, 2);
}

}  // namespace
}  // namespace sselab
