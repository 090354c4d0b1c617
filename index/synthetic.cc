#include "index/synthetic.h"

#include <algorithm>
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
  }

  Result<bool> Next(Document& out) override {
    if (doc_ == spec_.docs) return false;
    // Spread `pairs` draws over the documents as evenly as integers allow.
    uint64_t draws = spec_.pairs / spec_.docs + (doc_ < spec_.pairs % spec_.docs ? 1 : 0);
    out.id = doc_++;
    out.keywords.clear();
    std::unordered_set<uint64_t> seen;
    for (uint64_t i = 0; i < draws; ++i) {
      double u = rng_.Uniform();
      auto rank =
          static_cast<uint64_t>(std::upper_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
      rank = std::min<uint64_t>(rank, spec_.keywords - 1) + 1;
      if (seen.insert(rank).second) out.keywords.push_back("w" + std::to_string(rank));
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
  SynthSpec spec_;
  SplitMix64 rng_;
  std::vector<double> cdf_;
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
