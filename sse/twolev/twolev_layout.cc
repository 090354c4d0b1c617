#include "sse/twolev/twolev_layout.h"

#include <string>

#include "crypto/secret_key.h"

namespace sselab::sse::twolev {
namespace {

uint64_t CeilDiv(uint64_t a, uint64_t b) { return a / b + (a % b != 0 ? 1 : 0); }

}  // namespace

Result<Layout> PlanList(uint64_t n, const Geometry& g) {
  // Fig. "Π_2lev" Setup: small if |DB(w)| <= b; else T = ⌈|DB(w)|/B⌉; medium if T <= b';
  // else T' = ⌈T/B'⌉ (large), which must itself fit in one dictionary entry.
  if (n <= g.MaxSmall()) return Layout{Shape::kSmall, 0, 0};
  uint64_t t = CeilDiv(n, g.block_ids);
  if (t <= g.dict_ids) return Layout{Shape::kMedium, t, 0};
  uint64_t t2 = CeilDiv(t, g.block_ids);
  if (t2 <= g.dict_ids) return Layout{Shape::kLarge, t, t2};
  return InvalidArgumentError(
      "a posting list of " + std::to_string(n) +
      " ids exceeds twolev's maximum dict_ids × block_ids² = " + std::to_string(g.MaxLarge()) +
      "; raise the parameter block_ids or dict_ids");
}

Result<PositionSource> PositionSource::Create() {
  SSELAB_ASSIGN_OR_RETURN(crypto::BlockPrf prf,
                          crypto::BlockPrf::Create(crypto::SecretKey::Generate(16)));
  return PositionSource(std::move(prf));
}

uint64_t PositionSource::Next() {
  constexpr size_t kBatch = 256;
  if (used_ == buffer_.size()) {
    buffer_.resize(kBatch);
    prf_.EvalCounters(counter_, buffer_);
    counter_ += kBatch;
    used_ = 0;
  }
  const crypto::Block& b = buffer_[used_++];
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | b[i];
  return v;
}

}  // namespace sselab::sse::twolev
