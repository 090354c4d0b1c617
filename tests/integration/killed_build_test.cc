// A build killed with SIGKILL (no destructor runs) at several points of a spilling sort
// leaves no keyword and no document id readable anywhere: not in the system temp
// directory, not in the staging directory, not at DIR. The next build of the same DIR
// removes what the killed ones left and succeeds.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <thread>
#include <unordered_set>

#include "tests/integration/cli_runner.h"
#include "tests/testing/temp_dir.h"

namespace sselab {
namespace {

namespace fs = std::filesystem;

// Secrets of one kind, all of one length and with a common prefix, so that a scan finds
// the prefix and checks the window after it (fast over megabytes of files).
struct Needles {
  std::string kind;
  std::string prefix;
  size_t length = 0;
  std::unordered_set<std::string> all;

  void Add(std::string s) {
    length = s.size();
    all.insert(std::move(s));
  }
  // The first needle in `bytes`, or "".
  std::string FindIn(const std::string& bytes) const {
    for (size_t p = bytes.find(prefix); p != std::string::npos; p = bytes.find(prefix, p + 1)) {
      if (p + length <= bytes.size() && all.contains(bytes.substr(p, length))) {
        return bytes.substr(p, length);
      }
    }
    return "";
  }
};

std::string Be64(uint64_t v) {
  std::string s(8, '\0');
  for (int i = 0; i < 8; ++i) s[i] = static_cast<char>(v >> (56 - 8 * i));
  return s;
}

std::string Le64(uint64_t v) {
  std::string s(8, '\0');
  for (int i = 0; i < 8; ++i) s[i] = static_cast<char>(v >> (8 * i));
  return s;
}

class KilledBuildTest : public ::testing::Test {
 protected:
  // 4000 documents x 30 of 2000 keywords: 120k pairs, about ten runs at a 1 MiB budget.
  void SetUp() override {
    start_ = fs::file_time_type::clock::now() - std::chrono::seconds(2);
    std::mt19937_64 rng(20240614);
    keywords_ = {"keyword", "zq", 0, {}};
    std::vector<std::string> vocabulary;
    char hex[13];
    for (int k = 0; k < 2000; ++k) {
      std::snprintf(hex, sizeof(hex), "%012llx",
                    static_cast<unsigned long long>(rng() & 0xFFFFFFFFFFFFULL));
      vocabulary.push_back("zq" + std::string(hex) + "kw");
      keywords_.Add(vocabulary.back());
    }
    // Fixed top and bottom bytes give every encoding of the ids a common prefix.
    ids_be_ = {"BE64 id", Be64(0xA5C3ULL << 48).substr(0, 2), 0, {}};
    ids_le_ = {"LE64 id", Le64(0x5A3C).substr(0, 2), 0, {}};
    ids_text_ = {"decimal id", std::to_string(0xA5C3ULL << 48).substr(0, 4), 0, {}};
    std::ofstream out(dir_ / "corpus.jsonl");
    std::unordered_set<uint64_t> used;
    for (int d = 0; d < 4000; ++d) {
      uint64_t id;
      do {
        id = (0xA5C3ULL << 48) | ((rng() & 0xFFFFFFFFULL) << 16) | 0x5A3C;
      } while (!used.insert(id).second);
      ids_be_.Add(Be64(id));
      ids_le_.Add(Le64(id));
      ids_text_.Add(std::to_string(id));
      std::unordered_set<size_t> picked;
      while (picked.size() < 30) picked.insert(rng() % vocabulary.size());
      out << "{\"id\":" << id << ",\"keywords\":[";
      bool first = true;
      for (size_t k : picked) {
        out << (first ? "" : ",") << '"' << vocabulary[k] << '"';
        first = false;
        if (k == 0) expected_.push_back(id);
      }
      out << "]}\n";
    }
    std::sort(expected_.begin(), expected_.end());
    first_keyword_ = vocabulary[0];
    fs::create_directories(child_tmp_);
  }

  // Starts the build of DB with a 1 MiB sort budget; the child's temp directory is ours.
  pid_t StartBuild() {
    const char* env = std::getenv("SSELAB_BIN");
    std::vector<std::string> argv = {std::string(env ? env : SSELAB_BIN_DIR) + "/sselab",
                                     "index",
                                     "build",
                                     "--scheme",
                                     "pibas",
                                     "--corpus",
                                     (dir_ / "corpus.jsonl").string(),
                                     "--db",
                                     db_.string(),
                                     "--sort-memory-mb",
                                     "1"};
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    pid_t pid = ::fork();
    if (pid == 0) {
      ::setenv("TMPDIR", child_tmp_.c_str(), 1);
      if (::freopen("/dev/null", "w", stderr) == nullptr) ::_exit(126);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    return pid;
  }

  std::vector<fs::path> StagingDirs() const {
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(dir_.path())) {
      if (e.path().filename().string().starts_with(".db.building-")) dirs.push_back(e.path());
    }
    return dirs;
  }

  // Sort run files in the staging client directories (-1 while there is no sort directory).
  int RunFiles() const {
    int runs = -1;
    std::error_code ec;
    for (const fs::path& staging : StagingDirs()) {
      if (IsOld(staging)) continue;
      for (fs::directory_iterator it(staging / "client", ec), end; !ec && it != end;
           it.increment(ec)) {
        if (!it->path().filename().string().starts_with("sselab-sort-")) continue;
        runs = std::max(runs, 0);
        for (fs::directory_iterator r(it->path(), ec); !ec && r != end; r.increment(ec)) ++runs;
      }
    }
    return runs;
  }

