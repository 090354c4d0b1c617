// Network mode end to end over loopback: every registered scheme, in each of its modes,
// built, updated (where dynamic) and searched through a NetServer, with the answers of the
// same index built in-process; and the grants, from the client's side and the server's log.
#include "net/remote.h"

#include <gtest/gtest.h>

#include "index/encrypted_index.h"
#include "index/setup_protocol.h"
#include "net/testing/test_server.h"
#include "schemes/builtin.h"
#include "schemes/variants.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/variant_name.h"

namespace sselab::net {
namespace {

using index::EncryptedIndex;
using schemes::Variant;
using sselab::testing::TempDir;

class RemoteSchemeTest : public testing::SharedServerTest<Variant> {};

std::string IndexName(const Variant& v) { return sselab::testing::VariantTestName(v); }

void ExpectSameAnswers(EncryptedIndex& remote, EncryptedIndex& local,
                       const std::vector<std::string>& vocabulary, const std::string& when) {
  for (const std::string& keyword : vocabulary) {
    auto want = local.Search(keyword);
    auto got = remote.Search(keyword);
    ASSERT_TRUE(want.ok()) << want.error().ToString();
    ASSERT_TRUE(got.ok()) << when << ": " << got.error().ToString();
    EXPECT_EQ(*got, *want) << when << ", keyword " << keyword;
  }
}

TEST_P(RemoteSchemeTest, AnswersEqualTheInProcessIndex) {
  const Variant& v = GetParam();
  const auto& entry = **schemes::BuiltinRegistry().Find(v.scheme);
  // The schemes whose operations cost milliseconds (a search linear in the index, or
  // Orion's ORAM paths) get a small corpus: they test the channel, not the scheme.
  const bool linear = entry.info.capabilities.linear_search || v.scheme == "orion";
  auto corpus =
      sselab::testing::MakeRandomCorpus(linear ? sselab::testing::CorpusShape{"d", 5, 4, 3}
                                               : sselab::testing::CorpusShape{"d", 40, 25, 6},
                                        7);
  TempDir local_dir;
  TempDir client_dir;
  auto remote = ConnectRemote(server_->Remote("admin", IndexName(v)));
  ASSERT_TRUE(remote.ok()) << remote.error().ToString();
  std::unique_ptr<EncryptedIndex> local, remote_index;
  {
    index::VectorDocumentSource a(corpus.docs), b(corpus.docs);
    auto l = EncryptedIndex::Create(
        schemes::BuiltinRegistry(),
        {.scheme = v.scheme, .params = v.params, .dir = local_dir / "db"}, a);
    ASSERT_TRUE(l.ok()) << l.error().ToString();
    local = std::move(l).value();
    // The same key on both sides, so that the two indexes are the same index.
    const bool keyed = entry.info.needs_key;
    auto r = EncryptedIndex::Create(
        schemes::BuiltinRegistry(),
        {.scheme = v.scheme,
         .params = v.params,
         .dir = client_dir / "db",
         .key_path = keyed ? local_dir / "db" / "client" / "key" : std::filesystem::path(),
         .remote = *remote},
        b);
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    remote_index = std::move(r).value();
  }
  EXPECT_FALSE(std::filesystem::exists(client_dir / "db" / "server"));
  EXPECT_TRUE(std::filesystem::exists(EncryptedIndex::RemoteConfigPath(client_dir / "db")));
  ExpectSameAnswers(*remote_index, *local, corpus.vocabulary, "after the build");

  if (entry.info.capabilities.dynamic) {
    auto more = sselab::testing::MakeRandomCorpus({"u", linear ? 3u : 20u, 25, 5}, 8);
    for (auto* idx : {local.get(), remote_index.get()}) {
      index::VectorDocumentSource docs(more.docs);
      auto stats = idx->Update(index::UpdateKind::kAdd, docs, {.batch_pairs = 16});
      ASSERT_TRUE(stats.ok()) << stats.error().ToString();
    }
    ExpectSameAnswers(*remote_index, *local, corpus.vocabulary, "after adds");
    if (entry.info.capabilities.deletions) {
      std::vector<index::Document> gone(corpus.docs.begin(), corpus.docs.begin() + 2);
      for (auto* idx : {local.get(), remote_index.get()}) {
        ASSERT_TRUE(idx->UpdateBatch(index::UpdateKind::kRemove, gone).ok());
      }
      ExpectSameAnswers(*remote_index, *local, corpus.vocabulary, "after removals");
    }
  }
  ASSERT_TRUE(remote_index->Flush().ok());
  EXPECT_GT(remote_index->Sizes().server_bytes, 0u);
  // A later process: DIR/client/remote.json says where the server half is.
  remote_index.reset();
  const std::filesystem::path key =
      entry.info.needs_key ? local_dir / "db" / "client" / "key" : std::filesystem::path();
  auto reopened =
      OpenIndex(schemes::BuiltinRegistry(), {.dir = client_dir / "db", .key_path = key});
  ASSERT_TRUE(reopened.ok()) << reopened.error().ToString();
  ExpectSameAnswers(**reopened, *local, corpus.vocabulary, "after reopening");
  // Without the network client, the index is refused with a clear reason.
  auto plain =
      EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = client_dir / "db", .key_path = key});
  ASSERT_FALSE(plain.ok());
  EXPECT_EQ(plain.error().code(), ErrorCode::kFailedPrecondition);
}

