// MemoryStore: an in-memory Store (ordered maps), for tests and in-memory baselines.
#ifndef SSELAB_STORAGE_MEMORY_STORE_H_
#define SSELAB_STORAGE_MEMORY_STORE_H_

#include <memory>

#include "storage/store.h"

namespace sselab::storage {

// SizeOnDisk() reports the bytes of all keys and values held.
std::unique_ptr<Store> NewMemoryStore();

}  // namespace sselab::storage

#endif  // SSELAB_STORAGE_MEMORY_STORE_H_
