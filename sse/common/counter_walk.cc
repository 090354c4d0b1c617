#include "sse/common/counter_walk.h"

#include <algorithm>

namespace sselab::sse {

Result<uint64_t> WalkCounterLabels(storage::Store& store, std::string_view table,
                                   const crypto::BlockPrf& f1, size_t first_batch, size_t max_batch,
                                   const CounterVisitor& visit) {
  std::vector<crypto::Block> labels;
  std::vector<ByteView> keys;
  uint64_t c = 0;
  for (size_t batch = first_batch;; batch = std::min(batch * 2, max_batch)) {
    labels.resize(batch);
    f1.EvalCounters(c, labels);
    keys.clear();
    for (const crypto::Block& l : labels) keys.emplace_back(l.data(), l.size());
    SSELAB_ASSIGN_OR_RETURN(auto found, store.MultiGet(table, keys));
    for (const auto& v : found) {
      if (!v.has_value()) return c;
      SSELAB_RETURN_IF_ERROR(visit(c, *v));
      ++c;
    }
  }
}

}  // namespace sselab::sse