INSTANTIATE_TEST_SUITE_P(AllSchemes, RemoteSchemeTest,
                         ::testing::ValuesIn(schemes::AllVariants(schemes::BuiltinRegistry())),
                         [](const auto& param_info) {
                           return sselab::testing::VariantTestName(param_info.param);
                         });

class RemoteGrantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<testing::TestServer>(dir_);
    index::VectorDocumentSource docs(corpus_.docs);
    auto remote = ConnectRemote(server_->Remote("admin", "shared"));
    ASSERT_TRUE(remote.ok());
    auto built = EncryptedIndex::Create(
        schemes::BuiltinRegistry(),
        {.scheme = "diana", .dir = dir_ / "admin-db", .remote = *remote}, docs);
    ASSERT_TRUE(built.ok()) << built.error().ToString();
  }
  // A client of `identity` for the index built above: its key and client directory are
  // a copy of the admin's (sharing them is how several clients use one index).
  std::unique_ptr<EncryptedIndex> OpenAs(const std::string& identity, Result<bool>* status) {
    const auto db = dir_ / (identity + "-db");
    std::filesystem::copy(dir_ / "admin-db", db, std::filesystem::copy_options::recursive);
    auto remote = ConnectRemote(server_->Remote(identity, "shared"));
    EXPECT_TRUE(remote.ok());
    auto idx = EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = db, .remote = *remote});
    if (!idx.ok()) {
      *status = idx.error();
      return nullptr;
    }
    *status = true;
    return std::move(idx).value();
  }

  TempDir dir_;
  sselab::testing::OracleCorpus corpus_ = sselab::testing::MakeRandomCorpus({"g", 20, 10, 4}, 3);
  std::unique_ptr<testing::TestServer> server_;
};

TEST_F(RemoteGrantsTest, SearchGrantSearchesButCannotUpdate) {
  Result<bool> opened = false;
  auto idx = OpenAs("reader", &opened);
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  auto ids = idx->Search("kw1");
  ASSERT_TRUE(ids.ok()) << ids.error().ToString();
  EXPECT_EQ(*ids, corpus_.Expected("kw1"));
  index::Document doc{.id = 42, .keywords = {"kw1"}};
  Status update = idx->UpdateBatch(index::UpdateKind::kAdd, {&doc, 1});
  ASSERT_FALSE(update.ok());
  EXPECT_EQ(update.error().code(), ErrorCode::kPermissionDenied) << update.error().ToString();
  EXPECT_NE(update.error().message().find("update grant"), std::string::npos);
  EXPECT_NE(server_->Log().find("denied: reader"), std::string::npos) << server_->Log();
  // Nothing changed on the server: the admin's copy of the index finds what it found.
  auto remote = ConnectRemote(server_->Remote("admin", "shared"));
  ASSERT_TRUE(remote.ok());
  auto admin = EncryptedIndex::Open(schemes::BuiltinRegistry(),
                                    {.dir = dir_ / "admin-db", .remote = *remote});
  ASSERT_TRUE(admin.ok()) << admin.error().ToString();
  auto again = (*admin)->Search("kw1");
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(*again, corpus_.Expected("kw1"));
}

TEST_F(RemoteGrantsTest, IdentityWithoutGrantIsDenied) {
  Result<bool> opened = false;
  auto idx = OpenAs("stranger", &opened);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code(), ErrorCode::kPermissionDenied) << opened.error().ToString();
  EXPECT_NE(server_->Log().find("denied: stranger"), std::string::npos) << server_->Log();
}

