// `sselab serve --record`: the view a real server records on its side equals, operation by
// operation, the view the in-process lab records for the same workload, except for what
// the server cannot tell (an operation's kind, where its requests do not say it).
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "index/encrypted_index.h"
#include "index/setup_protocol.h"
#include "leakage/analysis.h"
#include "leakage/attack_run.h"
#include "leakage/record_run.h"
#include "leakage/recorder.h"
#include "leakage/server_recorder.h"
#include "leakage/transcript_file.h"
#include "net/remote.h"
#include "net/remote_recording.h"
#include "net/testing/test_server.h"
#include "schemes/builtin.h"
#include "schemes/variants.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/variant_name.h"

namespace sselab::net {
namespace {

using index::EncryptedIndex;
using leakage::OpKind;
using schemes::Variant;
using sselab::testing::TempDir;

// What the server may record for an operation the client knows to be `truth`.
bool KindFits(OpKind recorded, OpKind truth) {
  if (recorded == truth) return true;
  if (recorded == OpKind::kUnknown) return truth != OpKind::kSetup;
  if (recorded == OpKind::kUpdate) return truth == OpKind::kInsert || truth == OpKind::kRemove;
  return false;
}

size_t EntriesOutsideMeta(const leakage::ServerOp& op) {
  size_t n = 0;
  for (const auto& e : op.stored) n += e.table != index::kMetaTable ? 1 : 0;
  return n;
}

// An operation's messages as (elided, request size, reply size), sorted.
std::vector<std::tuple<bool, uint64_t, uint64_t>> MessageShapes(const leakage::ServerOp& op) {
  std::vector<std::tuple<bool, uint64_t, uint64_t>> out;
  for (const auto& m : op.messages) out.emplace_back(m.elided, m.request_size, m.reply_size);
  std::sort(out.begin(), out.end());
  return out;
}

// An operation's store accesses as (kind, table, found), sorted.
std::vector<std::tuple<int, std::string, bool>> AccessShapes(const leakage::ServerOp& op) {
  std::vector<std::tuple<int, std::string, bool>> out;
  for (const auto& a : op.accesses) out.emplace_back(static_cast<int>(a.op), a.table, a.found);
  std::sort(out.begin(), out.end());
  return out;
}

// Drives the same workload through the in-process recorder and a remote index.
class Workload {
 public:
  Workload(leakage::Recorder& local, EncryptedIndex& remote) : local_(local), remote_(remote) {}
  void Search(const std::string& keyword) {
    auto a = local_.Search(keyword);
    auto b = remote_.Search(keyword);
    ASSERT_TRUE(a.ok() && b.ok()) << keyword;
    EXPECT_EQ(*a, *b) << keyword;
  }
  void AddBatch(const std::vector<index::Document>& docs) {
    ASSERT_TRUE(local_.AddBatch(docs).ok());
    ASSERT_TRUE(remote_.UpdateBatch(index::UpdateKind::kAdd, docs).ok());
  }
  void Insert(const std::string& keyword, index::DocId id) {
    ASSERT_TRUE(local_.Insert(keyword, id).ok());
    ASSERT_TRUE(remote_.Insert(keyword, id).ok());
  }
  void Remove(const std::string& keyword, index::DocId id) {
    ASSERT_TRUE(local_.Remove(keyword, id).ok());
    ASSERT_TRUE(remote_.Remove(keyword, id).ok());
  }

