// Network mode's crash rule, with real processes: `sselab serve` (recording its view)
// killed (SIGKILL) while a `sselab index add` streams its batches, restarted on the same
// data; then the client killed mid-add. After each, re-running the add completes it, and
// every keyword finds exactly what the oracle says: nothing acknowledged was lost, and
// nothing was half-applied on the server. The recording the server wrote is measured.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "base/files.h"
#include "net/pki.h"
#include "net/remote.h"
#include "net/testing/test_server.h"
#include "schemes/builtin.h"
#include "tests/testing/random_corpus.h"
#include "tests/testing/temp_dir.h"

namespace sselab::net {
namespace {

namespace fs = std::filesystem;
using sselab::testing::TempDir;

std::string Sselab() {
  const char* env = std::getenv("SSELAB_BIN");
  return std::string(env ? env : SSELAB_BIN_DIR) + "/sselab";
}

// Starts `sselab args...` with stderr to `log`; returns its pid.
pid_t Spawn(std::vector<std::string> args, const fs::path& log) {
  args.insert(args.begin(), Sselab());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::freopen(log.c_str(), "a", stderr) == nullptr) ::_exit(126);
    if (::freopen("/dev/null", "w", stdout) == nullptr) ::_exit(126);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

std::string Text(const fs::path& file) {
  auto text = ReadFileToString(file);
  return text.ok() ? *text : "(" + file.string() + " unreadable)";
}

int WaitExit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

class ServerProcess {
 public:
  ServerProcess(const TempDir& dir, const TlsFiles& tls) : dir_(dir), tls_(tls) {}
  ~ServerProcess() { Kill(); }
  // Starts the server on `port` (0: any) and waits until it listens; returns the port.
  int Start(int port) {
    const fs::path log = dir_ / ("serve" + std::to_string(starts_++) + ".log");
    pid_ = Spawn({"serve", "--listen", "127.0.0.1:" + std::to_string(port), "--data",
                  (dir_ / "data").string(), "--grants", (dir_ / "grants.toml").string(),
                  "--tls-cert", tls_.cert.string(), "--tls-key", tls_.key.string(), "--tls-ca",
                  tls_.ca.string(), "--record", (dir_ / "record").string()},
                 log);
    for (int i = 0; i < 200; ++i) {
      auto text = ReadFileToString(log);
      const size_t at = text.ok() ? text->find("(port ") : std::string::npos;
      if (at != std::string::npos) return std::stoi(text->substr(at + 6));
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "sselab serve did not start: " << Text(log);
    return 0;
  }
  void Kill() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      WaitExit(pid_);
      pid_ = -1;
    }
  }