TEST_F(RemoteGrantsTest, GrantForAnotherIndexOnlyIsDenied) {
  // reader holds search on "shared" only.
  auto remote = ConnectRemote(server_->Remote("reader", "private"));
  ASSERT_TRUE(remote.ok());
  Status created = (*remote)->CreateIndex("pibas", {});
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code(), ErrorCode::kPermissionDenied);
  auto listed = ListRemoteIndexes(server_->Remote("reader", "shared"));
  ASSERT_TRUE(listed.ok()) << listed.error().ToString();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().name, "shared");
  EXPECT_EQ(listed->front().scheme, "diana");
}

TEST_F(RemoteGrantsTest, AFailedBuildLeavesNothingOnTheServer) {
  auto remote = ConnectRemote(server_->Remote("admin", "broken"));
  ASSERT_TRUE(remote.ok());
  std::vector<index::Document> docs = corpus_.docs;
  docs[5].keywords.push_back(std::string(index::kMaxKeywordBytes + 1, 'x'));
  index::VectorDocumentSource source(docs);
  auto built = EncryptedIndex::Create(
      schemes::BuiltinRegistry(), {.scheme = "pibas", .dir = dir_ / "broken-db", .remote = *remote},
      source);
  ASSERT_FALSE(built.ok());
  EXPECT_FALSE(std::filesystem::exists(dir_ / "broken-db"));
  auto listed = ListRemoteIndexes(server_->Remote("admin", "shared"));
  ASSERT_TRUE(listed.ok());
  for (const auto& info : *listed) EXPECT_NE(info.name, "broken");
}

// Forwards to a real RemoteServer; its channels restart the server right after the
// first setup message has been answered.
class RestartingRemote final : public index::RemoteServer {
 public:
  RestartingRemote(std::shared_ptr<index::RemoteServer> inner, testing::TestServer& server)
      : inner_(std::move(inner)), server_(server) {}
  Status CreateIndex(std::string_view scheme, const index::Params& params) override {
    return inner_->CreateIndex(scheme, params);
  }
  Status CheckIndex(std::string_view scheme) override { return inner_->CheckIndex(scheme); }
  Status DropIndex() override { return inner_->DropIndex(); }
  Result<std::unique_ptr<index::Channel>> NewChannel() override {
    SSELAB_ASSIGN_OR_RETURN(channel_, inner_->NewChannel());
    return std::unique_ptr<index::Channel>(std::make_unique<Restarting>(*this));
  }
  Status Flush() override { return inner_->Flush(); }
  Result<uint64_t> ServerBytes() override { return inner_->ServerBytes(); }
  std::string Where() const override { return inner_->Where(); }
  std::string ConfigJson() const override { return inner_->ConfigJson(); }

 private:
  struct Restarting final : index::Channel {
    explicit Restarting(RestartingRemote& remote) : remote_(remote) {}
    Result<Bytes> Call(ByteView request) override {
      auto reply = remote_.channel_->Call(request);
      if (!remote_.restarted_ && request.size() >= 2 && request[1] == index::kSetupEntries) {
        remote_.restarted_ = true;
        remote_.server_.Restart();
      }
      return reply;
    }
    RestartingRemote& remote_;
  };
  std::shared_ptr<index::RemoteServer> inner_;
  testing::TestServer& server_;
  std::unique_ptr<index::Channel> channel_;
  bool restarted_ = false;
};

TEST(RemoteRestartTest, ABuildInterruptedByARestartPublishesNothing) {
  TempDir dir;
  testing::TestServer server(dir);
  auto remote = ConnectRemote(server.Remote("admin", "half"));
  ASSERT_TRUE(remote.ok());
  // Small chunks: the upload takes several setup messages.
  auto corpus = sselab::testing::MakeRandomCorpus({"r", 400, 100, 8}, 4);
  index::VectorDocumentSource docs(corpus.docs);
  auto built =
      EncryptedIndex::Create(schemes::BuiltinRegistry(),
                             {.scheme = "plaintext",
                              .dir = dir / "db",
                              .remote = std::make_shared<RestartingRemote>(*remote, server)},
                             docs);
  ASSERT_FALSE(built.ok()) << "a build the server's restart interrupted succeeded";
  if (built.error().code() == ErrorCode::kFailedPrecondition) {
    EXPECT_NE(built.error().message().find("restarted"), std::string::npos)
        << built.error().ToString();
  } else {
    EXPECT_EQ(built.error().code(), ErrorCode::kUnavailable) << built.error().ToString();
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "db"));
  auto listed = ListRemoteIndexes(server.Remote("admin", "x"));
  ASSERT_TRUE(listed.ok()) << listed.error().ToString();
  for (const auto& info : *listed) EXPECT_NE(info.name, "half");
}

}  // namespace
}  // namespace sselab::net
