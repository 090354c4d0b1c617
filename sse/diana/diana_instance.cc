#include "sse/diana/diana_instance.h"

#include <algorithm>
#include <string>

#include "sse/diana/diana_messages.h"

namespace sselab::sse::diana {
namespace {

crypto::Block ReadBlock(ByteView b) {
  crypto::Block out;
  std::copy(b.begin(), b.end(), out.begin());
  return out;
}

}  // namespace

void AppendEntries(const InstanceKeys& keys, uint64_t first, size_t n, size_t value_size,
                   const ValueFn& value, ByteWriter& out) {
  const crypto::Block second = SecondInput(keys.k_prime);
  std::vector<crypto::Block> leaves(n);
  // Update line 4: T_c <- F(K_w, c), for the batch's consecutive counters at once.
  crypto::GgmTree::Leaves(keys.root, kTreeDepth, first, leaves);
  std::vector<uint8_t> entry(kTokenSize + value_size);
  for (size_t i = 0; i < n; ++i) {
    // Lines 5-6: UT_c <- H_1(K'_w, T_c); the value is masked with H_2(K'_w, T_c).
    const LeafTokens t = TokensOf(leaves[i], keys.k_prime, second);
    std::copy(t.token.begin(), t.token.end(), entry.begin());
    value(i, t, entry.data() + kTokenSize);
    out.Raw(ByteView(entry.data(), entry.size()));
  }
}

void AppendConstrainedKey(const InstanceKeys& keys, uint64_t count, ByteWriter& out) {
  // Search line 3: K_w(c) <- F.Constrain(K_w, {0, .., c}); line 4: send (K_w(c), K'_w).
  const std::vector<crypto::GgmNode> cover = crypto::GgmTree::Cover(keys.root, kTreeDepth, count);
  out.Raw(ByteView(keys.k_prime.data(), keys.k_prime.size()));
  out.Varint(count);
  out.Varint(cover.size());
  for (const crypto::GgmNode& n : cover) {
    out.U8(n.depth);
    out.Varint(n.prefix);
    out.Raw(ByteView(n.key.data(), n.key.size()));
  }
}

Result<ConstrainedKey> ReadConstrainedKey(ByteReader& body, uint64_t min_count) {
  ConstrainedKey key;
  SSELAB_ASSIGN_OR_RETURN(ByteView k_prime, body.Raw(kTokenSize));
  key.k_prime = ReadBlock(k_prime);
  SSELAB_ASSIGN_OR_RETURN(key.count, body.Varint());
  if (key.count < min_count || key.count > kMaxCount) {
    return body.Malformed("update count out of range");
  }
  SSELAB_ASSIGN_OR_RETURN(uint64_t m, body.Varint());
  // The constrained key must be the cover of exactly [0, count): the shape of the cover
  // follows from count, so anything else is a malformed request.
  const std::vector<crypto::GgmNode> shape = crypto::GgmTree::CoverShape(kTreeDepth, key.count);
  if (m != shape.size()) return body.Malformed("constrained key does not cover the count");
  key.cover.resize(m);
  for (size_t i = 0; i < m; ++i) {
    crypto::GgmNode& node = key.cover[i];
    SSELAB_ASSIGN_OR_RETURN(node.depth, body.U8());
    SSELAB_ASSIGN_OR_RETURN(node.prefix, body.Varint());
    SSELAB_ASSIGN_OR_RETURN(ByteView k, body.Raw(kNodeKeySize));
    node.key = ReadBlock(k);
    if (node.depth != shape[i].depth || node.prefix != shape[i].prefix) {
      return body.Malformed("constrained key does not cover the count");
    }
  }
  return key;
}

Status WalkEntries(storage::Store& store, std::string_view table, const ConstrainedKey& key,
                   size_t value_size, const EntryFn& visit) {
  if (key.count == 0) return OkStatus();
  // Search lines 5-10: for i = 0 .. c: T_i <- F.Eval(K_w(c), i); UT_i <- H_1(K'_w, T_i);
  // e <- EDB[UT_i], unmasked with H_2(K'_w, T_i) by `visit`.
  const crypto::Block second = SecondInput(key.k_prime);
  std::vector<LeafTokens> batch;
  batch.reserve(std::min<uint64_t>(key.count, kLookupBatch));
  uint64_t looked_up = 0;
  Status failed;
  auto lookup = [&]() -> Status {
    std::vector<ByteView> keys;
    keys.reserve(batch.size());
    for (const LeafTokens& t : batch) keys.emplace_back(t.token.data(), t.token.size());
    SSELAB_ASSIGN_OR_RETURN(auto values, store.MultiGet(table, keys));
    for (size_t i = 0; i < values.size(); ++i) {
      if (!values[i].has_value() || values[i]->size() != value_size) {
        return CorruptionError(std::string(table) + " store: the entry of update " +
                               std::to_string(looked_up + i) + " of " + std::to_string(key.count) +
                               (values[i].has_value() ? " has the wrong size" : " is missing"));
      }
      visit(looked_up + i, *values[i], batch[i]);
    }
    looked_up += values.size();
    batch.clear();
    return OkStatus();
  };
  SSELAB_RETURN_IF_ERROR(
      crypto::GgmTree::Expand(key.cover, kTreeDepth, [&](uint64_t, const crypto::Block& leaf) {
        if (!failed.ok()) return;
        batch.push_back(TokensOf(leaf, key.k_prime, second));
        if (batch.size() == kLookupBatch) failed = lookup();
      }));
  SSELAB_RETURN_IF_ERROR(failed);
  if (!batch.empty()) SSELAB_RETURN_IF_ERROR(lookup());
  return OkStatus();
}

}  // namespace sselab::sse::diana
