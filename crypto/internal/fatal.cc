#include "crypto/internal/fatal.h"

#include <cstdio>
#include <cstdlib>

namespace sselab::crypto::internal {

void Fatal(std::string_view what) {
  std::fprintf(stderr, "sselab crypto: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

}  // namespace sselab::crypto::internal
