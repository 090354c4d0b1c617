#include "bench/harness/provenance.h"

#include <gtest/gtest.h>

namespace sselab::harness {
namespace {

TEST(ProvenanceTest, IsAnObjectWithTheFieldsResultsNeed) {
  BenchSpec spec;
  spec.name = "x";
  spec.text = "name = \"x\"";
  nlohmann::json j = Provenance(spec, "synth:docs=1", "abcd");
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["type"], "provenance");
  EXPECT_EQ(j["corpus_sha256"], "abcd");
  EXPECT_TRUE(j["store"].is_object());
  for (const char* key : {"spec", "git_revision", "compiler", "cpu", "started_utc"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
}

}  // namespace
}  // namespace sselab::harness
