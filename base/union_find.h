// Disjoint sets over 0..n-1 (path halving), growable: the lab's way of merging what
// several independent observations say belongs together.
#ifndef SSELAB_BASE_UNION_FIND_H_
#define SSELAB_BASE_UNION_FIND_H_

#include <cstddef>
#include <numeric>
#include <vector>

namespace sselab {

class UnionFind {
 public:
  explicit UnionFind(size_t n = 0) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  // Grows the universe to at least n elements, each new one alone.
  void Reserve(size_t n) {
    while (parent_.size() < n) parent_.push_back(parent_.size());
  }
  size_t Find(size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Join(size_t a, size_t b) { parent_[Find(a)] = Find(b); }
  size_t size() const { return parent_.size(); }

 private:
  std::vector<size_t> parent_;
};

}  // namespace sselab

#endif  // SSELAB_BASE_UNION_FIND_H_
