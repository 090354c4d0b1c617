#include "net/internal/status.h"

#include <string>

namespace sselab::net::internal {
namespace {

grpc::StatusCode GrpcCode(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return grpc::StatusCode::INVALID_ARGUMENT;
    case ErrorCode::kNotFound:
      return grpc::StatusCode::NOT_FOUND;
    case ErrorCode::kAlreadyExists:
      return grpc::StatusCode::ALREADY_EXISTS;
    case ErrorCode::kCorruption:
      return grpc::StatusCode::DATA_LOSS;
    case ErrorCode::kWrongKey:
    case ErrorCode::kFailedPrecondition:
      return grpc::StatusCode::FAILED_PRECONDITION;
    case ErrorCode::kUnsupported:
      return grpc::StatusCode::UNIMPLEMENTED;
    case ErrorCode::kIoError:
    case ErrorCode::kInternal:
      return grpc::StatusCode::INTERNAL;
    case ErrorCode::kPermissionDenied:
      return grpc::StatusCode::PERMISSION_DENIED;
    case ErrorCode::kUnavailable:
      return grpc::StatusCode::UNAVAILABLE;
  }
  return grpc::StatusCode::UNKNOWN;
}

}  // namespace

grpc::Status ToGrpc(const Error& error) {
  const char code = static_cast<char>(error.code());
  return {GrpcCode(error.code()), error.message(), std::string(1, code)};
}

grpc::Status ToGrpc(const Status& status) {
  return status.ok() ? grpc::Status::OK : ToGrpc(status.error());
}

Error FromGrpc(const grpc::Status& status, std::string_view where) {
  const std::string at(where);
  const std::string& details = status.error_details();
  if (details.size() == 1 &&
      static_cast<uint8_t>(details[0]) <= static_cast<uint8_t>(kLastErrorCode)) {
    return {static_cast<ErrorCode>(static_cast<uint8_t>(details[0])),
            at + ": " + status.error_message()};
  }
  const std::string said = status.error_message();
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
      return UnavailableError(at + " is unreachable or refused the TLS handshake (" + said +
                              "); check that `sselab serve` runs there, that its certificate "
                              "is from the CA given by --tls-ca and names this host, and that "
                              "the client certificate is from the server's CA");
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return UnavailableError(at + " did not answer in time (" + said + ")");
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      return PermissionDeniedError(at + " refused the call: " + said);
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return InvalidArgumentError(at + " refused the message: " + said);
    case grpc::StatusCode::CANCELLED:
      return UnavailableError(at + ": the call was cancelled (" + said + ")");
    default:
      return InternalError(at + ": gRPC error " + std::to_string(status.error_code()) + ": " +
                           said);
  }
}

}  // namespace sselab::net::internal
