// Shared pieces of the `sselab` command: error reporting, progress, tables.
#ifndef SSELAB_TOOLS_CLI_UTIL_H_
#define SSELAB_TOOLS_CLI_UTIL_H_

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/result.h"
#include "index/client.h"
#include "index/server_store.h"
#include "net/tls_files.h"

namespace sselab::tools {

// Exit codes: 0 success, 1 an operation failed, 2 bad command line (CLI11's own).
inline constexpr int kExitFailure = 1;

// Prints "sselab: <error>" to stderr and returns kExitFailure.
int Fail(const Error& error);

// Prints progress to stderr, at most every 200 ms, only when stderr is a terminal.
class Progress {
 public:
  Progress();
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  // A ProgressFn that reports through this object (empty when stderr is no terminal).
  index::ProgressFn Fn();
  // Clears the progress line.
  void Done();

 private:
  bool tty_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_;
};

// A text table with aligned columns (for `schemes`, `info`, `overview`).
class Table {
 public:
  explicit Table(std::vector<std::string> header) : rows_{std::move(header)} {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string Render() const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

// This executable's path (for finding installed data files).
std::filesystem::path SelfExe();

// Runs a plotting script of bench/harness (from the source tree, or as installed under
// share/sselab/`installed`) on `input`, writing PNGs into `out`. Prints a hint and
// returns false when it cannot (no python3-matplotlib).
bool Plot(std::string_view script, std::string_view installed, const std::filesystem::path& input,
          const std::filesystem::path& out);

std::string HumanBytes(uint64_t bytes);
// --tls-cert, --tls-key, --tls-ca and --tls-refresh-seconds into `files`; `role` is
// "server" or "client" (for the help).
void AddTlsOptions(CLI::App& cmd, net::TlsFiles& files, std::string_view role);

// --store URI, --store-tls-cert, --store-tls-key, --store-tls-ca and --store-buckets: where
// an index's server half keeps its store (index/server_store.h).
void AddStoreOptions(CLI::App& cmd, index::ServerStoreConfig& store);
std::string HumanDuration(double seconds);

}  // namespace sselab::tools

#endif  // SSELAB_TOOLS_CLI_UTIL_H_
