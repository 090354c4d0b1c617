// `sselab index add` killed with SIGKILL at random points of a long add, several times
// (each dynamic scheme with client state):
// after each kill the index opens (completing the interrupted batch), nothing found is
// wrong, and every pair of the build is still found; re-running the add with another
// batch size (so that counters fall on other pairs than before) makes every pair found.
// A counter that rolled back behind the server would overwrite entries of earlier
// batches with other ids, and the final check would miss them.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <thread>

#include "base/codec.h"
#include "index/corpus.h"
#include "index/encrypted_index.h"
#include "schemes/builtin.h"
#include "storage/rocks_store.h"
#include "tests/integration/cli_runner.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"

namespace sselab {
namespace {

namespace fs = std::filesystem;

void WriteCorpus(const std::vector<index::Document>& docs, const fs::path& path) {
  std::ofstream out(path);
  for (const auto& d : docs) {
    out << "{\"id\":" << d.id << ",\"keywords\":[";
    for (size_t i = 0; i < d.keywords.size(); ++i) {
      out << (i ? "," : "") << "\"kw" << d.keywords[i].substr(2) << "\"";
    }
    out << "]}\n";
  }
}

pid_t StartAdd(const fs::path& db, const fs::path& corpus, int batch_pairs) {
  const char* env = std::getenv("SSELAB_BIN");
  std::vector<std::string> argv = {std::string(env ? env : SSELAB_BIN_DIR) + "/sselab",
                                   "index",
                                   "add",
                                   "--db",
                                   db.string(),
                                   "--corpus",
                                   corpus.string(),
                                   "--batch-pairs",
                                   std::to_string(batch_pairs)};
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::freopen("/dev/null", "w", stderr) == nullptr) ::_exit(126);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

// Entries the server holds, and the sum of the client's counters: equal when every batch
// whose counters were committed reached the server (and no token was used twice).
void ExpectServerMatchesCounters(const fs::path& db, const std::string& table, int round) {
  uint64_t entries = 0, counted = 0;
  {
    auto server = storage::OpenRocksStore(db / "server");
    ASSERT_TRUE(server.ok()) << server.error().ToString();
    ASSERT_TRUE((*server)
                    ->Scan(table, {},
                           [&](ByteView, ByteView) {
                             ++entries;
                             return true;
                           })
                    .ok());
  }
  auto state = storage::OpenRocksStore(db / "client" / "state");
  ASSERT_TRUE(state.ok()) << state.error().ToString();
  ASSERT_TRUE((*state)
                  ->Scan("counters", {},
                         [&](ByteView, ByteView v) {
                           ByteReader r(v, "counter");
                           counted += r.Varint().value();
                           return true;
                         })
                  .ok());
  EXPECT_EQ(entries, counted) << "round " << round;
}

// A scheme under test and the size of its workload. `table`: for schemes whose update
// tokens derive from per-keyword counters, the table holding one entry per update (its
// entries must match the counters after every kill); empty for Orion, whose check is the
// oracle's (an interrupted operation is run again at the open, pending_operation.h).
struct KilledCase {
  std::string scheme;
  std::string table;
  std::vector<std::string> params;
  int docs = 6000;  // `built` built, the rest added
  int built = 500;
  size_t keywords = 20;    // per document
  int batch_pairs = 500;   // the first round's; later rounds add 137 each
  int kill_after_ms = 40;  // the kill comes after this, plus up to kill_spread_ms
  int kill_spread_ms = 200;
  size_t checked_keywords = 200;  // searched after each kill (all 200 at the end)
};

void PrintTo(const KilledCase& s, std::ostream* os) { *os << s.scheme; }

class KilledUpdateTest : public ::testing::TestWithParam<KilledCase> {};

TEST_P(KilledUpdateTest, KilledAddsLoseNothingAcknowledgedAndNeverReuseATokenSlot) {
  const KilledCase& c = GetParam();
  testing::TempDir dir;
  // Keywords kw0..kw199 only (a plain vocabulary for the JSON writer).
  testing::OracleCorpus all;
  {
    std::mt19937_64 rng(8);
    for (int d = 0; d < c.docs; ++d) {
      index::Document doc{rng(), {}};
      std::set<std::string> kws;
      while (kws.size() < c.keywords) {
        kws.insert("kw" + std::to_string(std::min(rng() % 200, rng() % 200)));
      }
      doc.keywords.assign(kws.begin(), kws.end());
      for (const auto& k : doc.keywords) all.postings[k].insert(doc.id);
      all.docs.push_back(std::move(doc));
    }
    for (int k = 0; k < 200; ++k) all.vocabulary.push_back("kw" + std::to_string(k));
  }
  std::vector<index::Document> built(all.docs.begin(), all.docs.begin() + c.built);
  std::vector<index::Document> added(all.docs.begin() + c.built, all.docs.end());
  testing::OracleCorpus base;
  for (const auto& d : built) {
    for (const auto& k : d.keywords) base.postings[k].insert(d.id);
  }
  const fs::path corpus = dir / "add.jsonl";
  WriteCorpus(added, corpus);
  const fs::path db = dir / "db";
  {
    index::VectorDocumentSource src(built);
    auto idx = index::EncryptedIndex::Create(
        schemes::BuiltinRegistry(), {.scheme = c.scheme, .params = c.params, .dir = db}, src);
    ASSERT_TRUE(idx.ok()) << idx.error().ToString();
  }
  std::mt19937_64 rng(3);
  int killed = 0;
  for (int round = 0; round < 4; ++round) {
    pid_t pid = StartAdd(db, corpus, c.batch_pairs + round * 137);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(
        c.kill_after_ms + static_cast<int>(rng() % static_cast<uint64_t>(c.kill_spread_ms))));
    if (::kill(pid, SIGKILL) == 0) ++killed;
    int status = 0;
    ::waitpid(pid, &status, 0);
    {
      auto idx = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = db});
      ASSERT_TRUE(idx.ok()) << "round " << round << ": " << idx.error().ToString();
      for (size_t i = 0; i < c.checked_keywords; ++i) {
        const std::string& k = all.vocabulary[(i * 7 + static_cast<size_t>(round)) % 200];
        auto ids = (*idx)->Search(k);
        ASSERT_TRUE(ids.ok()) << ids.error().ToString();
        const auto& everything = all.postings[k];
        for (index::DocId id : *ids) ASSERT_TRUE(everything.contains(id)) << "a wrong answer";
        for (index::DocId id : base.Expected(k)) {
          ASSERT_TRUE(std::binary_search(ids->begin(), ids->end(), id)) << "a lost build pair";
        }
      }
    }
    if (!c.table.empty()) ExpectServerMatchesCounters(db, c.table, round);
  }
  EXPECT_GT(killed, 0);
  auto done = testing::RunSselab(
      {"index", "add", "--db", db.string(), "--corpus", corpus.string(), "--batch-pairs", "999"},
      dir.path());
  ASSERT_EQ(done.exit_code, 0) << done.err;
  auto idx = index::EncryptedIndex::Open(schemes::BuiltinRegistry(), {.dir = db});
  ASSERT_TRUE(idx.ok());
  for (const std::string& k : all.vocabulary) {
    auto ids = (*idx)->Search(k);
    ASSERT_TRUE(ids.ok());
    EXPECT_EQ(*ids, all.Expected(k)) << k;
  }
}

// Orion costs a few milliseconds per pair (four times that under the sanitizers): a
// smaller corpus (150 documents of 3 keywords built, 150 added), smaller batches, kills
// spread over its first seconds, a capacity with room for the re-runs (its capacity check
// counts every pair of a batch as new), and 25 keywords searched after each kill (a search
// costs 1 + r map operations).
INSTANTIATE_TEST_SUITE_P(DynamicSchemes, KilledUpdateTest,
                         ::testing::Values(KilledCase{.scheme = "diana", .table = "diana"},
                                           KilledCase{.scheme = "mitra", .table = "mitra"},
                                           KilledCase{.scheme = "orion",
                                                      .params = {"capacity=2^11"},
                                                      .docs = 300,
                                                      .built = 150,
                                                      .keywords = 3,
                                                      .batch_pairs = 40,
                                                      .kill_after_ms = 300,
                                                      .kill_spread_ms = 2000,
                                                      .checked_keywords = 25}),
                         [](const auto& test) { return test.param.scheme; });

}  // namespace
}  // namespace sselab
