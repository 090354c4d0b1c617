#include "net/remote.h"

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/files.h"
#include "index/message.h"
#include "index/operation.h"
#include "index/setup_protocol.h"
#include "net/grants.h"
#include "net/internal/status.h"
#include "net/internal/tls_credentials.h"
#include "net/proto/index_service.grpc.pb.h"

namespace sselab::net {
namespace fs = std::filesystem;
namespace {

// One gRPC channel and stub to a server, shared by a RemoteServer and its channels.
class Connection {
 public:
  Connection(RemoteOptions options, std::shared_ptr<grpc::Channel> channel)
      : options_(std::move(options)),
        where_("server " + options_.server),
        channel_(std::move(channel)),
        stub_(proto::IndexService::NewStub(channel_)) {}

  const RemoteOptions& options() const { return options_; }
  const std::string& where() const { return where_; }

  // Runs `rpc(context)` with the deadline, retrying while the server is unreachable.
  template <typename Rpc>
  Status Invoke(const Rpc& rpc) {
    grpc::Status status;
    for (int attempt = 0; attempt < std::max(options_.attempts, 1); ++attempt) {
      if (attempt > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100) * (1 << (attempt - 1)));
      }
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() +
                           std::chrono::milliseconds(options_.deadline_ms));
      status = rpc(context);
      if (status.ok()) return OkStatus();
      if (status.error_code() != grpc::StatusCode::UNAVAILABLE) break;
    }
    return internal::FromGrpc(status, where_);
  }

  proto::IndexService::Stub& stub() { return *stub_; }

  void Count(size_t request_bytes, size_t reply_bytes) {
    calls_.fetch_add(1, std::memory_order_relaxed);
    request_bytes_.fetch_add(request_bytes, std::memory_order_relaxed);
    reply_bytes_.fetch_add(reply_bytes, std::memory_order_relaxed);
  }
  Traffic traffic() const { return {calls_.load(), request_bytes_.load(), reply_bytes_.load()}; }

 private:
  const RemoteOptions options_;
  const std::string where_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<proto::IndexService::Stub> stub_;
  std::atomic<uint64_t> calls_{0};
  std::atomic<uint64_t> request_bytes_{0};
  std::atomic<uint64_t> reply_bytes_{0};
};

// A build's setup messages go on a Setup stream (net/proto/index_service.proto): each
// is written without waiting for the one before to be answered, and the server's answer
// (the last frame, or the first error) comes when the stream ends. A stream ends at the
// commit, before any other request, and after kStreamMessages messages, so that its
// deadline stays what that many calls would have: the client waits for the server once
// per kStreamMessages chunks instead of once per chunk. A setup message is never sent
// twice: the server sorts the build's upload in memory, so a repeat would duplicate
// entries, and a server that restarted has lost the rest.
class GrpcChannel final : public index::Channel {
 public:
  static constexpr size_t kStreamMessages = 16;

  explicit GrpcChannel(std::shared_ptr<Connection> connection)
      : connection_(std::move(connection)) {}
  ~GrpcChannel() override {
    std::lock_guard lock(mu_);
    if (stream_ != nullptr) {
      // An unfinished build: cancelling tells the server to discard its upload.
      stream_->context.TryCancel();
      (void)stream_->writer->Finish();
    }
  }

  Result<Bytes> Call(ByteView request) override {
    proto::CallRequest call;
    call.set_index(connection_->options().index);
    call.set_message(std::string(AsChars(request)));
    call.set_operation(index::OperationScope::Current());
    const bool entries = request.size() >= 2 && request[1] == index::kSetupEntries;
    const bool commit = request.size() >= 2 && request[1] == index::kSetupCommit;
    std::lock_guard lock(mu_);
    if (entries || commit) return CallSetup(call, request.size(), commit);
    if (stream_ != nullptr) SSELAB_RETURN_IF_ERROR(FinishSetup());
    proto::CallReply reply;
    SSELAB_RETURN_IF_ERROR(connection_->Invoke([&](grpc::ClientContext& context) {
      return connection_->stub().Call(&context, call, &reply);
    }));
    connection_->Count(request.size(), reply.frame().size());
    return index::DecodeReply(AsBytes(reply.frame()));
  }

 private:
  struct SetupStream {
    grpc::ClientContext context;
    proto::CallReply reply;
    std::unique_ptr<grpc::ClientWriter<proto::CallRequest>> writer;
    size_t messages = 0;
  };

  // REQUIRES: mu_ held.
  Result<Bytes> CallSetup(const proto::CallRequest& call, size_t request_size, bool commit) {
    if (stream_ == nullptr) {
      stream_ = std::make_unique<SetupStream>();
      stream_->context.set_deadline(std::chrono::system_clock::now() +
                                    std::chrono::milliseconds(connection_->options().deadline_ms) *
                                        static_cast<int64_t>(kStreamMessages));
      stream_->writer = connection_->stub().Setup(&stream_->context, &stream_->reply);
    }
    const bool written = stream_->writer->Write(call);
    ++stream_->messages;
    connection_->Count(request_size, 0);
    // An entries message is answered when the stream ends; until then it is taken as
    // accepted (its reply is empty), and an error the server met comes at the end.
    if (written && !commit && stream_->messages < kStreamMessages) return Bytes();
    return FinishSetup();
  }

