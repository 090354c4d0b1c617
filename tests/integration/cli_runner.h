// Runs the `sselab` binary of the build tree (or of $SSELAB_BIN) in a child process.
#ifndef SSELAB_TESTS_INTEGRATION_CLI_RUNNER_H_
#define SSELAB_TESTS_INTEGRATION_CLI_RUNNER_H_

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sselab::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Single-quotes `s` for /bin/sh.
inline std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

// Runs `sselab <args...>`; stdout and stderr are captured separately.
inline CliResult RunSselab(const std::vector<std::string>& args,
                           const std::filesystem::path& scratch) {
  const char* env = std::getenv("SSELAB_BIN");  // overrides the build tree's bin/
  std::string cmd = ShellQuote(std::string(env ? env : SSELAB_BIN_DIR) + "/sselab");
  for (const auto& a : args) cmd += " " + ShellQuote(a);
  std::filesystem::path err_file = scratch / "stderr.txt";
  cmd += " 2>" + ShellQuote(err_file.string()) + " </dev/null";
  CliResult r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), p)) > 0) r.out.append(buf, n);
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_file);
  std::stringstream ss;
  ss << in.rdbuf();
  r.err = ss.str();
  return r;
}

}  // namespace sselab::testing

#endif  // SSELAB_TESTS_INTEGRATION_CLI_RUNNER_H_
