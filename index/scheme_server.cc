#include "index/scheme_server.h"

#include "index/message.h"

namespace sselab::index {

SchemeServer::SchemeServer(std::string name, storage::Store& store, std::vector<SetupTable> tables)
    : store_(store), name_(std::move(name)), setup_(store, std::move(tables)) {}

Result<Bytes> SchemeServer::Handle(ByteView request) {
  ByteReader r(request, name_ + " request");
  SSELAB_ASSIGN_OR_RETURN(RequestHeader header, ReadRequestHeader(r));
  if (IsSetupType(header.type)) {
    return setup_.Handle(header.type, r);
  }
  return HandleRequest(header.type, r);
}

Access SchemeServer::AccessOf(ByteView request) const {
  ByteReader r(request, name_ + " request");
  Result<RequestHeader> header = ReadRequestHeader(r);
  if (!header.ok()) return Access::kWrite;
  if (IsSetupType(header->type)) return Access::kSetup;
  return ReadsOnly(header->type) ? Access::kRead : Access::kWrite;
}

Purpose SchemeServer::PurposeOf(ByteView request) const {
  ByteReader r(request, name_ + " request");
  Result<RequestHeader> header = ReadRequestHeader(r);
  if (!header.ok()) return Purpose::kUnknown;
  if (IsSetupType(header->type)) return Purpose::kSetup;
  return PurposeOfRequest(header->type, request.subspan(request.size() - r.remaining()));
}

Purpose SchemeServer::PurposeOfRequest(uint8_t type, ByteView /*body*/) const {
  return ReadsOnly(type) ? Purpose::kSearch : Purpose::kUpdate;
}

Error SchemeServer::UnknownRequest(uint8_t type) const { return UnknownRequestType(name_, type); }

Status SchemeServer::SetupComplete() {
  if (setup_complete_) return OkStatus();
  SSELAB_RETURN_IF_ERROR(CheckSetupComplete(store_));
  setup_complete_ = true;
  return OkStatus();
}

}  // namespace sselab::index
