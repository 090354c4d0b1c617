// Shared by Orion's tests: a fixed test key, a small capacity, and a registry holding
// only the `orion` scheme (so that the module's tests need nothing beyond it).
#ifndef SSELAB_SSE_ORION_ORION_TESTING_H_
#define SSELAB_SSE_ORION_ORION_TESTING_H_

#include <gtest/gtest.h>

#include "crypto/secret_key.h"
#include "index/registry.h"
#include "sse/orion/orion_scheme.h"

namespace sselab::sse::orion::testing {

inline constexpr uint64_t kCapacity = 1024;

inline crypto::SecretKey TestKey() {
  Bytes k(32, 0x5a);
  return crypto::SecretKey::FromBytes(k).value();
}

inline const index::Registry& OrionRegistry() {
  static const index::Registry registry = [] {
    index::Registry r;
    EXPECT_TRUE(r.Register(OrionScheme()).ok());
    return r;
  }();
  return registry;
}

}  // namespace sselab::sse::orion::testing

#endif  // SSELAB_SSE_ORION_ORION_TESTING_H_
