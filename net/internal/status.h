// sselab Error <-> grpc::Status, both ways, for the service's own errors (an unknown
// index, a missing grant, an unreachable server). A scheme's errors do not use this: they
// travel inside the reply frame, as they do in-process.
#ifndef SSELAB_NET_INTERNAL_STATUS_H_
#define SSELAB_NET_INTERNAL_STATUS_H_

#include <grpcpp/support/status.h>

#include <string_view>

#include "base/error.h"
#include "base/result.h"

namespace sselab::net::internal {

// The gRPC code nearest the error's, its message, and the exact ErrorCode in the
// status's details (one byte), so the client gets back the same Error.
grpc::Status ToGrpc(const Error& error);
grpc::Status ToGrpc(const Status& status);
// The Error a gRPC failure means for a caller of `where` ("server HOST:PORT"): the
// carried ErrorCode if the server sent one, else one chosen from the gRPC code, with
// advice for the failures a user can fix (unreachable server, TLS refused, deadline).
Error FromGrpc(const grpc::Status& status, std::string_view where);

}  // namespace sselab::net::internal

#endif  // SSELAB_NET_INTERNAL_STATUS_H_