  // Ends the stream and returns the server's answer to it. REQUIRES: mu_ held.
  Result<Bytes> FinishSetup() {
    std::unique_ptr<SetupStream> stream = std::move(stream_);
    stream->writer->WritesDone();
    const grpc::Status status = stream->writer->Finish();
    if (!status.ok()) return internal::FromGrpc(status, connection_->where());
    connection_->Count(0, stream->reply.frame().size());
    return index::DecodeReply(AsBytes(stream->reply.frame()));
  }

  std::shared_ptr<Connection> connection_;
  std::mutex mu_;  // guards stream_
  std::unique_ptr<SetupStream> stream_;
};

class GrpcRemote final : public index::RemoteServer {
 public:
  explicit GrpcRemote(std::shared_ptr<Connection> connection)
      : connection_(std::move(connection)) {}

  Status CreateIndex(std::string_view scheme, const index::Params& params) override {
    proto::CreateIndexRequest request;
    request.set_index(connection_->options().index);
    request.set_scheme(std::string(scheme));
    for (const auto& [k, v] : params.values()) request.add_params(k + "=" + v);
    proto::IndexDescription reply;
    return connection_->Invoke([&](grpc::ClientContext& context) {
      return connection_->stub().CreateIndex(&context, request, &reply);
    });
  }

  Status CheckIndex(std::string_view scheme) override {
    SSELAB_ASSIGN_OR_RETURN(proto::IndexDescription description, Describe());
    if (description.scheme() != scheme) {
      return CorruptionError(Where() + " holds a '" + description.scheme() + "' index, not the '" +
                             std::string(scheme) + "' index this client built");
    }
    return OkStatus();
  }

  Status DropIndex() override {
    proto::IndexName request;
    request.set_index(connection_->options().index);
    proto::Empty reply;
    return connection_->Invoke([&](grpc::ClientContext& context) {
      return connection_->stub().DropIndex(&context, request, &reply);
    });
  }

  Result<std::unique_ptr<index::Channel>> NewChannel() override {
    return std::unique_ptr<index::Channel>(std::make_unique<GrpcChannel>(connection_));
  }

  Status Flush() override {
    proto::IndexName request;
    request.set_index(connection_->options().index);
    proto::Empty reply;
    return connection_->Invoke([&](grpc::ClientContext& context) {
      return connection_->stub().FlushIndex(&context, request, &reply);
    });
  }

  Result<uint64_t> ServerBytes() override {
    SSELAB_ASSIGN_OR_RETURN(proto::IndexDescription description, Describe());
    return description.server_bytes();
  }

  std::string Where() const override {
    return connection_->where() + ", index " + connection_->options().index;
  }

  std::string ConfigJson() const override {
    const RemoteOptions& o = connection_->options();
    nlohmann::json j = {{"server", o.server},
                        {"index", o.index},
                        {"tls_cert", fs::absolute(o.tls.cert).string()},
                        {"tls_key", fs::absolute(o.tls.key).string()},
                        {"tls_ca", fs::absolute(o.tls.ca).string()}};
    return j.dump(2) + "\n";
  }

  Result<uint64_t> Ping(size_t payload_bytes) {
    proto::PingRequest request;
    request.set_payload(std::string(payload_bytes, '\0'));
    proto::PingReply reply;
    const auto start = std::chrono::steady_clock::now();
    SSELAB_RETURN_IF_ERROR(connection_->Invoke([&](grpc::ClientContext& context) {
      return connection_->stub().Ping(&context, request, &reply);
    }));
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::steady_clock::now() - start)
                                     .count());
  }

  Result<proto::IndexDescription> Describe() {
    proto::IndexName request;
    request.set_index(connection_->options().index);
    proto::IndexDescription reply;
    SSELAB_RETURN_IF_ERROR(connection_->Invoke([&](grpc::ClientContext& context) {
      return connection_->stub().DescribeIndex(&context, request, &reply);
    }));
    return reply;
  }

  Connection& connection() { return *connection_; }

 private:
  std::shared_ptr<Connection> connection_;
};

Status CheckServerAddress(const std::string& server) {
  const size_t colon = server.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == server.size() ||
      server.find_first_not_of("0123456789", colon + 1) != std::string::npos) {
    return InvalidArgumentError("server address '" + server + "' is not HOST:PORT");
  }
  return OkStatus();
}

