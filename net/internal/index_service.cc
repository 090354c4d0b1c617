#include "net/internal/index_service.h"

#include <algorithm>

#include "index/message.h"
#include "net/internal/status.h"

namespace sselab::net::internal {
namespace {

Permission PermissionFor(index::Access access) {
  switch (access) {
    case index::Access::kRead:
      return Permission::kSearch;
    case index::Access::kWrite:
      return Permission::kUpdate;
    case index::Access::kSetup:
      return Permission::kAdmin;
  }
  return Permission::kAdmin;
}

std::string_view OperationFor(index::Access access) {
  switch (access) {
    case index::Access::kRead:
      return "search";
    case index::Access::kWrite:
      return "update";
    case index::Access::kSetup:
      return "build";
  }
  return "call";
}

void Describe(const HostedIndexInfo& info, proto::IndexDescription* out) {
  out->set_index(info.name);
  out->set_scheme(info.scheme);
  for (const std::string& p : info.params) out->add_params(p);
  out->set_created_utc(info.created_utc);
  out->set_server_bytes(info.server_bytes);
  out->set_recording(info.recording);
}

}  // namespace

Result<std::string> IndexServiceImpl::Identity(grpc::ServerContext* context,
                                               std::string_view what) {
  auto auth = context->auth_context();
  if (auth != nullptr) {
    auto names = auth->FindPropertyValues("x509_common_name");
    if (!names.empty()) {
      std::string identity(names.front().data(), names.front().size());
      if (ValidIdentity(identity)) return identity;
    }
  }
  log_("refused " + std::string(what) + " from " + context->peer() +
       ": its certificate names no valid identity (subject CN)");
  return PermissionDeniedError("your certificate names no valid identity (subject CN)");
}

Status IndexServiceImpl::Check(grpc::ServerContext* context, const std::string& identity,
                               std::string_view index, Permission permission,
                               std::string_view what) {
  if (grants_.Get()->Allows(identity, index, permission)) return OkStatus();
  log_("denied: " + identity + " (" + context->peer() + ") tried to " + std::string(what) +
       " index '" + std::string(index) + "' without the " +
       std::string(PermissionName(permission)) + " grant");
  return PermissionDeniedError("identity '" + identity + "' may not " + std::string(what) +
                               " index '" + std::string(index) + "' (it needs the " +
                               std::string(PermissionName(permission)) + " grant)");
}

grpc::Status IndexServiceImpl::Call(grpc::ServerContext* context, const proto::CallRequest* request,
                                    proto::CallReply* reply) {
  auto identity = Identity(context, "a call");
  if (!identity.ok()) return ToGrpc(identity.error());
  const std::string& message = request->message();
  auto frame = host_.Call(request->index(), AsBytes(message), request->operation(),
                          [&](index::Access access) -> Status {
                            return Check(context, *identity, request->index(),
                                         PermissionFor(access), OperationFor(access));
                          });
  if (!frame.ok()) return ToGrpc(frame.error());
  reply->set_frame(std::string(AsChars(*frame)));
  return grpc::Status::OK;
}

grpc::Status IndexServiceImpl::Setup(grpc::ServerContext* context,
                                     grpc::ServerReader<proto::CallRequest>* reader,
                                     proto::CallReply* reply) {
  auto identity = Identity(context, "a build");
  if (!identity.ok()) return ToGrpc(identity.error());
  proto::CallRequest request;
  std::string index;
  Bytes frame;
  uint64_t messages = 0;
  while (reader->Read(&request)) {
    if (messages++ == 0) {
      index = request.index();
    } else if (request.index() != index) {
      return ToGrpc(InvalidArgumentError("a setup stream is for one index: '" + index +
                                         "', then '" + request.index() + "'"));
    }
    auto handled =
        host_.Call(index, AsBytes(request.message()), request.operation(),
                   [&](index::Access access) -> Status {
                     if (access != index::Access::kSetup) {
                       return InvalidArgumentError("a setup stream carries setup messages only");
                     }
                     return Check(context, *identity, index, Permission::kAdmin, "build");
                   });
    if (!handled.ok()) return ToGrpc(handled.error());
    frame = std::move(handled).value();
    if (!index::DecodeReply(frame).ok()) break;  // the scheme refused it: read no further
  }
  if (context->IsCancelled()) {
    // The client gave up or died mid-build: what it uploaded must not meet a new build.
    if (!index.empty()) (void)host_.AbandonSetup(index);
    return grpc::Status(grpc::StatusCode::CANCELLED, "the client cancelled the build");
  }
  if (messages == 0) return ToGrpc(InvalidArgumentError("an empty setup stream"));
  reply->set_frame(std::string(AsChars(frame)));
  return grpc::Status::OK;
}

grpc::Status IndexServiceImpl::CreateIndex(grpc::ServerContext* context,
                                           const proto::CreateIndexRequest* request,
                                           proto::IndexDescription* reply) {
  auto identity = Identity(context, "create");
  if (!identity.ok()) return ToGrpc(identity.error());
  Status allowed = Check(context, *identity, request->index(), Permission::kAdmin, "create");
  if (!allowed.ok()) return ToGrpc(allowed);
  std::vector<std::string> params(request->params().begin(), request->params().end());
  auto info = host_.Create(request->index(), request->scheme(), params);
  if (!info.ok()) return ToGrpc(info.error());
  log_(*identity + " created index '" + info->name + "' (" + info->scheme + ")");
  Describe(*info, reply);
  return grpc::Status::OK;
}

grpc::Status IndexServiceImpl::DescribeIndex(grpc::ServerContext* context,
                                             const proto::IndexName* request,
                                             proto::IndexDescription* reply) {
  auto identity = Identity(context, "describe");
  if (!identity.ok()) return ToGrpc(identity.error());
  if (grants_.Get()->PermissionsOn(*identity, request->index()) == 0) {
    return ToGrpc(Check(context, *identity, request->index(), Permission::kSearch, "describe"));
  }
  auto info = host_.Describe(request->index());
  if (!info.ok()) return ToGrpc(info.error());
  Describe(*info, reply);
  return grpc::Status::OK;
}

grpc::Status IndexServiceImpl::DropIndex(grpc::ServerContext* context,
                                         const proto::IndexName* request, proto::Empty* /*reply*/) {
  auto identity = Identity(context, "drop");
  if (!identity.ok()) return ToGrpc(identity.error());
  Status allowed = Check(context, *identity, request->index(), Permission::kAdmin, "drop");
  if (!allowed.ok()) return ToGrpc(allowed);
  Status dropped = host_.Drop(request->index());
  if (dropped.ok()) log_(*identity + " dropped index '" + request->index() + "'");
  return ToGrpc(dropped);
}

grpc::Status IndexServiceImpl::ListIndexes(grpc::ServerContext* context,
                                           const proto::Empty* /*request*/,
                                           proto::IndexList* reply) {
  auto identity = Identity(context, "list");
  if (!identity.ok()) return ToGrpc(identity.error());
  auto grants = grants_.Get();
  for (const HostedIndexInfo& info : host_.List()) {
    if (grants->PermissionsOn(*identity, info.name) != 0) Describe(info, reply->add_indexes());
  }
  return grpc::Status::OK;
}

grpc::Status IndexServiceImpl::FlushIndex(grpc::ServerContext* context,
                                          const proto::IndexName* request,
                                          proto::Empty* /*reply*/) {
  auto identity = Identity(context, "flush");
  if (!identity.ok()) return ToGrpc(identity.error());
  const PermissionSet held = grants_.Get()->PermissionsOn(*identity, request->index());
  if (!Contains(held, Permission::kUpdate) && !Contains(held, Permission::kAdmin)) {
    return ToGrpc(Check(context, *identity, request->index(), Permission::kUpdate, "flush"));
  }
  return ToGrpc(host_.Flush(request->index()));
}

grpc::Status IndexServiceImpl::GetRecording(grpc::ServerContext* context,
                                            const proto::IndexName* request,
                                            grpc::ServerWriter<proto::RecordingChunk>* writer) {
  auto identity = Identity(context, "a recording");
  if (!identity.ok()) return ToGrpc(identity.error());
  Status allowed =
      Check(context, *identity, request->index(), Permission::kAdmin, "read the recording of");
  if (!allowed.ok()) return ToGrpc(allowed);
  auto recording = host_.Recording(request->index());
  if (!recording.ok()) return ToGrpc(recording.error());
  constexpr size_t kChunk = 4 << 20;  // well under any message limit
  for (size_t at = 0; at < recording->size(); at += kChunk) {
    proto::RecordingChunk chunk;
    const size_t n = std::min(kChunk, recording->size() - at);
    chunk.set_data(std::string(AsChars(ByteView(*recording).subspan(at, n))));
    if (!writer->Write(chunk)) return grpc::Status(grpc::StatusCode::CANCELLED, "client gone");
  }
  log_(*identity + " read the recording of index '" + request->index() + "' (" +
       std::to_string(recording->size()) + " bytes)");
  return grpc::Status::OK;
}

grpc::Status IndexServiceImpl::Ping(grpc::ServerContext* context, const proto::PingRequest* request,
                                    proto::PingReply* reply) {
  auto identity = Identity(context, "ping");
  if (!identity.ok()) return ToGrpc(identity.error());
  reply->set_payload(request->payload());
  return grpc::Status::OK;
}

}  // namespace sselab::net::internal
