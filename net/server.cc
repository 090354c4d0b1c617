#include "net/server.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <thread>

#include "index/index_meta.h"
#include "net/grants.h"
#include "net/index_host.h"
#include "net/internal/index_service.h"
#include "net/internal/tls_credentials.h"

namespace sselab::net {
namespace fs = std::filesystem;
namespace {

void LogToStderr(const std::string& line) {
  std::fprintf(stderr, "%s sselab serve: %s\n", index::UtcNow().c_str(), line.c_str());
}

fs::file_time_type ModifiedTime(const fs::path& file) {
  std::error_code ec;
  return fs::last_write_time(file, ec);
}

}  // namespace

struct NetServer::State {
  ServeOptions options;
  std::unique_ptr<IndexHost> host;
  std::unique_ptr<internal::GrantsHolder> grants;
  std::unique_ptr<internal::IndexServiceImpl> service;
  std::unique_ptr<grpc::Server> server;
  int port = 0;
  // The grant-file watcher.
  std::thread watcher;
  std::mutex mu;
  std::condition_variable stop_cv;
  bool stopping = false;
  bool stopped = false;

  void WatchGrants() {
    fs::file_time_type seen = ModifiedTime(options.grants_file);
    std::unique_lock lock(mu);
    while (!stopping) {
      stop_cv.wait_for(lock, std::chrono::seconds(options.tls.refresh_seconds));
      if (stopping) break;
      fs::file_time_type now = ModifiedTime(options.grants_file);
      if (now == seen) continue;
      seen = now;
      Result<Grants> fresh = Grants::Load(options.grants_file);
      if (!fresh.ok()) {
        options.log("grant file changed but is refused, the previous grants stay: " +
                    fresh.error().message());
        continue;
      }
      options.log("grants reloaded from " + options.grants_file.string() + " (" +
                  std::to_string(fresh->size()) + " entries)");
      grants->Set(std::move(fresh).value());
    }
  }
};

NetServer::NetServer(std::unique_ptr<State> state) : state_(std::move(state)) {}

NetServer::~NetServer() {
  Shutdown();
  Wait();
}

Result<std::unique_ptr<NetServer>> NetServer::Start(const index::Registry& registry,
                                                    ServeOptions options) {
  if (!options.log) options.log = LogToStderr;
  if (options.data_dir.empty()) return InvalidArgumentError("serve: --data is required");
  if (options.grants_file.empty()) {
    return InvalidArgumentError(
        "serve: --grants is required: without a grant file no client may do anything");
  }
  auto state = std::make_unique<State>();
  SSELAB_ASSIGN_OR_RETURN(auto creds, internal::ServerCredentials(options.tls));
  SSELAB_ASSIGN_OR_RETURN(Grants grants, Grants::Load(options.grants_file));
  state->grants = std::make_unique<internal::GrantsHolder>(std::move(grants));
  SSELAB_ASSIGN_OR_RETURN(state->host,
                          IndexHost::Open(registry, {.data_dir = options.data_dir,
                                                     .store_options = options.store_options,
                                                     .store = options.store,
                                                     .record_dir = options.record_dir,
                                                     .log = options.log}));
  state->options = std::move(options);
  state->service = std::make_unique<internal::IndexServiceImpl>(*state->host, *state->grants,
                                                                state->options.log);
  grpc::ServerBuilder builder;
  builder.AddListeningPort(state->options.listen, creds, &state->port);
  builder.RegisterService(state->service.get());
  const int max_bytes = static_cast<int>(
      std::min<size_t>(state->options.max_message_bytes, std::numeric_limits<int>::max()));
  builder.SetMaxReceiveMessageSize(max_bytes);
  builder.SetMaxSendMessageSize(max_bytes);
  state->server = builder.BuildAndStart();
  if (state->server == nullptr || state->port == 0) {
    return UnavailableError("serve: cannot listen on " + state->options.listen +
                            " (address in use, or not an address of this host)");
  }
  state->options.log(
      "listening on " + state->options.listen + " (port " + std::to_string(state->port) +
      "), mutual TLS 1.3, data in " + state->options.data_dir.string() + ", " +
      std::to_string(state->host->List().size()) + " indexes" +
      (state->options.record_dir.empty()
           ? std::string()
           : ", recording the server's view to " + state->options.record_dir.string()));
  State* raw = state.get();
  state->watcher = std::thread([raw] { raw->WatchGrants(); });
  return std::unique_ptr<NetServer>(new NetServer(std::move(state)));
}

int NetServer::port() const { return state_->port; }

void NetServer::Shutdown(int grace_ms) {
  {
    std::lock_guard lock(state_->mu);
    if (state_->stopping) return;
    state_->stopping = true;
  }
  state_->stop_cv.notify_all();
  state_->server->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(grace_ms));
  if (state_->watcher.joinable()) state_->watcher.join();
  state_->server->Wait();
  Status saved = state_->host->SaveRecordings();
  if (!saved.ok()) state_->options.log("recording not written: " + saved.error().ToString());
  state_->host.reset();  // closes every store
  state_->options.log("stopped");
  std::lock_guard lock(state_->mu);
  state_->stopped = true;
  state_->stop_cv.notify_all();
}

void NetServer::Wait() {
  std::unique_lock lock(state_->mu);
  state_->stop_cv.wait(lock, [this] { return state_->stopped; });
}

}  // namespace sselab::net
