#include "sse/common/counter_walk.h"

#include <algorithm>

namespace sselab::sse {

Result<uint64_t> WalkCounterLabels(storage::Store& store, std::string_view table,
                                   const crypto::BlockPrf& f1, size_t first_batch, size_t max_batch,
                                   const CounterVisitor& visit) {
  std::vector<crypto::Block> labels;
  std::vector<ByteView> keys;
  uint64_t c = 0;
  if (const size_t preferred = store.PreferredLookupBatch(); preferred > max_batch) {
    // A store across a network: a round trip per call, so guess ahead in batches.
    first_batch = std::min<size_t>(preferred, 32);
    max_batch = preferred;
  }
  if (max_batch == 1) {  // one Get per label (counter_walk.h)
    for (;; ++c) {
      const crypto::Block label = f1.Eval(crypto::BlockPrf::CounterBlock(c));
      SSELAB_ASSIGN_OR_RETURN(auto v, store.Get(table, ByteView(label.data(), label.size())));
      if (!v.has_value()) return c;
      SSELAB_RETURN_IF_ERROR(visit(c, *v));
    }
  }
  for (size_t batch = first_batch;; batch = std::min(batch * 2, max_batch)) {
    labels.resize(batch);
    f1.EvalCounters(c, labels);
    keys.clear();
    for (const crypto::Block& l : labels) keys.emplace_back(l.data(), l.size());
    SSELAB_ASSIGN_OR_RETURN(auto found, store.MultiGet(table, keys));
    for (auto& v : found) {
      if (!v.has_value()) return c;
      SSELAB_RETURN_IF_ERROR(visit(c, *v));
      ++c;
    }
  }
}

Result<uint64_t> CollectCounterValues(storage::Store& store, std::string_view table,
                                      const crypto::BlockPrf& f1, size_t first_batch,
                                      size_t max_batch, size_t value_size, std::string_view what,
                                      Bytes& out) {
  auto collect = [&](uint64_t c, Bytes& v) -> Status {
    if (v.size() != value_size) {
      return CorruptionError(std::string(what) + " for counter " + std::to_string(c) + " has " +
                             std::to_string(v.size()) + " bytes, expected " +
                             std::to_string(value_size));
    }
    out.insert(out.end(), v.begin(), v.end());
    return OkStatus();
  };
  return WalkCounterLabels(store, table, f1, first_batch, max_batch, collect);
}

}  // namespace sselab::sse
