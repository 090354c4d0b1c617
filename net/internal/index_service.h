// IndexServiceImpl: the gRPC service of `sselab serve` (net/proto/index_service.proto).
//
// Each call: the caller's identity is its client certificate's subject CN (TLS already
// verified the chain); the grants decide; the IndexHost does the work. A refusal is
// PERMISSION_DENIED for the caller and one log line for the operator naming who tried
// what on which index. Scheme messages pass through unparsed.
#ifndef SSELAB_NET_INTERNAL_INDEX_SERVICE_H_
#define SSELAB_NET_INTERNAL_INDEX_SERVICE_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "net/grants.h"
#include "net/index_host.h"
#include "net/proto/index_service.grpc.pb.h"

namespace sselab::net::internal {

using LogFn = std::function<void(const std::string& line)>;

// The grants in force; replaced whole when the file changes.
class GrantsHolder {
 public:
  explicit GrantsHolder(Grants grants)
      : grants_(std::make_shared<const Grants>(std::move(grants))) {}
  std::shared_ptr<const Grants> Get() const {
    std::lock_guard lock(mu_);
    return grants_;
  }
  void Set(Grants grants) {
    auto fresh = std::make_shared<const Grants>(std::move(grants));
    std::lock_guard lock(mu_);
    grants_ = std::move(fresh);
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const Grants> grants_;
};

// Thread safety: gRPC calls the methods from many threads; all state is in the host (safe)
// and the grants holder (safe). `host`, `grants` and `log` outlive the service.
class IndexServiceImpl final : public proto::IndexService::Service {
 public:
  IndexServiceImpl(IndexHost& host, const GrantsHolder& grants, LogFn log)
      : host_(host), grants_(grants), log_(std::move(log)) {}

  grpc::Status Call(grpc::ServerContext* context, const proto::CallRequest* request,
                    proto::CallReply* reply) override;
  grpc::Status Setup(grpc::ServerContext* context, grpc::ServerReader<proto::CallRequest>* reader,
                     proto::CallReply* reply) override;
  grpc::Status CreateIndex(grpc::ServerContext* context, const proto::CreateIndexRequest* request,
                           proto::IndexDescription* reply) override;
  grpc::Status DescribeIndex(grpc::ServerContext* context, const proto::IndexName* request,
                             proto::IndexDescription* reply) override;
  grpc::Status DropIndex(grpc::ServerContext* context, const proto::IndexName* request,
                         proto::Empty* reply) override;
  grpc::Status ListIndexes(grpc::ServerContext* context, const proto::Empty* request,
                           proto::IndexList* reply) override;
  grpc::Status FlushIndex(grpc::ServerContext* context, const proto::IndexName* request,
                          proto::Empty* reply) override;
  grpc::Status GetRecording(grpc::ServerContext* context, const proto::IndexName* request,
                            grpc::ServerWriter<proto::RecordingChunk>* writer) override;
  grpc::Status Ping(grpc::ServerContext* context, const proto::PingRequest* request,
                    proto::PingReply* reply) override;

 private:
  // The caller's identity, or kPermissionDenied (logged) if its certificate names none.
  Result<std::string> Identity(grpc::ServerContext* context, std::string_view what);
  // OK if `identity` holds `permission` on `index`; else kPermissionDenied, logged.
  Status Check(grpc::ServerContext* context, const std::string& identity, std::string_view index,
               Permission permission, std::string_view what);

  IndexHost& host_;
  const GrantsHolder& grants_;
  LogFn log_;
};

}  // namespace sselab::net::internal

#endif  // SSELAB_NET_INTERNAL_INDEX_SERVICE_H_
