#include "index/synthetic.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_set>

namespace sselab::index {
namespace {

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

class SyntheticSource : public DocumentSource {
 public:
  explicit SyntheticSource(const SynthSpec& spec) : spec_(spec), rng_(spec.seed) {
    cdf_.resize(spec.keywords);
    double sum = 0;
    for (uint64_t r = 0; r < spec.keywords; ++r) {
      sum += 1.0 / std::pow(static_cast<double>(r + 1), spec.zipf);
      cdf_[r] = sum;
    }
    for (double& c : cdf_) c /= sum;
    // guide_[k] = the first rank whose CDF exceeds k / kGuide: a draw u then only searches
    // the ranks between two guide entries, not the whole CDF (a cache miss per step).
    guide_.resize(kGuide + 1);
    for (size_t k = 0; k <= kGuide; ++k) {
      double t = static_cast<double>(k) / kGuide;
      guide_[k] = static_cast<size_t>(std::upper_bound(cdf_.begin(), cdf_.end(), t) - cdf_.begin());
    }
  }

  Result<bool> Next(Document& out) override {
    if (doc_ == spec_.docs) return false;
    // Spread `pairs` draws over the documents as evenly as integers allow.
    uint64_t draws = spec_.pairs / spec_.docs + (doc_ < spec_.pairs % spec_.docs ? 1 : 0);
    out.id = doc_++;
    out.keywords.clear();
    ranks_.clear();
    seen_.clear();
    for (uint64_t i = 0; i < draws; ++i) {
      double u = rng_.Uniform();
      auto rank = static_cast<uint64_t>(UpperBound(u) - cdf_.begin());
      rank = std::min<uint64_t>(rank, spec_.keywords - 1) + 1;
      // Few draws per document: a scan of those kept beats a hash set.
      bool fresh = draws <= kScanDraws
                       ? std::find(ranks_.begin(), ranks_.end(), rank) == ranks_.end()
                       : seen_.insert(rank).second;
      if (!fresh) continue;
      ranks_.push_back(rank);
      char name[24] = {'w'};
      auto end = std::to_chars(name + 1, name + sizeof(name), rank).ptr;
      out.keywords.emplace_back(name, end);
    }
    uint64_t d = out.id;
    for (uint64_t size : spec_.plant) {
      uint64_t step = spec_.docs / size;
      if (d % step == 0 && d / step < size) out.keywords.push_back(PlantedKeyword(size));
    }
    return true;
  }

  std::string Position() const override { return "synthetic document " + std::to_string(doc_); }

 private:
  static constexpr size_t kGuide = 1 << 16;
  static constexpr uint64_t kScanDraws = 64;

  // std::upper_bound(cdf_, u), searching only near u's guide entry. The window is one
  // guide step wider on each side than exact arithmetic needs, so a rounding of u * kGuide
  // cannot move the answer out of it: the result is the same as a search of all of cdf_.
  std::vector<double>::const_iterator UpperBound(double u) const {
    auto k = static_cast<size_t>(u * kGuide);
    size_t lo = guide_[k > 0 ? std::min(k, kGuide) - 1 : 0];
    size_t hi = guide_[std::min(k + 2, kGuide)];
    return std::upper_bound(cdf_.begin() + static_cast<long>(lo),
                            cdf_.begin() + static_cast<long>(hi), u);
  }

  SynthSpec spec_;
  SplitMix64 rng_;
  std::vector<double> cdf_;
  std::vector<size_t> guide_;
  std::vector<uint64_t> ranks_;        // ranks drawn for the current document
  std::unordered_set<uint64_t> seen_;  // the same, for documents of many draws
  uint64_t doc_ = 0;
};

}  // namespace

Status ValidateSynthSpec(const SynthSpec& spec) {
  if (spec.docs == 0) return InvalidArgumentError("synthetic corpus: docs must be at least 1");
  if (spec.keywords == 0) {
    return InvalidArgumentError("synthetic corpus: keywords must be at least 1");
  }
  if (spec.keywords > (1ULL << 28)) {
    return InvalidArgumentError("synthetic corpus: keywords must be at most 2^28");
  }
  if (spec.pairs < spec.docs) {
    return InvalidArgumentError("synthetic corpus: pairs must be at least docs");
  }
  for (uint64_t size : spec.plant) {
    if (size == 0 || size > spec.docs) {
      return InvalidArgumentError("synthetic corpus: planted size " + std::to_string(size) +
                                  " must be in [1, docs = " + std::to_string(spec.docs) + "]");
    }
  }
  if (!(spec.zipf >= 0) || spec.zipf > 10) {
    return InvalidArgumentError("synthetic corpus: zipf must be in [0, 10]");
  }
  return OkStatus();
}

std::string PlantedKeyword(uint64_t size) { return "p" + std::to_string(size); }

std::unique_ptr<DocumentSource> NewSyntheticSource(const SynthSpec& spec) {
  return std::make_unique<SyntheticSource>(spec);
}

}  // namespace sselab::index
