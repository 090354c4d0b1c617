// ParallelFor, ParallelTry: split [0, n) into contiguous chunks over the machine's hardware
// threads.
#ifndef SSELAB_BASE_PARALLEL_H_
#define SSELAB_BASE_PARALLEL_H_

#include <cstddef>
#include <functional>

#include "base/result.h"

namespace sselab {

// Calls fn(begin, end) on disjoint ranges covering [0, n), from up to
// std::thread::hardware_concurrency() threads (the caller's thread is one of them), and
// returns when all are done. Ranges are at least `min_chunk` long, so small n stays on
// one thread. fn must be safe to call concurrently on disjoint ranges.
void ParallelFor(size_t n, size_t min_chunk, const std::function<void(size_t, size_t)>& fn);

// ParallelFor for work that may fail: the error of the first failing range (in range
// order), or Ok. Every range runs to its end or its own first error.
Status ParallelTry(size_t n, size_t min_chunk, const std::function<Status(size_t, size_t)>& fn);

}  // namespace sselab

#endif  // SSELAB_BASE_PARALLEL_H_
