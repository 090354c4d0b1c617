#include "base/parallel.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace sselab {

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

Status ParallelTry(size_t n, size_t min_chunk, const std::function<Status(size_t, size_t)>& fn) {
  std::mutex mu;
  std::map<size_t, Status> errors;  // by the start of the failing range
  ParallelFor(n, min_chunk, [&](size_t begin, size_t end) {
    Status s = fn(begin, end);
    if (s.ok()) return;
    std::lock_guard<std::mutex> lock(mu);
    errors.emplace(begin, std::move(s));
  });
  return errors.empty() ? OkStatus() : errors.begin()->second;
}

}  // namespace sselab