  bool KeyWritten() const {
    std::error_code ec;
    for (const fs::path& staging : StagingDirs()) {
      if (!IsOld(staging) && fs::exists(staging / "client" / "key", ec)) return true;
    }
    return false;
  }
  bool IsOld(const fs::path& staging) const {
    return std::find(old_staging_.begin(), old_staging_.end(), staging) != old_staging_.end();
  }

  // Every needle found in a file below `root`, as "kind in path".
  void Scan(const fs::path& root, std::vector<std::string>& found) const {
    std::error_code ec;
    if (fs::is_regular_file(root, ec)) return ScanFile(root, found);
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code file_ec;
      if (it->is_regular_file(file_ec)) ScanFile(it->path(), found);
    }
  }
  void ScanFile(const fs::path& file, std::vector<std::string>& found) const {
    std::error_code ec;
    if (fs::file_size(file, ec) > (64u << 20) || ec) return;
    std::ifstream in(file, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string bytes = buf.str();
    for (const Needles* n : {&keywords_, &ids_be_, &ids_le_, &ids_text_}) {
      if (!n->FindIn(bytes).empty()) found.push_back(n->kind + " in " + file.string());
    }
  }
  // The staging directories, DIR, the child's temp directory (TMPDIR, which the tests also
  // require to stay empty), and the sort directories (sselab-sort-*, where spills went
  // before) changed in the system temp directory since the test started. Other sselab-*
  // entries there belong to other processes (a concurrent overview holds gigabytes).
  std::vector<std::string> ScanEverywhere() const {
    std::vector<std::string> found;
    for (const fs::path& staging : StagingDirs()) Scan(staging, found);
    if (fs::exists(db_)) Scan(db_, found);
    Scan(child_tmp_, found);
    std::error_code ec;
    for (fs::directory_iterator it(fs::temp_directory_path(), ec), end; !ec && it != end;
         it.increment(ec)) {
      std::error_code t_ec;
      if (!it->path().filename().string().starts_with("sselab-sort-") ||
          it->last_write_time(t_ec) < start_) {
        continue;
      }
      Scan(it->path(), found);
    }
    return found;
  }

  testing::TempDir dir_;
  fs::path db_ = dir_ / "db";
  fs::path child_tmp_ = dir_ / "child-tmp";
  fs::file_time_type start_;
  Needles keywords_, ids_be_, ids_le_, ids_text_;
  std::string first_keyword_;
  std::vector<uint64_t> expected_;     // the ids of first_keyword_
  std::vector<fs::path> old_staging_;  // left by the previous kill: RunFiles() skips them
};

// What the test sees of a running build.
struct BuildState {
  int runs = -1;          // run files of its sort (-1: no sort directory)
  bool had_runs = false;  // a sort directory existed earlier
  bool key_written = false;
};

struct KillPoint {
  std::string name;
  bool required;  // the build must still be running when the point is reached
  std::function<bool(const BuildState&)> reached;
};

TEST_F(KilledBuildTest, NothingReadableSurvivesAndTheNextBuildCleansUp) {
  const std::vector<KillPoint> points = {
      // A run file is complete once the next one exists.
      {"first spill", true, [](const BuildState& b) { return b.runs >= 2; }},
      {"several spills", true, [](const BuildState& b) { return b.runs >= 5; }},
      {"after the sort", false, [](const BuildState& b) { return b.had_runs && b.runs < 0; }},
      {"key written", false, [](const BuildState& b) { return b.key_written; }},
      {"right at the start", false, [](const BuildState&) { return true; }},
  };
  int killed = 0;
  std::string killed_at;
  for (const KillPoint& point : points) {
    old_staging_ = StagingDirs();
    const pid_t pid = StartBuild();
    ASSERT_GT(pid, 0);
    BuildState state;
    bool exited = false;
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
      state.runs = RunFiles();
      state.had_runs = state.had_runs || state.runs >= 0;
      state.key_written = KeyWritten();
      if (point.reached(state)) break;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        exited = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    if (!exited) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
    }
    if (!WIFSIGNALED(status)) {
      ASSERT_FALSE(point.required) << point.name << ": the build ended before the kill";
      ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << point.name;
      fs::remove_all(db_);  // finished first: start the next point from scratch
      continue;
    }
    ++killed;
    killed_at += (killed_at.empty() ? "" : ", ") + point.name;
    EXPECT_LE(StagingDirs().size(), 1u) << point.name << ": an earlier build's staging is left";
    EXPECT_FALSE(fs::exists(db_)) << point.name;
    for (const std::string& f : ScanEverywhere()) ADD_FAILURE() << point.name << ": " << f;
    EXPECT_TRUE(fs::is_empty(child_tmp_)) << point.name << ": the build wrote to TMPDIR";
  }
  EXPECT_GE(killed, 2);
  RecordProperty("killed_at", killed_at);  // in --gtest_output=xml

  const pid_t pid = StartBuild();
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "rebuild failed";
  EXPECT_TRUE(StagingDirs().empty());
  EXPECT_TRUE(fs::is_empty(child_tmp_));
  for (const std::string& f : ScanEverywhere()) ADD_FAILURE() << "after the rebuild: " << f;
  auto s = testing::RunSselab({"search", "--db", db_.string(), first_keyword_}, dir_.path());
  ASSERT_EQ(s.exit_code, 0) << s.err;
  std::string want;
  for (uint64_t id : expected_) want += std::to_string(id) + "\n";
  EXPECT_EQ(s.out, want);
}

}  // namespace
}  // namespace sselab