 private:
  const TempDir& dir_;
  TlsFiles tls_;
  pid_t pid_ = -1;
  int starts_ = 0;
};

void WriteCorpus(const std::vector<index::Document>& docs, const fs::path& path) {
  std::ofstream out(path);
  for (const auto& d : docs) {
    out << "{\"id\":" << d.id << ",\"keywords\":[";
    for (size_t i = 0; i < d.keywords.size(); ++i)
      out << (i ? "," : "") << "\"" << d.keywords[i] << "\"";
    out << "]}\n";
  }
}

TEST(RemoteKillTest, KilledServerAndKilledClientLoseNothingAcknowledged) {
  TempDir dir;
  testing::TestPki pki(dir / "pki");
  ASSERT_TRUE(WriteFileAtomically(dir / "grants.toml", testing::kGrants).ok());
  ServerProcess server(dir, pki.ServerFiles());
  const int port = server.Start(0);
  ASSERT_GT(port, 0);

  // kw0..kw99 over 2500 documents: 100 built, the rest added in batches of 200 pairs.
  sselab::testing::OracleCorpus all;
  std::mt19937_64 rng(5);
  for (int d = 0; d < 2500; ++d) {
    index::Document doc{rng(), {}};
    std::set<std::string> kws;
    while (kws.size() < 10) kws.insert("kw" + std::to_string(std::min(rng() % 100, rng() % 100)));
    doc.keywords.assign(kws.begin(), kws.end());
    for (const auto& k : doc.keywords) all.postings[k].insert(doc.id);
    all.docs.push_back(std::move(doc));
  }
  std::vector<index::Document> built(all.docs.begin(), all.docs.begin() + 100);
  std::vector<index::Document> added(all.docs.begin() + 100, all.docs.end());
  WriteCorpus(added, dir / "add.jsonl");
  const fs::path db = dir / "db";
  // Built by the command line, which remembers the server in DB/client/remote.json.
  WriteCorpus(built, dir / "build.jsonl");
  const TlsFiles admin = pki.ClientFiles("admin");
  ASSERT_EQ(WaitExit(Spawn(
                {"index", "build", "--scheme", "diana", "--corpus", (dir / "build.jsonl").string(),
                 "--db", db.string(), "--server", "localhost:" + std::to_string(port), "--index",
                 "mail", "--tls-cert", admin.cert.string(), "--tls-key", admin.key.string(),
                 "--tls-ca", admin.ca.string()},
                dir / "build.log")),
            0)
      << Text(dir / "build.log");
  const std::vector<std::string> add = {"index",         "add",      "--db",
                                        db.string(),     "--corpus", (dir / "add.jsonl").string(),
                                        "--batch-pairs", "200"};
  // 1. The server dies mid-add; the add fails; the server comes back on the same port.
  pid_t client = Spawn(add, dir / "add1.log");
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  server.Kill();
  EXPECT_NE(WaitExit(client), 0) << Text(dir / "add1.log");
  ASSERT_EQ(server.Start(port), port);
  // 2. The client dies mid-add.
  client = Spawn(add, dir / "add2.log");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ::kill(client, SIGKILL);
  EXPECT_EQ(WaitExit(client), 128 + SIGKILL) << "the add finished before the kill";
  // 3. The add, run again, completes (re-adding a present pair changes nothing).
  client = Spawn(add, dir / "add3.log");
  ASSERT_EQ(WaitExit(client), 0) << Text(dir / "add3.log");

  auto idx = OpenIndex(schemes::BuiltinRegistry(), {.dir = db});
  ASSERT_TRUE(idx.ok()) << idx.error().ToString();
  for (int k = 0; k < 100; ++k) {
    const std::string kw = "kw" + std::to_string(k);
    auto ids = (*idx)->Search(kw);
    ASSERT_TRUE(ids.ok()) << ids.error().ToString();
    EXPECT_EQ(*ids, all.Expected(kw)) << kw;
  }
  idx->reset();
  // The management commands, on the server DB/client/remote.json names.
  EXPECT_EQ(WaitExit(Spawn({"remote", "list", "--db", db.string()}, dir / "list.log")), 0)
      << Text(dir / "list.log");
  EXPECT_NE(Text(dir / "list.log").find("1 indexes"), std::string::npos) << Text(dir / "list.log");
  EXPECT_NE(WaitExit(Spawn({"remote", "drop", "--db", db.string()}, dir / "drop.log")), 0);
  EXPECT_NE(Text(dir / "drop.log").find("--yes"), std::string::npos) << Text(dir / "drop.log");
  EXPECT_EQ(WaitExit(Spawn({"remote", "drop", "--db", db.string(), "--yes"}, dir / "drop.log")), 0)
      << Text(dir / "drop.log");
  auto gone = OpenIndex(schemes::BuiltinRegistry(), {.dir = db});
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code(), ErrorCode::kNotFound) << gone.error().ToString();
  // A lab run against the recording server, scored on the view it recorded itself.
  ASSERT_TRUE(
      WriteFileAtomically(dir / "lab.toml", "scheme = \"diana\"\ncorpus = \"" +
                                                (dir / "build.jsonl").string() +
                                                "\"\n[workload]\nsearches = 20\npool = 20\n")
          .ok());
  EXPECT_EQ(WaitExit(Spawn({"leakage", "record", (dir / "lab.toml").string(), "--out",
                            (dir / "lab.tr").string(), "--server",
                            "localhost:" + std::to_string(port), "--tls-cert", admin.cert.string(),
                            "--tls-key", admin.key.string(), "--tls-ca", admin.ca.string()},
                           dir / "lab.log")),
            0)
      << Text(dir / "lab.log");
  EXPECT_EQ(WaitExit(Spawn({"leakage", "attack", "count", "--transcript", (dir / "lab.tr").string(),
                            "--known", (dir / "build.jsonl").string()},
                           dir / "attack.log")),
            0)
      << Text(dir / "attack.log");
  EXPECT_TRUE(fs::exists(dir / "record" / "lab.view"));  // the server's own copy
  // The restarted server recorded what it saw (the first one was killed before any flush)
  // and wrote it on the drop; the lab measures it as it is.
  const fs::path view = dir / "record" / "mail.view";
  ASSERT_TRUE(fs::exists(view)) << Text(dir / "serve1.log");
  EXPECT_EQ(WaitExit(Spawn({"leakage", "measure", view.string()}, dir / "measure.log")), 0)
      << Text(dir / "measure.log");
}

// `sselab serve` refuses bad start-up input with the reason and a non-zero exit, before
// it listens: a grant file with an unknown key (named with its line), a private key
// readable by others, a missing --grants.
TEST(ServeCommandTest, BadStartupInputIsRefusedWithTheReason) {
  TempDir dir;
  testing::TestPki pki(dir / "pki");
  const TlsFiles tls = pki.ServerFiles();
  auto serve = [&](const std::string& grants, const std::string& log) {
    std::vector<std::string> args = {
        "serve",        "--listen",        "127.0.0.1:0", "--data",         (dir / "data").string(),
        "--tls-cert",   tls.cert.string(), "--tls-key",   tls.key.string(), "--tls-ca",
        tls.ca.string()};
    if (!grants.empty()) {
      args.push_back("--grants");
      args.push_back(grants);
    }
    return WaitExit(Spawn(args, dir / log));
  };
  ASSERT_TRUE(WriteFileAtomically(dir / "bad.toml",
                                  "[[grant]]\nidentity = \"a\"\nindexes = [\"*\"]\n"
                                  "allow = [\"search\"]\nalow = [\"admin\"]\n")
                  .ok());
  EXPECT_EQ(serve((dir / "bad.toml").string(), "bad.log"), 1);
  EXPECT_NE(Text(dir / "bad.log").find("line 5"), std::string::npos) << Text(dir / "bad.log");
  EXPECT_NE(serve("", "missing.log"), 0);
  EXPECT_NE(Text(dir / "missing.log").find("--grants"), std::string::npos)
      << Text(dir / "missing.log");
  ASSERT_TRUE(WriteFileAtomically(dir / "good.toml", testing::kGrants).ok());
  fs::permissions(tls.key, fs::perms(0640));
  EXPECT_EQ(serve((dir / "good.toml").string(), "key.log"), 1);
  EXPECT_NE(Text(dir / "key.log").find("chmod 600"), std::string::npos) << Text(dir / "key.log");
}

}  // namespace
}  // namespace sselab::net
