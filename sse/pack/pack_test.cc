// Π_pack end to end, with tiny blocks so multi-block lists and exact block boundaries
// are hit, in both modes, against an oracle.
#include <gtest/gtest.h>

#include <algorithm>

#include "sse/pack/pack_block.h"
#include "sse/pack/pack_messages.h"
#include "sse/pack/pack_scheme.h"
#include "sse/pack/pack_testing.h"

namespace sselab::sse::pack {
namespace {

using sse::testing::CorpusWithLengths;
using sse::testing::Harness;

class PackTest : public ::testing::TestWithParam<std::tuple<std::string, int>> {
 protected:
  std::string mode() const { return std::get<0>(GetParam()); }
  size_t block_ids() const { return static_cast<size_t>(std::get<1>(GetParam())); }
};

TEST_P(PackTest, EveryListLengthAroundBlockBoundaries) {
  const size_t b = block_ids();
  std::vector<size_t> lengths;
  for (size_t k = 1; k <= 3 * b + 1; ++k) lengths.push_back(k);
  std::map<std::string, std::vector<index::DocId>> oracle;
  index::VectorDocumentSource source(CorpusWithLengths(lengths, oracle));
  Harness h;
  ASSERT_TRUE(h.Open(PackScheme(), {"mode=" + mode(), "block_ids=" + std::to_string(b)}).ok());
  auto stats = h.client->Build(source, {});
  ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  for (const auto& [w, ids] : oracle) {
    auto got = h.client->Search(w);
    ASSERT_TRUE(got.ok()) << got.error().ToString();
    EXPECT_EQ(*got, ids) << w;
  }
  auto absent = h.client->Search("len0");
  ASSERT_TRUE(absent.ok());
  EXPECT_TRUE(absent->empty());

  // One entry per block of each list, every entry padded to the same size.
  size_t blocks = 0;
  for (size_t k : lengths) blocks += (k + b - 1) / b;
  EXPECT_EQ(h.ValueSizes(kTable), (std::map<size_t, size_t>{{BlockBytes(b), blocks}}));
}

INSTANTIATE_TEST_SUITE_P(ModesAndBlocks, PackTest,
                         ::testing::Combine(::testing::Values("revealing", "hiding"),
                                            ::testing::Values(1, 2, 3, 8)),
                         [](const auto& p) {
                           return std::get<0>(p.param) + "_B" +
                                  std::to_string(std::get<1>(p.param));
                         });

TEST(PackParamsTest, BadBlockSizesAreRejectedNamingTheParameter) {
  for (const char* bad : {"block_ids=0", "block_ids=-3", "block_ids=x", "block_ids=65537"}) {
    Harness h;
    Status s = h.Open(PackScheme(), {bad});
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(s.error().ToString().find("block_ids"), std::string::npos);
  }
}

TEST(PackParamsTest, DefaultsAreDocumented) {
  Harness h;
  ASSERT_TRUE(h.Open(PackScheme(), {}).ok());
  EXPECT_EQ(h.params.Get("mode"), "revealing");
  EXPECT_EQ(h.params.Get("block_ids"), std::to_string(kDefaultBlockIds));
}

TEST(PackServerTest, HidingRepliesCarryOnlySealedBlocks) {
  std::map<std::string, std::vector<index::DocId>> oracle;
  index::VectorDocumentSource source(CorpusWithLengths({5}, oracle));
  Harness h;
  ASSERT_TRUE(h.Open(PackScheme(), {"mode=hiding", "block_ids=2"}).ok());
  ASSERT_TRUE(h.client->Build(source, {}).ok());
  index::RecordingChannel recording(*h.channel);
  auto client = PackScheme().new_client({h.params, &h.key, recording});
  ASSERT_TRUE(client.ok());
  ASSERT_EQ(*(*client)->Search("len5"), oracle["len5"]);
  auto messages = recording.Messages();
  ASSERT_EQ(messages.size(), 1u);
  // status byte, varint 3, three sealed blocks; no id in the clear.
  EXPECT_EQ(messages[0].reply.size(), 1 + 1 + 3 * BlockBytes(2));
  for (index::DocId id : oracle["len5"]) {
    Bytes be(8);
    for (int i = 0; i < 8; ++i) be[i] = static_cast<uint8_t>(id >> (56 - 8 * i));
    EXPECT_EQ(std::search(messages[0].reply.begin(), messages[0].reply.end(), be.begin(), be.end()),
              messages[0].reply.end());
  }
}

}  // namespace
}  // namespace sselab::sse::pack
