#include "tools/cli_util.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#ifndef SSELAB_HARNESS_DIR
#define SSELAB_HARNESS_DIR ""
#endif

namespace sselab::tools {

int Fail(const Error& error) {
  std::fprintf(stderr, "sselab: %s\n", error.ToString().c_str());
  return kExitFailure;
}

Progress::Progress() : tty_(::isatty(STDERR_FILENO) == 1) {}
Progress::~Progress() { Done(); }

index::ProgressFn Progress::Fn() {
  if (!tty_) return {};
  return [this](std::string_view stage, uint64_t done) {
    auto now = std::chrono::steady_clock::now();
    if (shown_ && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    shown_ = true;
    std::fprintf(stderr, "\r\033[K%.*s: %llu", static_cast<int>(stage.size()), stage.data(),
                 static_cast<unsigned long long>(done));
    std::fflush(stderr);
  };
}

void Progress::Done() {
  if (shown_) std::fprintf(stderr, "\r\033[K");
  shown_ = false;
}

std::string Table::Render() const {
  std::vector<size_t> width;
  for (const auto& row : rows_) {
    width.resize(std::max(width.size(), row.size()));
    for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  std::string out;
  for (size_t r = 0; r < rows_.size(); ++r) {
    for (size_t i = 0; i < rows_[r].size(); ++i) {
      out += rows_[r][i];
      if (i + 1 < rows_[r].size()) out += std::string(width[i] - rows_[r][i].size() + 2, ' ');
    }
    out += "\n";
    if (r == 0) {
      for (size_t i = 0; i < width.size(); ++i) {
        out += std::string(width[i], '-') + (i + 1 < width.size() ? "  " : "");
      }
      out += "\n";
    }
  }
  return out;
}

std::string HumanBytes(uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  auto v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

std::string HumanDuration(double seconds) {
  char buf[32];
  if (seconds < 1e-3) {
    std::snprintf(buf, sizeof(buf), "%.1f us", seconds * 1e6);
  } else if (seconds < 1) {
    std::snprintf(buf, sizeof(buf), "%.2f ms", seconds * 1e3);
  } else {
    std::snprintf(buf, sizeof(buf), "%.2f s", seconds);
  }
  return buf;
}

std::filesystem::path SelfExe() {
  std::error_code ec;
  return std::filesystem::read_symlink("/proc/self/exe", ec);
}

bool Plot(std::string_view script, std::string_view installed, const std::filesystem::path& input,
          const std::filesystem::path& out) {
  std::filesystem::path path = std::filesystem::path(SSELAB_HARNESS_DIR) / script;
  if (!std::filesystem::exists(path)) {
    path = SelfExe().parent_path() / "../share/sselab" / installed;
  }
  // Debian's interpreter, where python3-matplotlib installs, unless there is none.
  std::string python = std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  std::string cmd =
      python + " '" + path.string() + "' '" + input.string() + "' '" + out.string() + "' 2>&1";
  if (std::system(cmd.c_str()) == 0) return true;
  std::fprintf(stderr,
               "sselab: plots skipped (needs python3-matplotlib: apt-get install "
               "python3-matplotlib)\n");
  return false;
}

void AddTlsOptions(CLI::App& cmd, net::TlsFiles& files, std::string_view role) {
  const bool server = role == "server";
  cmd.add_option("--tls-cert", files.cert,
                 server ? "This server's certificate (PEM), for the host name clients dial "
                          "(`sselab pki issue --server HOST`)"
                        : "This client's certificate (PEM); its subject CN is the identity the "
                          "server's grants name (`sselab pki issue --client NAME`)");
  cmd.add_option("--tls-key", files.key, "Its private key (PEM, mode 0600)");
  cmd.add_option("--tls-ca", files.ca,
                 server ? "CA certificate(s) (PEM) client certificates must chain to"
                        : "CA certificate(s) (PEM) the server's certificate must chain to");
  cmd.add_option("--tls-refresh-seconds", files.refresh_seconds,
                 "How often the three files are re-read, so a renewal needs no restart")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400));
}

void AddStoreOptions(CLI::App& cmd, index::ServerStoreConfig& store) {
  cmd.add_option("--store", store.uri,
                 "Where the server's store lives: DB/server (default, embedded RocksDB), or "
                 "redis-cluster://HOST:PORT[,HOST:PORT...], a Redis Cluster reached over TLS "
                 "(scripts/redis-cluster.sh starts one); the index takes a namespace there");
  cmd.add_option("--store-tls-cert", store.tls.cert,
                 "With --store redis-cluster://: the client certificate sselab presents to the "
                 "cluster's nodes (PEM; `sselab pki issue --client NAME`)");
  cmd.add_option("--store-tls-key", store.tls.key, "Its private key (PEM, mode 0600)");
  cmd.add_option("--store-tls-ca", store.tls.ca,
                 "CA certificate(s) (PEM) the nodes' certificates must chain to");
  cmd.add_option("--store-buckets", store.buckets,
                 "With --store redis-cluster://: buckets per table (default 64); more spread a "
                 "table over more masters, fewer make a prefix scan cheaper")
      ->check(CLI::Range(1, 65536));
}

}  // namespace sselab::tools
