#include "index/operation.h"

#include <atomic>
#include <random>

namespace sselab::index {
namespace {

thread_local uint64_t current_operation = 0;

// Numbers start at a random point, so that two client processes of one server do not
// reuse each other's numbers; they never repeat within a process and are never 0.
uint64_t NextOperation() {
  static std::atomic<uint64_t> next = [] {
    std::random_device rd;
    return (uint64_t{rd()} << 32 | rd()) >> 1 | 1;
  }();
  uint64_t n = next.fetch_add(1, std::memory_order_relaxed);
  return n != 0 ? n : next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

OperationScope::OperationScope() : outermost_(current_operation == 0) {
  if (outermost_) current_operation = NextOperation();
}

OperationScope::~OperationScope() {
  if (outermost_) current_operation = 0;
}

uint64_t OperationScope::Current() { return current_operation; }

}  // namespace sselab::index
