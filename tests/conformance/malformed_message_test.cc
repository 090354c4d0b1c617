// Every scheme's server and client against truncated and mutated messages: each is
// rejected with an error or answered, never a crash, and the server's store is unchanged.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "base/codec.h"
#include "index/channel.h"
#include "index/params.h"
#include "schemes/builtin.h"
#include "storage/memory_store.h"
#include "storage/recording_store.h"
#include "tests/testing/damaging_channel.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/store_snapshot.h"

namespace sselab {
namespace {

using testing::Snapshot;
using testing::StoreSnapshot;

using testing::DamagingChannel;

class MalformedMessageTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto entry = schemes::BuiltinRegistry().Find(GetParam());
    ASSERT_TRUE(entry.ok());
    entry_ = *entry;
    auto params = index::Params::Parse(GetParam(), entry_->info.params, {});
    ASSERT_TRUE(params.ok());
    params_ = *params;
    auto server = entry_->new_server({params_, *store_});
    ASSERT_TRUE(server.ok());
    server_ = std::move(server).value();
    local_ = std::make_unique<index::LocalChannel>(*server_);
    recording_ = std::make_unique<index::RecordingChannel>(*local_);
    auto client = entry_->new_client({params_, &key_, *recording_, state_.get()});
    ASSERT_TRUE(client.ok());
    client_ = std::move(client).value();
    // Linear-search schemes pay a pairing per stored entry per search: a smaller corpus.
    corpus_ = entry_->info.capabilities.linear_search
                  ? testing::MakeRandomCorpus({"m", 8, 6, 3}, 17)
                  : testing::MakeRandomCorpus({"m", 30, 20, 5}, 17);
    index::VectorDocumentSource source(corpus_.docs);
    ASSERT_TRUE(client_->Build(source, {}).ok());
  }

  const index::SchemeEntry* entry_ = nullptr;
  index::Params params_;
  crypto::SecretKey key_ = crypto::SecretKey::Generate(32);
  std::unique_ptr<storage::Store> store_ = storage::NewMemoryStore();
  std::unique_ptr<storage::Store> state_ = storage::NewMemoryStore();  // the client's
  std::unique_ptr<index::Server> server_;
  std::unique_ptr<index::LocalChannel> local_;
  std::unique_ptr<index::RecordingChannel> recording_;
  std::unique_ptr<index::Client> client_;
  testing::OracleCorpus corpus_;
};

TEST_P(MalformedMessageTest, DamagedRequestsNeverCrashOrChangeTheStore) {
  recording_->TakeMessages();
  ASSERT_TRUE(client_->Search("everywhere").ok());
  ASSERT_TRUE(client_->Search("kw1").ok());
  auto messages = recording_->TakeMessages();
  ASSERT_FALSE(messages.empty());
  StoreSnapshot before = Snapshot(*store_);
  std::mt19937_64 rng(1);
  size_t rejected = 0;
  // Eight messages of each request type are enough (an ORAM search sends hundreds of
  // ReadPaths of one shape).
  std::map<uint8_t, int> per_type;
  for (const auto& m : messages) {
    if (m.request.size() > 1 && ++per_type[m.request[1]] > 8) continue;
    // Every truncation up to 1 KiB, then 1 024 lengths spread over the rest and the last
    // 64 (a write-back of ORAM buckets is hundreds of kilobytes).
    std::vector<size_t> lengths;
    for (size_t len = 0; len < m.request.size(); ++len) {
      const size_t tail = m.request.size() - len;
      if (len < 1024 || tail <= 64 || len % std::max<size_t>(1, m.request.size() / 1024) == 0) {
        lengths.push_back(len);
      }
    }
    for (size_t len : lengths) {
      Bytes cut(m.request.begin(), m.request.begin() + static_cast<long>(len));
      auto reply = server_->Handle(cut);
      if (!reply.ok()) ++rejected;
      EXPECT_FALSE(reply.ok()) << "a request cut to " << len << " bytes was accepted";
    }
    for (int i = 0; i < 300; ++i) {  // random mutations, extensions
      Bytes bad = m.request;
      bad[rng() % bad.size()] ^= static_cast<uint8_t>(1 + rng() % 255);
      if (i % 3 == 0) bad.push_back(static_cast<uint8_t>(rng()));
      (void)server_->Handle(bad);
    }
  }
  EXPECT_GT(rejected, 0u);
  // Setup messages replayed after the build are refused too.
  ByteWriter setup;
  setup.U8(1);
  setup.U8(0x02);
  EXPECT_FALSE(server_->Handle(setup.bytes()).ok());
  EXPECT_EQ(Snapshot(*store_), before);
}

TEST_P(MalformedMessageTest, DamagedRepliesAreErrorsNotCrashes) {
  for (size_t cut = 1; cut < 12; ++cut) {
    DamagingChannel damaged(*local_, cut, SIZE_MAX);
    auto client = entry_->new_client({params_, &key_, damaged, state_.get()});
    ASSERT_TRUE(client.ok());
    auto r = (*client)->Search("everywhere");
    EXPECT_FALSE(r.ok()) << "cut " << cut;
    if (!r.ok()) {
      EXPECT_EQ(r.error().code(), ErrorCode::kCorruption);
    }
  }
  for (size_t flip = 0; flip < 4; ++flip) {  // header bytes: count and framing
    DamagingChannel damaged(*local_, 0, flip);
    auto client = entry_->new_client({params_, &key_, damaged, state_.get()});
    ASSERT_TRUE(client.ok());
    (void)(*client)->Search("everywhere");  // any answer or error, but no crash
  }
}

INSTANTIATE_TEST_SUITE_P(AllSchemes, MalformedMessageTest,
                         ::testing::ValuesIn(schemes::BuiltinRegistry().Names()));

}  // namespace
}  // namespace sselab
