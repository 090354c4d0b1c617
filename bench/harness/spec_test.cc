#include "bench/harness/spec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sselab::harness {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kGood = R"(
name = "t"
seed = 3
[corpus.synth]
docs = 100
keywords = 50
pairs = 1000
zipf = 1.2
plant = [10, 100]
[store]
block_cache_mb = 8
[[scheme]]
name = "plaintext"
[[scheme]]
name = "pibas"
params = { mode = "hiding" }
[[workload]]
op = "build"
[[workload]]
op = "search"
queries = "planted"
repetitions = 4
)";

TEST(SpecTest, ParsesAFullSpec) {
  auto spec = ParseBenchSpec(kGood, "dir/t.toml");
  ASSERT_TRUE(spec.ok()) << spec.error().ToString();
  EXPECT_EQ(spec->name, "t");
  EXPECT_EQ(spec->seed, 3u);
  ASSERT_TRUE(spec->synth.has_value());
  EXPECT_EQ(spec->synth->plant, (std::vector<uint64_t>{10, 100}));
  EXPECT_DOUBLE_EQ(spec->synth->zipf, 1.2);
  EXPECT_EQ(spec->store.block_cache_bytes, 8u << 20);
  ASSERT_EQ(spec->schemes.size(), 2u);
  EXPECT_EQ(spec->schemes[1].Label(), "pibas[mode=hiding]");
  ASSERT_EQ(spec->workloads.size(), 2u);
  EXPECT_EQ(spec->workloads[1].queries, Workload::Queries::kPlanted);
  EXPECT_EQ(spec->workloads[1].repetitions, 4u);
}

TEST(SpecTest, RelativeCorpusFileResolvesAgainstTheSpec) {
  auto spec = ParseBenchSpec(
      "[corpus]\nfile = \"c.jsonl\"\n[[scheme]]\nname = \"pibas\"\n[[workload]]\nop = \"build\"\n",
      "exp/spec.toml");
  ASSERT_TRUE(spec.ok()) << spec.error().ToString();
  EXPECT_EQ(*spec->corpus_file, std::filesystem::path("exp/c.jsonl"));
}

struct BadSpec {
  std::string from, to, expected;
};

class BadSpecTest : public ::testing::TestWithParam<BadSpec> {};

TEST_P(BadSpecTest, IsRejectedNamingTheKey) {
  std::string text(kGood);
  size_t at = text.find(GetParam().from);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, GetParam().from.size(), GetParam().to);
  auto spec = ParseBenchSpec(text, "t.toml");
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(spec.error().message(), HasSubstr(GetParam().expected));
}

INSTANTIATE_TEST_SUITE_P(
    Keys, BadSpecTest,
    ::testing::Values(BadSpec{"seed = 3", "sed = 3", "sed (line 3): unknown key"},
                      BadSpec{"zipf = 1.2", "zipf = \"x\"", "corpus.synth.zipf"},
                      BadSpec{"docs = 100", "docs = -1", "corpus.synth.docs"},
                      BadSpec{"docs = 100", "docs = 100\ncolour = 1", "corpus.synth.colour"},
                      BadSpec{"block_cache_mb = 8", "block_cache = 8", "store.block_cache"},
                      BadSpec{"op = \"build\"", "op = \"bild\"", "workload.op"},
                      BadSpec{"queries = \"planted\"", "queries = \"all\"", "workload.queries"},
                      BadSpec{"repetitions = 4", "repetitions = 0", "workload.repetitions"},
                      BadSpec{"name = \"pibas\"", "nam = \"pibas\"", "scheme.name"},
                      BadSpec{"plant = [10, 100]", "plant = [10, 1000]", "planted size 1000"},
                      BadSpec{"[store]", "[store", "line"}));

}  // namespace
}  // namespace sselab::harness
