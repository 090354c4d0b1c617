// Aborting on broken preconditions inside crypto/. Not installed.
#ifndef SSELAB_CRYPTO_INTERNAL_FATAL_H_
#define SSELAB_CRYPTO_INTERNAL_FATAL_H_

#include <string_view>

namespace sselab::crypto::internal {

// Prints "sselab crypto: <what>" to stderr and aborts. Only for a violated REQUIRES and for
// states with no safe way to continue (the OS random generator failing). `what` must never
// contain key bytes.
[[noreturn]] void Fatal(std::string_view what);

}  // namespace sselab::crypto::internal

#endif  // SSELAB_CRYPTO_INTERNAL_FATAL_H_
