// Every scheme sselab ships, registered by name.
#ifndef SSELAB_SCHEMES_BUILTIN_H_
#define SSELAB_SCHEMES_BUILTIN_H_

#include "index/registry.h"

namespace sselab::schemes {

// A registry holding every built-in scheme. The first call builds it; thread-safe.
const index::Registry& BuiltinRegistry();

}  // namespace sselab::schemes

#endif  // SSELAB_SCHEMES_BUILTIN_H_