Result<std::shared_ptr<Connection>> Connect(const RemoteOptions& options) {
  SSELAB_RETURN_IF_ERROR(CheckServerAddress(options.server));
  SSELAB_ASSIGN_OR_RETURN(auto creds, internal::ClientCredentials(options.tls));
  grpc::ChannelArguments args;
  const int max_bytes = static_cast<int>(
      std::min<size_t>(options.max_message_bytes, std::numeric_limits<int>::max()));
  args.SetMaxReceiveMessageSize(max_bytes);
  args.SetMaxSendMessageSize(max_bytes);
  auto channel = grpc::CreateCustomChannel(options.server, creds, args);
  return std::make_shared<Connection>(options, std::move(channel));
}

}  // namespace

Result<std::shared_ptr<index::RemoteServer>> ConnectRemote(const RemoteOptions& options) {
  if (!ValidIndexName(options.index)) {
    return InvalidArgumentError("invalid index name '" + options.index +
                                "': use 1 to 64 of A-Z a-z 0-9 . _ -, not starting with '.'");
  }
  SSELAB_ASSIGN_OR_RETURN(auto connection, Connect(options));
  return std::shared_ptr<index::RemoteServer>(std::make_shared<GrpcRemote>(std::move(connection)));
}

Result<RemoteOptions> ReadRemoteOptions(const fs::path& dir) {
  const fs::path file = index::EncryptedIndex::RemoteConfigPath(dir);
  SSELAB_ASSIGN_OR_RETURN(std::string text, ReadFileToString(file, 1 << 16));
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  RemoteOptions options;
  auto field = [&](const char* name, std::string& out) -> Status {
    if (!j.is_object() || !j.contains(name) || !j[name].is_string()) {
      return CorruptionError(file.string() + ": missing or malformed \"" + name + "\"");
    }
    out = j[name].get<std::string>();
    return OkStatus();
  };
  std::string cert, key, ca;
  SSELAB_RETURN_IF_ERROR(field("server", options.server));
  SSELAB_RETURN_IF_ERROR(field("index", options.index));
  SSELAB_RETURN_IF_ERROR(field("tls_cert", cert));
  SSELAB_RETURN_IF_ERROR(field("tls_key", key));
  SSELAB_RETURN_IF_ERROR(field("tls_ca", ca));
  options.tls = {.cert = cert, .key = key, .ca = ca};
  return options;
}

Result<std::unique_ptr<index::EncryptedIndex>> OpenIndex(const index::Registry& registry,
                                                         index::OpenOptions options) {
  std::error_code ec;
  if (options.remote == nullptr &&
      fs::exists(index::EncryptedIndex::RemoteConfigPath(options.dir), ec)) {
    SSELAB_ASSIGN_OR_RETURN(RemoteOptions remote, ReadRemoteOptions(options.dir));
    SSELAB_ASSIGN_OR_RETURN(options.remote, ConnectRemote(remote));
  }
  return index::EncryptedIndex::Open(registry, options);
}

Result<std::vector<RemoteIndexInfo>> ListRemoteIndexes(const RemoteOptions& options) {
  SSELAB_ASSIGN_OR_RETURN(auto connection, Connect(options));
  proto::Empty request;
  proto::IndexList reply;
  SSELAB_RETURN_IF_ERROR(connection->Invoke([&](grpc::ClientContext& context) {
    return connection->stub().ListIndexes(&context, request, &reply);
  }));
  std::vector<RemoteIndexInfo> out;
  for (const proto::IndexDescription& d : reply.indexes()) {
    out.push_back({.name = d.index(),
                   .scheme = d.scheme(),
                   .params = {d.params().begin(), d.params().end()},
                   .created_utc = d.created_utc(),
                   .server_bytes = d.server_bytes(),
                   .recording = d.recording()});
  }
  return out;
}

Result<Bytes> FetchRecording(const RemoteOptions& options) {
  SSELAB_ASSIGN_OR_RETURN(auto connection, Connect(options));
  proto::IndexName request;
  request.set_index(options.index);
  Bytes out;
  SSELAB_RETURN_IF_ERROR(connection->Invoke([&](grpc::ClientContext& context) {
    out.clear();
    auto reader = connection->stub().GetRecording(&context, request);
    proto::RecordingChunk chunk;
    while (reader->Read(&chunk)) {
      const ByteView data = AsBytes(chunk.data());
      out.insert(out.end(), data.begin(), data.end());
    }
    return reader->Finish();
  }));
  return out;
}

Result<Traffic> TrafficOf(index::RemoteServer& remote) {
  auto* grpc_remote = dynamic_cast<GrpcRemote*>(&remote);
  if (grpc_remote == nullptr) return InvalidArgumentError("not a net::ConnectRemote server");
  return grpc_remote->connection().traffic();
}

Result<uint64_t> PingNanos(index::RemoteServer& remote, size_t payload_bytes) {
  auto* grpc_remote = dynamic_cast<GrpcRemote*>(&remote);
  if (grpc_remote == nullptr) return InvalidArgumentError("not a net::ConnectRemote server");
  return grpc_remote->Ping(payload_bytes);
}

}  // namespace sselab::net
