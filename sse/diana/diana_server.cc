#include "sse/diana/diana_server.h"

#include <algorithm>
#include <cstring>

#include "crypto/ggm.h"
#include "index/setup_protocol.h"
#include "sse/diana/diana_tokens.h"

namespace sselab::sse::diana {
namespace {

constexpr uint64_t kMaxCount = uint64_t{1} << kTreeDepth;

crypto::Block ReadBlock(ByteView b) {
  crypto::Block out;
  std::copy(b.begin(), b.end(), out.begin());
  return out;
}

}  // namespace

Result<Bytes> DianaServer::HandleRequest(uint8_t type, ByteReader& body) {
  switch (type) {
    case kSearch:
      return Search(body);
    case kUpdate:
      return Update(body);
    default:
      return UnknownRequest(type);
  }
}

Result<Bytes> DianaServer::Update(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, body.Varint());
  if (n == 0) return body.Malformed("an update of no entries");
  if (n > body.remaining() / (kTokenSize + kValueSize)) {
    return body.Malformed("entry count larger than the request");
  }
  SSELAB_ASSIGN_OR_RETURN(ByteView entries, body.Raw(n * (kTokenSize + kValueSize)));
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(index::CheckSetupComplete(store_));
  // EDB[UT_c] <- e, all of the batch in one atomic write. Putting a pair again (a batch
  // resent after a crash) changes nothing.
  // In token order: RocksDB's memtable inserts ascending keys of one batch at a fraction of
  // the cost of random ones (its skip list reuses the last insertion point).
  std::vector<const uint8_t*> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = entries.data() + i * (kTokenSize + kValueSize);
  std::sort(order.begin(), order.end(),
            [](const uint8_t* a, const uint8_t* b) { return std::memcmp(a, b, kTokenSize) < 0; });
  if (n >= kIngestThreshold) {
    // A large batch is written as a sorted file and ingested whole (RocksStore: an SST),
    // bypassing the memtable; all or nothing like a write batch.
    std::vector<storage::Entry> sorted;
    sorted.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      // Equal tokens in one batch (a resent duplicate) keep one entry.
      if (i > 0 && std::memcmp(order[i - 1], order[i], kTokenSize) == 0) continue;
      sorted.push_back({Bytes(order[i], order[i] + kTokenSize),
                        Bytes(order[i] + kTokenSize, order[i] + kTokenSize + kValueSize)});
    }
    SSELAB_RETURN_IF_ERROR(storage::BulkLoadSorted(store_, kTable, sorted));
    return Bytes{};
  }
  storage::WriteBatch batch;
  for (const uint8_t* p : order) {
    batch.Put(kTable, ByteView(p, kTokenSize), ByteView(p + kTokenSize, kValueSize));
  }
  SSELAB_RETURN_IF_ERROR(store_.Write(batch));
  return Bytes{};
}

Result<Bytes> DianaServer::Search(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(ByteView k_prime_bytes, body.Raw(kTokenSize));
  const crypto::Block k_prime = ReadBlock(k_prime_bytes);
  SSELAB_ASSIGN_OR_RETURN(uint64_t count, body.Varint());
  if (count == 0 || count > kMaxCount) return body.Malformed("update count out of range");
  SSELAB_ASSIGN_OR_RETURN(uint64_t m, body.Varint());
  // The constrained key must be the cover of exactly [0, count): the shape of the cover
  // follows from count, so anything else is a malformed request.
  const std::vector<crypto::GgmNode> shape = crypto::GgmTree::CoverShape(kTreeDepth, count);
  if (m != shape.size()) return body.Malformed("constrained key does not cover the count");
  std::vector<crypto::GgmNode> cover(m);
  for (size_t i = 0; i < m; ++i) {
    SSELAB_ASSIGN_OR_RETURN(cover[i].depth, body.U8());
    SSELAB_ASSIGN_OR_RETURN(cover[i].prefix, body.Varint());
    SSELAB_ASSIGN_OR_RETURN(ByteView key, body.Raw(kNodeKeySize));
    cover[i].key = ReadBlock(key);
    if (cover[i].depth != shape[i].depth || cover[i].prefix != shape[i].prefix) {
      return body.Malformed("constrained key does not cover the count");
    }
  }
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(index::CheckSetupComplete(store_));

  // Search lines 5-10: for i = 0 .. c: T_i <- F.Eval(K_w(c), i); UT_i <- H_1(K'_w, T_i);
  // e <- EDB[UT_i]; ind <- e XOR H_2(K'_w, T_i). Lookups go in batches.
  const crypto::Block second = SecondInput(k_prime);
  ByteWriter out(count * kValueSize + 10);
  out.Varint(count);
  std::vector<crypto::Block> tokens;
  std::vector<uint64_t> masks;
  tokens.reserve(std::min<uint64_t>(count, kLookupBatch));
  masks.reserve(tokens.capacity());
  Status failed;
  uint64_t looked_up = 0;
  auto lookup = [&]() -> Status {
    std::vector<ByteView> keys;
    keys.reserve(tokens.size());
    for (const crypto::Block& t : tokens) keys.emplace_back(t.data(), t.size());
    SSELAB_ASSIGN_OR_RETURN(auto values, store_.MultiGet(kTable, keys));
    uint8_t id[kValueSize];
    for (size_t i = 0; i < values.size(); ++i) {
      if (!values[i].has_value() || values[i]->size() != kValueSize) {
        return CorruptionError("diana store: the entry of update " + std::to_string(looked_up + i) +
                               " of " + std::to_string(count) +
                               (values[i].has_value() ? " has the wrong size" : " is missing"));
      }
      StoreBe64(LoadBe64(values[i]->data()) ^ masks[i], id);
      out.Raw(ByteView(id, kValueSize));
    }
    looked_up += values.size();
    tokens.clear();
    masks.clear();
    return OkStatus();
  };
  SSELAB_RETURN_IF_ERROR(
      crypto::GgmTree::Expand(cover, kTreeDepth, [&](uint64_t, const crypto::Block& leaf) {
        if (!failed.ok()) return;
        const LeafTokens t = TokensOf(leaf, k_prime, second);
        tokens.push_back(t.token);
        masks.push_back(t.mask);
        if (tokens.size() == kLookupBatch) {
          failed = lookup();
        }
      }));
  SSELAB_RETURN_IF_ERROR(failed);
  if (!tokens.empty()) SSELAB_RETURN_IF_ERROR(lookup());
  return out.Take();
}

}  // namespace sselab::sse::diana
