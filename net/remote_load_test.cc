// Load on loopback, bounded in count and time: 1, 8 and 32 concurrent clients, each with
// its own connection, mixing searches of one shared static index with updates and
// searches of a dynamic index of its own; every answer is checked against an oracle and
// nothing acknowledged may be missing at the end.
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>

#include "net/remote.h"
#include "net/testing/test_server.h"
#include "schemes/builtin.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"

namespace sselab::net {
namespace {

namespace fs = std::filesystem;
using index::EncryptedIndex;
using sselab::testing::TempDir;

class RemoteLoadTest : public ::testing::TestWithParam<int> {};

TEST_P(RemoteLoadTest, ConcurrentClientsGetEveryAnswerRight) {
  const int clients = GetParam();
  TempDir dir;
  testing::TestServer server(dir);
  const auto shared_corpus = sselab::testing::MakeRandomCorpus({"s", 60, 20, 5}, 11);
  {
    auto remote = ConnectRemote(server.Remote("admin", "shared"));
    ASSERT_TRUE(remote.ok());
    index::VectorDocumentSource docs(shared_corpus.docs);
    auto built = EncryptedIndex::Create(
        schemes::BuiltinRegistry(),
        {.scheme = "pibas", .dir = dir / "shared-db", .remote = *remote}, docs);
    ASSERT_TRUE(built.ok()) << built.error().ToString();
  }
  std::atomic<int> failures{0};
  std::atomic<int> checked{0};
  auto client = [&](int c) {
    auto fail = [&](const std::string& what) {
      ADD_FAILURE() << "client " << c << ": " << what;
      ++failures;
    };
    // Its own copy of the shared index's client directory, and its own connection.
    const fs::path shared = dir / ("shared-" + std::to_string(c));
    fs::copy(dir / "shared-db", shared, fs::copy_options::recursive);
    auto shared_remote = ConnectRemote(server.Remote("admin", "shared"));
    auto own_remote = ConnectRemote(server.Remote("admin", "own" + std::to_string(c)));
    if (!shared_remote.ok() || !own_remote.ok()) return fail("connect");
    auto reader =
        EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = shared, .remote = *shared_remote});
    if (!reader.ok()) return fail(reader.error().ToString());
    std::mt19937_64 rng(static_cast<uint64_t>(c));
    sselab::testing::OracleCorpus own = sselab::testing::MakeRandomCorpus({"o", 10, 8, 3}, rng());
    index::VectorDocumentSource docs(own.docs);
    auto writer = EncryptedIndex::Create(
        schemes::BuiltinRegistry(),
        {.scheme = "diana", .dir = dir / ("own-" + std::to_string(c)), .remote = *own_remote},
        docs);
    if (!writer.ok()) return fail(writer.error().ToString());
    index::DocId next = 1'000'000 * static_cast<index::DocId>(c + 1);
    for (int op = 0; op < 12; ++op) {
      const auto& kw = shared_corpus.vocabulary[rng() % shared_corpus.vocabulary.size()];
      auto found = (*reader)->Search(kw);
      if (!found.ok() || *found != shared_corpus.Expected(kw)) return fail("shared search " + kw);
      index::Document doc{next++, {own.vocabulary[rng() % own.vocabulary.size()]}};
      if (!(*writer)->UpdateBatch(index::UpdateKind::kAdd, {&doc, 1}).ok()) return fail("add");
      own.postings[doc.keywords[0]].insert(doc.id);
      const auto& mine = own.vocabulary[rng() % own.vocabulary.size()];
      auto got = (*writer)->Search(mine);
      if (!got.ok() || *got != own.Expected(mine)) return fail("own search " + mine);
      checked += 2;
    }
    for (const auto& kw : own.vocabulary) {
      auto got = (*writer)->Search(kw);
      if (!got.ok() || *got != own.Expected(kw)) return fail("final search " + kw);
    }
  };
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) threads.emplace_back(client, c);
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(checked.load(), clients * 24);
}

INSTANTIATE_TEST_SUITE_P(Clients, RemoteLoadTest, ::testing::Values(1, 8, 32));

}  // namespace
}  // namespace sselab::net
