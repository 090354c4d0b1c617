#include "base/result.h"

#include <cstdio>

namespace sselab::internal {

void ResultAccessFailure(const char* what, const Error* error) {
  if (error != nullptr) {
    std::fprintf(stderr, "sselab: %s (%s)\n", what, error->ToString().c_str());
  } else {
    std::fprintf(stderr, "sselab: %s\n", what);
  }
  std::abort();
}

}  // namespace sselab::internal
