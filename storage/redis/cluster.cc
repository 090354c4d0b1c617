#include "storage/redis/cluster.h"

#include <algorithm>
#include <charconv>
#include <thread>
#include <utility>

namespace sselab::storage::redis {
namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kMaxIdlePerNode = 16;

// "MOVED 3999 127.0.0.1:6381" / "ASK ...": the node named, or nullopt if unreadable. An
// empty host means the host of the node that answered.
std::optional<Endpoint> RedirectTarget(std::string_view error, const Endpoint& from) {
  const size_t a = error.find(' ');
  const size_t b = a == std::string_view::npos ? a : error.find(' ', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  const std::string_view target = error.substr(b + 1);
  const size_t colon = target.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  Endpoint e;
  e.host = std::string(target.substr(0, colon));
  if (e.host.empty()) e.host = from.host;
  const std::string_view port = target.substr(colon + 1);
  if (std::from_chars(port.data(), port.data() + port.size(), e.port).ec != std::errc() ||
      e.port <= 0 || e.port > 65535) {
    return std::nullopt;
  }
  return e;
}

bool IsFailoverError(std::string_view kind) {
  return kind == "CLUSTERDOWN" || kind == "TRYAGAIN" || kind == "LOADING" || kind == "MASTERDOWN" ||
         kind == "READONLY";
}

}  // namespace

Result<std::unique_ptr<Cluster>> Cluster::Connect(const ClusterOptions& options) {
  if (options.seeds.empty()) {
    return InvalidArgumentError("store: a Redis Cluster needs at least one node (HOST:PORT)");
  }
  std::unique_ptr<Cluster> cluster(new Cluster(options));
  SSELAB_ASSIGN_OR_RETURN(cluster->tls_, TlsContext::Load(options.tls));
  cluster->owner_.fill(-1);
  cluster->nodes_ = options.seeds;
  SSELAB_RETURN_IF_ERROR(cluster->RefreshSlots());
  return cluster;
}

Cluster::~Cluster() = default;

ClusterStats Cluster::stats() const {
  std::lock_guard lock(stats_mu_);
  return stats_;
}

Result<std::unique_ptr<NodeConnection>> Cluster::Acquire(const Endpoint& node) {
  {
    std::lock_guard lock(pool_mu_);
    auto it = idle_.find(node.ToString());
    if (it != idle_.end() && !it->second.empty()) {
      auto c = std::move(it->second.back());
      it->second.pop_back();
      return c;
    }
  }
  return NodeConnection::Connect(node, tls_, options_.io_timeout);
}

void Cluster::Release(std::unique_ptr<NodeConnection> connection) {
  std::lock_guard lock(pool_mu_);
  auto& idle = idle_[connection->endpoint().ToString()];
  if (idle.size() < kMaxIdlePerNode) idle.push_back(std::move(connection));
}

int Cluster::OwnerOf(uint16_t slot) const {
  std::shared_lock lock(map_mu_);
  return owner_[slot];
}

Endpoint Cluster::NodeAt(int index) const {
  std::shared_lock lock(map_mu_);
  return nodes_[static_cast<size_t>(index)];
}

void Cluster::SetOwner(uint16_t slot, const Endpoint& node) {
  std::unique_lock lock(map_mu_);
  auto it = std::find(nodes_.begin(), nodes_.end(), node);
  if (it == nodes_.end()) it = nodes_.insert(nodes_.end(), node);
  owner_[slot] = static_cast<int16_t>(it - nodes_.begin());
}

Status Cluster::LoadSlots(const Reply& slots, const Endpoint& asked) {
  if (slots.type != Reply::Type::kArray) {
    return CorruptionError("Redis node " + asked.ToString() + ": CLUSTER SLOTS is not an array");
  }
  std::vector<Endpoint> nodes;
  std::array<int16_t, kSlotCount> owner;
  owner.fill(-1);
  for (const Reply& range : slots.elements) {
    if (range.type != Reply::Type::kArray || range.elements.size() < 3 ||
        range.elements[0].type != Reply::Type::kInteger ||
        range.elements[1].type != Reply::Type::kInteger ||
        range.elements[2].type != Reply::Type::kArray || range.elements[2].elements.size() < 2 ||
        range.elements[2].elements[1].type != Reply::Type::kInteger) {
      return CorruptionError("Redis node " + asked.ToString() +
                             ": CLUSTER SLOTS has a malformed range");
    }
    const int64_t first = range.elements[0].integer;
    const int64_t last = range.elements[1].integer;
    if (first < 0 || last >= kSlotCount || first > last) {
      return CorruptionError("Redis node " + asked.ToString() +
                             ": CLUSTER SLOTS names slots out of range");
    }
    const Reply& master = range.elements[2];
    Endpoint e{master.elements[0].str, static_cast<int>(master.elements[1].integer)};
    if (e.host.empty() || e.host == "?") e.host = asked.host;
    auto it = std::find(nodes.begin(), nodes.end(), e);
    if (it == nodes.end()) it = nodes.insert(nodes.end(), e);
    const auto index = static_cast<int16_t>(it - nodes.begin());
    for (int64_t s = first; s <= last; ++s) owner[static_cast<size_t>(s)] = index;
  }
  std::unique_lock lock(map_mu_);
  // Keep every node known before (they may serve again after a failover), then the new ones.
  std::vector<Endpoint> merged = nodes_;
  std::vector<int16_t> remap(nodes.size());
  for (size_t i = 0; i < nodes.size(); ++i) {
    auto it = std::find(merged.begin(), merged.end(), nodes[i]);
    if (it == merged.end()) it = merged.insert(merged.end(), nodes[i]);
    remap[i] = static_cast<int16_t>(it - merged.begin());
  }
  for (auto& o : owner) {
    if (o >= 0) o = remap[static_cast<size_t>(o)];
  }
  nodes_ = std::move(merged);
  owner_ = owner;
  return OkStatus();
}

Status Cluster::RefreshSlots() {
  {
    std::lock_guard lock(stats_mu_);
    ++stats_.refreshes;
  }
  std::vector<Endpoint> candidates;
  {
    std::shared_lock lock(map_mu_);
    candidates = nodes_;
  }
  for (const Endpoint& s : options_.seeds) {
    if (std::find(candidates.begin(), candidates.end(), s) == candidates.end()) {
      candidates.push_back(s);
    }
  }
  std::string last = "no node to ask";
  for (const Endpoint& node : candidates) {
    auto connection = Acquire(node);
    if (!connection.ok()) {
      if (connection.error().code() == ErrorCode::kPermissionDenied) return connection.error();
      last = connection.error().message();
      continue;
    }
    std::string request;
    const Command command{"CLUSTER", "SLOTS"};
    AppendCommand(request, command);
    auto reply = (*connection)->Pipeline(request, 1);
    if (!reply.ok()) {
      last = reply.error().message();
      continue;
    }
    Release(std::move(connection).value());
    if (reply->front().is_error()) {
      last = "Redis node " + node.ToString() + ": CLUSTER SLOTS answered " + reply->front().str;
      continue;
    }
    return LoadSlots(reply->front(), node);
  }
  return UnavailableError("no node of the Redis Cluster answered (last: " + last + ")");
}

Result<Reply> Cluster::RunOne(const Request& request, bool writes) {
  SSELAB_ASSIGN_OR_RETURN(auto replies, Run(std::span<const Request>(&request, 1), writes));
  return std::move(replies.front());
}

Result<std::vector<Reply>> Cluster::Run(std::span<const Request> requests, bool writes) {
  std::vector<Reply> out(requests.size());
  std::vector<size_t> pending(requests.size());
  for (size_t i = 0; i < pending.size(); ++i) pending[i] = i;
  std::vector<std::optional<Endpoint>> ask(requests.size());
  const auto deadline = Clock::now() + options_.retry_for;
  auto backoff = std::chrono::milliseconds(10);
  std::string last_problem;

  while (!pending.empty()) {
    // Group by node: ASK targets first, then the slot map.
    std::map<std::string, std::pair<Endpoint, std::vector<size_t>>> groups;
    std::vector<size_t> retry;
    bool refresh = false;
    bool wait = false;
    for (const size_t i : pending) {
      Endpoint node;
      if (ask[i].has_value()) {
        node = *ask[i];
      } else if (const int owner = OwnerOf(requests[i].slot); owner >= 0) {
        node = NodeAt(owner);
      } else {
        last_problem = "slot " + std::to_string(requests[i].slot) + " is served by no master";
        retry.push_back(i);
        refresh = wait = true;
        continue;
      }
      auto& g = groups[node.ToString()];
      g.first = node;
      g.second.push_back(i);
    }

    struct Sent {
      Endpoint node;
      std::vector<size_t> indexes;
      std::unique_ptr<NodeConnection> connection;
      size_t replies = 0;
    };
    std::vector<Sent> sent;
    for (auto& [name, group] : groups) {
      Sent s{group.first, std::move(group.second), nullptr, 0};
      auto connection = Acquire(s.node);
      if (!connection.ok()) {
        if (connection.error().code() != ErrorCode::kUnavailable) return connection.error();
        last_problem = connection.error().message();
        retry.insert(retry.end(), s.indexes.begin(), s.indexes.end());
        refresh = wait = true;
        continue;
      }
      std::string bytes;
      for (const size_t i : s.indexes) {
        if (ask[i].has_value()) {
          AppendCommand(bytes, Command{"ASKING"});
          ++s.replies;
        }
        AppendCommand(bytes, requests[i].command);
        ++s.replies;
      }
      if (writes && options_.min_replicas > 0) {
        AppendCommand(bytes, Command{"WAIT", std::to_string(options_.min_replicas),
                                     std::to_string(options_.replica_timeout.count())});
        ++s.replies;
      }
      if (Status st = (*connection)->Send(bytes); !st.ok()) {
        last_problem = st.error().message();
        retry.insert(retry.end(), s.indexes.begin(), s.indexes.end());
        refresh = wait = true;
        continue;
      }
      s.connection = std::move(connection).value();
      sent.push_back(std::move(s));
    }
    {
      std::lock_guard lock(stats_mu_);
      stats_.round_trips += sent.size();
    }

    for (Sent& s : sent) {
      auto replies = s.connection->Receive(s.replies);
      if (!replies.ok()) {
        if (replies.error().code() != ErrorCode::kUnavailable) return replies.error();
        last_problem = replies.error().message();
        retry.insert(retry.end(), s.indexes.begin(), s.indexes.end());
        refresh = wait = true;
        continue;
      }
      Release(std::move(s.connection));
      size_t r = 0;
      std::vector<size_t> node_done;
      bool node_retry = false;
      for (const size_t i : s.indexes) {
        if (ask[i].has_value()) ++r;  // ASKING's +OK
        Reply& reply = (*replies)[r++];
        const std::string_view kind = reply.ErrorKind();
        if (kind == "MOVED" || kind == "ASK") {
          const auto target = RedirectTarget(reply.str, s.node);
          if (!target.has_value()) {
            return CorruptionError("Redis node " + s.node.ToString() +
                                   ": unreadable redirection '" + reply.str + "'");
          }
          if (kind == "MOVED") {
            SetOwner(requests[i].slot, *target);
            ask[i].reset();
          } else {
            ask[i] = *target;
          }
          std::lock_guard lock(stats_mu_);
          ++stats_.redirects;
          retry.push_back(i);
          continue;
        }
        ask[i].reset();
        if (IsFailoverError(kind)) {
          last_problem = "Redis node " + s.node.ToString() + ": " + reply.str;
          retry.push_back(i);
          refresh = wait = true;
          continue;
        }
        out[i] = std::move(reply);
        node_done.push_back(i);
      }
      if (writes && options_.min_replicas > 0) {
        const Reply& acked = (*replies)[r];
        if (acked.type != Reply::Type::kInteger || acked.integer < options_.min_replicas) {
          // Not yet on enough replicas: resend this node's writes (idempotent) after a wait.
          last_problem = "Redis node " + s.node.ToString() + ": a write reached " +
                         (acked.type == Reply::Type::kInteger ? std::to_string(acked.integer)
                                                              : "'" + acked.str + "'") +
                         " of the " + std::to_string(options_.min_replicas) +
                         " replica(s) it must reach";
          node_retry = true;
          wait = true;
        }
      }
      if (node_retry) retry.insert(retry.end(), node_done.begin(), node_done.end());
    }

    pending = std::move(retry);
    if (pending.empty()) break;
    if (Clock::now() >= deadline) {
      return UnavailableError("the Redis Cluster did not complete the request within " +
                              std::to_string(options_.retry_for.count()) +
                              " ms (last: " + last_problem + ")");
    }
    if (wait) {
      {
        std::lock_guard lock(stats_mu_);
        ++stats_.retries;
      }
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, std::chrono::milliseconds(500));
    }
    if (refresh) {
      Status refreshed = RefreshSlots();
      if (!refreshed.ok()) {
        if (refreshed.error().code() == ErrorCode::kPermissionDenied) return refreshed.error();
        last_problem = refreshed.error().message();
      }
    }
  }
  return out;
}

}  // namespace sselab::storage::redis