 private:
  leakage::Recorder& local_;
  EncryptedIndex& remote_;
};

class RecordTest : public testing::SharedServerTest<Variant, /*kRecord=*/true> {};

TEST_P(RecordTest, ServerViewMatchesTheInProcessLab) {
  const Variant& v = GetParam();
  const std::string name = sselab::testing::VariantTestName(v);
  const auto& entry = **schemes::BuiltinRegistry().Find(v.scheme);
  const index::Capabilities caps = entry.info.capabilities;
  // A search linear in the index (PEKS: a pairing per ciphertext) gets a tiny corpus.
  const bool linear = caps.linear_search;
  auto corpus =
      sselab::testing::MakeRandomCorpus(linear ? sselab::testing::CorpusShape{"d", 3, 5, 2}
                                               : sselab::testing::CorpusShape{"d", 6, 8, 3},
                                        11);

  auto local = leakage::Recorder::Create(schemes::BuiltinRegistry(),
                                         {.scheme = v.scheme, .params = v.params});
  ASSERT_TRUE(local.ok()) << local.error().ToString();
  auto remote = ConnectRemote(server_->Remote("admin", name));
  ASSERT_TRUE(remote.ok()) << remote.error().ToString();
  TempDir client_dir;
  std::unique_ptr<EncryptedIndex> index;
  {
    index::VectorDocumentSource a(corpus.docs), b(corpus.docs);
    ASSERT_TRUE((*local)->Build(a, nullptr, "random").ok());
    auto built = EncryptedIndex::Create(
        schemes::BuiltinRegistry(),
        {.scheme = v.scheme, .params = v.params, .dir = client_dir / "db", .remote = *remote}, b);
    ASSERT_TRUE(built.ok()) << built.error().ToString();
    index = std::move(built).value();
  }
  Workload w(**local, *index);
  for (size_t i = 0; i < 4; ++i) w.Search(corpus.vocabulary[i]);
  w.Search(corpus.vocabulary[0]);  // a repeated query
  if (caps.dynamic) {
    w.AddBatch(sselab::testing::MakeRandomCorpus(linear
                                                     ? sselab::testing::CorpusShape{"u", 2, 5, 2}
                                                     : sselab::testing::CorpusShape{"u", 3, 8, 3},
                                                 12)
                   .docs);
    w.Insert(corpus.vocabulary[1], 1000);
    w.Search(corpus.vocabulary[1]);
  }
  if (caps.deletions) {
    w.Remove(corpus.vocabulary[1], 1000);
    w.Search(corpus.vocabulary[1]);
  }
  ASSERT_TRUE(index->Flush().ok());  // writes the recording

  const auto path = *dir_ / "record" / (name + ".view");
  auto recorded = leakage::LoadTranscript(path, "");
  ASSERT_TRUE(recorded.ok()) << recorded.error().ToString() << "\n" << server_->Log();
  const leakage::ServerView& got = recorded->view;
  // An operation the client answers from its own state (a Diana search for a keyword it
  // never added) sends nothing: the server cannot record it.
  leakage::ServerView want = (*local)->transcript().view;
  std::erase_if(want.ops, [](const leakage::ServerOp& op) { return op.messages.empty(); });
  EXPECT_EQ(got.scheme, v.scheme);
  auto kinds = [](const leakage::ServerView& view) {
    std::string out;
    for (const auto& op : view.ops) {
      out += std::string(leakage::OpKindName(op.kind)) + "/" + std::to_string(op.messages.size()) +
             " ";
    }
    return out;
  };
  ASSERT_EQ(got.ops.size(), want.ops.size()) << kinds(got) << "\n" << kinds(want);
  bool kinds_equal = true;
  // Orion's ORAM draws fresh random paths and keeps a stash: its sizes differ run to run.
  const bool randomized = v.scheme == "orion";
  for (size_t i = 0; i < got.ops.size(); ++i) {
    const leakage::ServerOp& g = got.ops[i];
    const leakage::ServerOp& l = want.ops[i];
    SCOPED_TRACE("operation " + std::to_string(i) + " (" +
                 std::string(leakage::OpKindName(l.kind)) + ")");
    EXPECT_TRUE(KindFits(g.kind, l.kind)) << "recorded " << leakage::OpKindName(g.kind);
    kinds_equal = kinds_equal && g.kind == l.kind;
    if (randomized) {
      EXPECT_EQ(g.messages.size(), l.messages.size());
      continue;
    }
    // The two runs use different keys, and a batch's requests go in the order of their
    // tokens: compared as multisets.
    EXPECT_EQ(MessageShapes(g), MessageShapes(l));
    EXPECT_EQ(AccessShapes(g), AccessShapes(l));
    EXPECT_EQ(EntriesOutsideMeta(g), EntriesOutsideMeta(l));
  }
  // The lab reads the server's own view: measures run without the ground truth, and where
  // the server could tell every kind, they are the in-process lab's.
  auto measured = leakage::Analyze(*recorded, schemes::BuiltinRegistry());
  ASSERT_TRUE(measured.ok()) << measured.error().ToString();
  leakage::Transcript view_only{.view = want};
  auto baseline = leakage::Analyze(view_only, schemes::BuiltinRegistry());
  ASSERT_TRUE(baseline.ok()) << baseline.error().ToString();
  if (kinds_equal) {
    EXPECT_EQ(measured->measures.entries, baseline->measures.entries);
    EXPECT_EQ(measured->measures.searches, baseline->measures.searches);
    EXPECT_EQ(measured->measures.search_classes, baseline->measures.search_classes);
    EXPECT_EQ(measured->measures.updates, baseline->measures.updates);
    EXPECT_EQ(measured->measures.search_bytes, baseline->measures.search_bytes);
  }
}

INSTANTIATE_TEST_SUITE_P(AllSchemes, RecordTest,
                         ::testing::ValuesIn(schemes::AllVariants(schemes::BuiltinRegistry())),
                         [](const auto& param_info) {
                           return sselab::testing::VariantTestName(param_info.param);
                         });

// What the server can tell of updates, scheme by scheme: its labels, not the client's.
TEST(RecordKindsTest, UpdatesAreLabelledAsTheirRequestsTell) {
  EXPECT_EQ(leakage::OpKindOf(leakage::PurposeBit(index::Purpose::kSearch)), OpKind::kSearch);
  EXPECT_EQ(leakage::OpKindOf(leakage::PurposeBit(index::Purpose::kSearch) |
                              leakage::PurposeBit(index::Purpose::kAdd)),
            OpKind::kInsert);
  EXPECT_EQ(leakage::OpKindOf(leakage::PurposeBit(index::Purpose::kAdd) |
                              leakage::PurposeBit(index::Purpose::kRemove)),
            OpKind::kUpdate);
  EXPECT_EQ(leakage::OpKindOf(leakage::PurposeBit(index::Purpose::kUnknown)), OpKind::kUnknown);
  EXPECT_EQ(leakage::OpKindOf(leakage::PurposeBit(index::Purpose::kSetup) |
                              leakage::PurposeBit(index::Purpose::kSearch)),
            OpKind::kSetup);
}

// A restarted server never overwrites a recording: it starts NAME.2.view, which opens
// with the index at rest as its setup.
TEST(RecordRestartTest, RestartStartsANewFileWithTheIndexAtRest) {
  TempDir dir;
  testing::TestServer server(dir, dir / "record");
  auto corpus = sselab::testing::MakeRandomCorpus({"d", 5, 6, 3}, 3);
  auto remote = ConnectRemote(server.Remote("admin", "mail"));
  ASSERT_TRUE(remote.ok());
  index::VectorDocumentSource docs(corpus.docs);
  auto built = EncryptedIndex::Create(
      schemes::BuiltinRegistry(), {.scheme = "diana", .dir = dir / "db", .remote = *remote}, docs);
  ASSERT_TRUE(built.ok()) << built.error().ToString();
  ASSERT_TRUE((*built)->Search(corpus.vocabulary[0]).ok());
  built->reset();
  server.Restart();
  ASSERT_TRUE(std::filesystem::exists(dir / "record" / "mail.view"));
  auto first = leakage::LoadTranscript(dir / "record" / "mail.view", "");
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  ASSERT_EQ(first->view.ops.size(), 2u);  // the build, the search (written at shutdown)
  EXPECT_EQ(first->view.ops[1].kind, OpKind::kSearch);

  auto reopened = OpenIndex(schemes::BuiltinRegistry(), {.dir = dir / "db"});
  ASSERT_TRUE(reopened.ok()) << reopened.error().ToString();
  ASSERT_TRUE((*reopened)->Search(corpus.vocabulary[1]).ok());
  ASSERT_TRUE((*reopened)->Flush().ok());
  auto second = leakage::LoadTranscript(dir / "record" / "mail.2.view", "");
  ASSERT_TRUE(second.ok()) << second.error().ToString() << "\n" << server.Log();
  ASSERT_EQ(second->view.ops.size(), 2u);
  EXPECT_EQ(second->view.ops[0].kind, OpKind::kSetup);
  EXPECT_TRUE(second->view.ops[0].messages.empty());
  EXPECT_EQ(EntriesOutsideMeta(second->view.ops[0]), EntriesOutsideMeta(first->view.ops[0]));
  EXPECT_EQ(second->view.ops[1].kind, OpKind::kSearch);
  EXPECT_NE(server.Log().find("written to"), std::string::npos);
}

// A whole lab run against the server: the workload through a remote index, the ground
// truth kept by the client, the view the server recorded. Scored, it gives what the same
// run in one process gives, where the server can tell what the in-process lab is told.
class RemoteLabRunTest : public testing::SharedServerTest<std::string, /*kRecord=*/true> {};

TEST_P(RemoteLabRunTest, AttacksOnTheServersViewScoreAsInProcess) {
  const std::string scheme = GetParam();
  auto docs = sselab::testing::MakeRandomCorpus({"d", 60, 30, 5}, 21).docs;
  const auto workload = leakage::MakeWorkload(leakage::CountKeywords(docs),
                                              {.searches = 30,
                                               .pool = 12,
                                               .repeat = 0.3,
                                               .inserts = 4,
                                               .removes = 2,
                                               .seed = 3,
                                               .batches = 2,
                                               .arriving = 0.3,
                                               .conjunctions = 5},
                                              docs);
  auto local = leakage::RecordRun(schemes::BuiltinRegistry(), {.scheme = scheme}, docs, workload,
                                  "random", {});
  ASSERT_TRUE(local.ok()) << local.error().ToString();

  TempDir client;
  auto run = RemoteRecording::Create(
      schemes::BuiltinRegistry(),
      {.remote = server_->Remote("admin", scheme), .scheme = scheme, .client_dir = client / "db"});
  ASSERT_TRUE(run.ok()) << run.error().ToString();
  ASSERT_TRUE(
      leakage::PlayWorkload(**run, (*run)->capabilities(), docs, workload, "random", {}).ok());
  auto remote = (*run)->Finish();
  ASSERT_TRUE(remote.ok()) << remote.error().ToString();
  ASSERT_TRUE(remote->HasTruth());
  ASSERT_TRUE((*run)->Drop().ok());

  auto a = leakage::Analyze(*local, schemes::BuiltinRegistry());
  auto b = leakage::Analyze(*remote, schemes::BuiltinRegistry());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(b->scores.searches, a->scores.searches);
  EXPECT_EQ(b->scores.repeat_pairs, a->scores.repeat_pairs);
  EXPECT_EQ(b->scores.repeat_pairs_linked, a->scores.repeat_pairs_linked);
  EXPECT_EQ(b->scores.volume_exact, a->scores.volume_exact);
  EXPECT_EQ(b->measures.search_classes, a->measures.search_classes);
  for (const char* attack : {"count", "ikk"}) {
    auto x = leakage::RunAttack(a->observations, local->truth, docs, {}, {.attack = attack});
    auto y = leakage::RunAttack(b->observations, remote->truth, docs, {}, {.attack = attack});
    ASSERT_TRUE(x.ok() && y.ok()) << attack;
    EXPECT_EQ(y->searches, x->searches) << attack;
    EXPECT_EQ(y->recovered, x->recovered) << attack;
    if (std::string(attack) == "count") {
      EXPECT_GT(y->recovered, 0u) << "nothing to compare";
    }
  }
}

// A lab run against a server that does not record stops after the build, saying so,
// instead of playing a workload whose view nobody keeps.
TEST(RemoteLabRunRefusalTest, AServerThatDoesNotRecordIsRefusedAfterTheBuild) {
  TempDir dir;
  testing::TestServer server(dir);
  auto run = RemoteRecording::Create(
      schemes::BuiltinRegistry(),
      {.remote = server.Remote("admin", "lab"), .scheme = "pibas", .client_dir = dir / "client"});
  ASSERT_TRUE(run.ok()) << run.error().ToString();
  index::VectorDocumentSource docs(sselab::testing::MakeRandomCorpus({"d", 5, 5, 2}, 1).docs);
  auto built = (*run)->Build(docs, nullptr, "random");
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(built.error().message().find("--record"), std::string::npos)
      << built.error().ToString();
  EXPECT_TRUE((*run)->Drop().ok());
}

INSTANTIATE_TEST_SUITE_P(Schemes, RemoteLabRunTest,
                         ::testing::Values("pibas", "diana", "mitra", "plaintext"));

}  // namespace
}  // namespace sselab::net
