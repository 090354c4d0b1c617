#include "index/server_store.h"

#include <nlohmann/json.hpp>

#include "base/files.h"

namespace sselab::index {
namespace fs = std::filesystem;

Result<storage::RedisClusterStoreOptions> ClusterStoreOptions(const ServerStoreConfig& config,
                                                              const std::string& ns) {
  storage::RedisClusterStoreOptions options;
  SSELAB_ASSIGN_OR_RETURN(options.cluster.seeds, storage::ParseRedisClusterUri(config.uri));
  std::error_code ec;
  auto absolute = [&](const fs::path& p) { return p.empty() ? p : fs::absolute(p, ec); };
  options.cluster.tls = {.cert = absolute(config.tls.cert),
                         .key = absolute(config.tls.key),
                         .ca = absolute(config.tls.ca)};
  options.ns = ns;
  if (config.buckets != 0) options.buckets = config.buckets;
  return options;
}

fs::path ServerStoreConfigPath(const fs::path& dir) { return dir / "client" / "store.json"; }

Status WriteServerStoreConfig(const fs::path& dir,
                              const storage::RedisClusterStoreOptions& options) {
  return WriteClusterStoreFile(ServerStoreConfigPath(dir), options);
}

Result<std::optional<storage::RedisClusterStoreOptions>> ReadServerStoreConfig(
    const fs::path& dir) {
  return ReadClusterStoreFile(ServerStoreConfigPath(dir));
}

Status WriteClusterStoreFile(const fs::path& path,
                             const storage::RedisClusterStoreOptions& options) {
  nlohmann::json j;
  std::string uri(storage::kRedisClusterScheme);
  for (size_t i = 0; i < options.cluster.seeds.size(); ++i) {
    if (i > 0) uri += ",";
    const auto& seed = options.cluster.seeds[i];
    uri += seed.host.find(':') != std::string::npos ? "[" + seed.host + "]:" : seed.host + ":";
    uri += std::to_string(seed.port);
  }
  j["uri"] = uri;
  j["namespace"] = options.ns;
  j["buckets"] = options.buckets;
  j["tls"] = {{"cert", options.cluster.tls.cert.string()},
              {"key", options.cluster.tls.key.string()},
              {"ca", options.cluster.tls.ca.string()}};
  return WriteFileAtomically(path, j.dump(2) + "\n", 0600);
}

Result<std::optional<storage::RedisClusterStoreOptions>> ReadClusterStoreFile(
    const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::optional<storage::RedisClusterStoreOptions>();
  SSELAB_ASSIGN_OR_RETURN(const std::string text, ReadFileToString(path));
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto string_at = [&](const nlohmann::json& o, const char* name) -> const std::string* {
    if (!o.is_object() || !o.contains(name) || !o[name].is_string()) return nullptr;
    return o[name].get_ptr<const std::string*>();
  };
  const std::string* uri = string_at(j, "uri");
  const std::string* ns = string_at(j, "namespace");
  const nlohmann::json tls = j.is_object() && j.contains("tls") ? j["tls"] : nlohmann::json();
  const std::string* cert = string_at(tls, "cert");
  const std::string* key = string_at(tls, "key");
  const std::string* ca = string_at(tls, "ca");
  if (uri == nullptr || ns == nullptr || cert == nullptr || key == nullptr || ca == nullptr ||
      !j.contains("buckets") || !j["buckets"].is_number_unsigned()) {
    return CorruptionError(path.string() +
                           " is malformed: it must hold uri, namespace, buckets and tls "
                           "{cert, key, ca}");
  }
  ServerStoreConfig config{.uri = *uri,
                           .tls = {.cert = *cert, .key = *key, .ca = *ca},
                           .buckets = j["buckets"].get<uint32_t>()};
  auto options = ClusterStoreOptions(config, *ns);
  if (!options.ok()) return options.error().WithContext(path.string());
  return std::optional<storage::RedisClusterStoreOptions>(std::move(options).value());
}

}  // namespace sselab::index
