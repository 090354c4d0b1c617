#include "peks/parallel.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace sselab::peks {

void ParallelFor(size_t n, size_t min_chunk, const std::function<void(size_t, size_t)>& fn) {
  if (n == 0) return;
  const size_t hw = std::max<size_t>(1, std::thread::hardware_concurrency());
  const size_t threads = std::clamp<size_t>(n / std::max<size_t>(1, min_chunk), 1, hw);
  const size_t chunk = (n + threads - 1) / threads;
  std::vector<std::thread> workers;
  workers.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) {
    const size_t begin = t * chunk;
    const size_t end = std::min(n, begin + chunk);
    if (begin < end) workers.emplace_back(fn, begin, end);
  }
  fn(0, std::min(n, chunk));
  for (std::thread& w : workers) w.join();
}

}  // namespace sselab::peks
