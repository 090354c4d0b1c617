// ParseRedisClusterUri (storage/redis_cluster_store.h): the URI a user names a cluster by.
#include <charconv>
#include <string>

#include "storage/redis_cluster_store.h"

namespace sselab::storage {

Result<std::vector<redis::Endpoint>> ParseRedisClusterUri(std::string_view uri) {
  if (!uri.starts_with(kRedisClusterScheme)) {
    return InvalidArgumentError("store '" + std::string(uri) + "' must start with " +
                                std::string(kRedisClusterScheme));
  }
  std::string_view rest = uri.substr(kRedisClusterScheme.size());
  std::vector<redis::Endpoint> out;
  while (true) {
    const size_t comma = rest.find(',');
    const std::string_view node = rest.substr(0, comma);
    const size_t colon = node.rfind(':');
    redis::Endpoint e;
    if (colon == std::string_view::npos || colon == 0) {
      return InvalidArgumentError("store " + std::string(uri) + ": '" + std::string(node) +
                                  "' is not HOST:PORT");
    }
    e.host = std::string(node.substr(0, colon));
    if (e.host.size() > 2 && e.host.front() == '[' && e.host.back() == ']') {
      e.host = e.host.substr(1, e.host.size() - 2);  // [::1]:7001
    }
    const std::string_view port = node.substr(colon + 1);
    if (std::from_chars(port.data(), port.data() + port.size(), e.port).ec != std::errc() ||
        port.empty() || e.port < 1 || e.port > 65535 ||
        port.find_first_not_of("0123456789") != std::string_view::npos) {
      return InvalidArgumentError("store " + std::string(uri) + ": '" + std::string(port) +
                                  "' is not a port (1..65535)");
    }
    out.push_back(std::move(e));
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return out;
}

}  // namespace sselab::storage
