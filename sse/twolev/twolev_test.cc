// Π_2lev end to end with tiny b and B so that small, medium and large lists, and lengths
// exactly at each threshold and block boundary, are all hit, in both modes.
#include <gtest/gtest.h>

#include "sse/pack/pack_block.h"
#include "sse/pack/pack_testing.h"
#include "sse/twolev/twolev_layout.h"
#include "sse/twolev/twolev_messages.h"
#include "sse/twolev/twolev_scheme.h"

namespace sselab::sse::twolev {
namespace {

using sse::testing::CorpusWithLengths;
using sse::testing::Harness;

struct Shapes {
  uint64_t b;
  uint64_t big_b;
};

class TwolevTest : public ::testing::TestWithParam<std::tuple<std::string, Shapes>> {
 protected:
  std::string mode() const { return std::get<0>(GetParam()); }
  Geometry geometry() const { return {std::get<1>(GetParam()).b, std::get<1>(GetParam()).big_b}; }
  std::vector<std::string> Assignments() const {
    return {"mode=" + mode(), "dict_ids=" + std::to_string(geometry().dict_ids),
            "block_ids=" + std::to_string(geometry().block_ids)};
  }
};

TEST_P(TwolevTest, EveryListLengthUpToTheMaximum) {
  const Geometry g = geometry();
  std::vector<size_t> lengths;
  for (size_t k = 1; k <= g.MaxLarge(); ++k) lengths.push_back(k);
  std::map<std::string, std::vector<index::DocId>> oracle;
  index::VectorDocumentSource source(CorpusWithLengths(lengths, oracle));
  Harness h;
  ASSERT_TRUE(h.Open(TwolevScheme(), Assignments()).ok());
  auto stats = h.client->Build(source, {});
  ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  for (const auto& [w, ids] : oracle) {
    auto got = h.client->Search(w);
    ASSERT_TRUE(got.ok()) << w << ": " << got.error().ToString();
    EXPECT_EQ(*got, ids) << w;
  }
  auto absent = h.client->Search("len0");
  ASSERT_TRUE(absent.ok());
  EXPECT_TRUE(absent->empty());

  // One uniform dictionary entry per keyword; uniform array blocks, as many as planned.
  size_t array_blocks = 0;
  std::map<Shape, int> shapes;
  for (size_t k : lengths) {
    Layout l = *PlanList(k, g);
    array_blocks += l.id_blocks + l.pointer_blocks;
    ++shapes[l.shape];
  }
  EXPECT_EQ(h.ValueSizes(kDictTable),
            (std::map<size_t, size_t>{{1 + pack::BlockBytes(g.dict_ids), lengths.size()}}));
  std::map<size_t, size_t> expected_array;
  if (array_blocks > 0) expected_array[pack::BlockBytes(g.block_ids)] = array_blocks;
  EXPECT_EQ(h.ValueSizes(kArrayTable), expected_array);
  if (g.block_ids > 1) {
    EXPECT_GT(shapes[Shape::kSmall], 0);
    EXPECT_GT(shapes[Shape::kMedium], 0);
    EXPECT_GT(shapes[Shape::kLarge], 0);
  }
}

TEST_P(TwolevTest, ListLongerThanTheMaximumFailsTheBuild) {
  std::map<std::string, std::vector<index::DocId>> oracle;
  index::VectorDocumentSource source(
      CorpusWithLengths({1, static_cast<size_t>(geometry().MaxLarge()) + 1}, oracle));
  Harness h;
  ASSERT_TRUE(h.Open(TwolevScheme(), Assignments()).ok());
  auto stats = h.client->Build(source, {});
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.error().code(), ErrorCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(ModesAndGeometries, TwolevTest,
                         ::testing::Combine(::testing::Values("revealing", "hiding"),
                                            ::testing::Values(Shapes{1, 1}, Shapes{2, 2},
                                                              Shapes{2, 3}, Shapes{3, 2},
                                                              Shapes{1, 4})),
                         [](const auto& p) {
                           const Shapes& s = std::get<1>(p.param);
                           return std::get<0>(p.param) + "_b" + std::to_string(s.b) + "_B" +
                                  std::to_string(s.big_b);
                         });

TEST(TwolevParamsTest, BadSizesAreRejectedNamingTheParameter) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"dict_ids=0", "dict_ids"},       {"dict_ids=4097", "dict_ids"},
      {"dict_ids=two", "dict_ids"},     {"block_ids=0", "block_ids"},
      {"block_ids=65537", "block_ids"}, {"block_ids=1.5", "block_ids"}};
  for (const auto& [bad, name] : cases) {
    Harness h;
    Status s = h.Open(TwolevScheme(), {bad});
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(s.error().ToString().find(name), std::string::npos) << s.error().ToString();
  }
}

TEST(TwolevParamsTest, Defaults) {
  Harness h;
  ASSERT_TRUE(h.Open(TwolevScheme(), {}).ok());
  EXPECT_EQ(h.params.Get("mode"), "revealing");
  EXPECT_EQ(h.params.Get("dict_ids"), std::to_string(kDefaultDictIds));
  EXPECT_EQ(h.params.Get("block_ids"), std::to_string(kDefaultBlockIds));
}

TEST(TwolevServerTest, DanglingPointerIsCorruptionNotACrash) {
  std::map<std::string, std::vector<index::DocId>> oracle;
  index::VectorDocumentSource source(CorpusWithLengths({5}, oracle));
  Harness h;
  ASSERT_TRUE(h.Open(TwolevScheme(), {"dict_ids=2", "block_ids=2"}).ok());
  ASSERT_TRUE(h.client->Build(source, {}).ok());
  ASSERT_EQ(*h.client->Search("len5"), oracle["len5"]);
  // Remove one array block: the search now fails cleanly.
  std::vector<Bytes> keys;
  ASSERT_TRUE(h.store
                  ->Scan(kArrayTable, {},
                         [&keys](ByteView k, ByteView) {
                           keys.push_back(ToBytes(k));
                           return true;
                         })
                  .ok());
  ASSERT_FALSE(keys.empty());
  ASSERT_TRUE(h.store->Erase(kArrayTable, keys[0]).ok());
  auto r = h.client->Search("len5");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kCorruption);
}

}  // namespace
}  // namespace sselab::sse::twolev
