#include "bench/harness/provenance.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "index/index_meta.h"

#ifndef SSELAB_GIT_REVISION
#define SSELAB_GIT_REVISION "unknown"
#endif

namespace sselab::harness {
namespace {

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("model name")) {
      size_t colon = line.find(':');
      if (colon != std::string::npos) return line.substr(colon + 2);
    }
  }
  return "unknown";
}

std::string Compiler() {
#if defined(__clang__)
  return "clang " __clang_version__;
#elif defined(__GNUC__)
  return "gcc " __VERSION__;
#else
  return "unknown";
#endif
}

}  // namespace

nlohmann::json Provenance(const BenchSpec& spec, const std::string& corpus_name,
                          const std::string& corpus_sha256) {
  utsname u{};
  ::uname(&u);
  nlohmann::json store = nlohmann::json::object();
  store["engine"] = "rocksdb";
  store["block_cache_bytes"] = spec.store.block_cache_bytes;
  store["write_buffer_bytes"] = spec.store.write_buffer_bytes;
  nlohmann::json j = nlohmann::json::object();
  j["type"] = "provenance";
  j["spec_name"] = spec.name;
  j["spec"] = spec.text;
  j["corpus"] = corpus_name;
  j["corpus_sha256"] = corpus_sha256;
  j["git_revision"] = SSELAB_GIT_REVISION;  // as of the last CMake configure
  j["compiler"] = Compiler();
  j["cpu"] = CpuModel();
  j["cores"] = std::thread::hardware_concurrency();
  j["kernel"] = std::string(u.sysname) + " " + u.release;
  j["store"] = store;
  j["seed"] = spec.seed;
  j["started_utc"] = index::UtcNow();
  return j;
}

}  // namespace sselab::harness
