#include "sse/pack/pack_server.h"

#include <optional>

#include "crypto/prf.h"
#include "index/message.h"
#include "sse/common/counter_walk.h"
#include "sse/common/keyword_keys.h"
#include "sse/pack/pack_block.h"

namespace sselab::sse::pack {

Result<Bytes> PackServer::HandleRequest(uint8_t type, ByteReader& body) {
  switch (type) {
    case kSearch:
      return Search(body);
    default:
      return UnknownRequest(type);
  }
}

Result<Bytes> PackServer::Search(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(crypto::BlockPrf f1, ReadBlockPrf(body));
  std::optional<crypto::BlockPrf> f2;
  if (options_.revealing) {
    SSELAB_ASSIGN_OR_RETURN(f2, ReadBlockPrf(body));
  }
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(SetupComplete());

  // Search, server: for c = 0, 1, ... until Get(γ, F(K1, c)) = ⊥, in doubling batches.
  const size_t block_bytes = BlockBytes(options_.block_ids);
  Bytes blocks;               // hiding: the sealed blocks, in counter order
  std::vector<uint64_t> ids;  // revealing: the decrypted ids
  auto collect = [&](uint64_t c, Bytes& v) -> Status {
    if (v.size() != block_bytes) {
      return CorruptionError("pipack entry for counter " + std::to_string(c) + " has " +
                             std::to_string(v.size()) + " bytes, expected " +
                             std::to_string(block_bytes));
    }
    if (f2.has_value()) {
      // m = Dec(K2, d): the server learns the ids (response-revealing Π_pack). The walk's
      // copy of the block is ours: decrypted in place, and named only if it is damaged.
      Status s = OpenBlockInPlace(*f2, c, v, options_.block_ids, "pipack block", ids);
      if (!s.ok()) return s.error().WithContext("counter " + std::to_string(c));
      return OkStatus();
    }
    blocks.insert(blocks.end(), v.begin(), v.end());
    return OkStatus();
  };
  SSELAB_ASSIGN_OR_RETURN(uint64_t c,
                          WalkCounterLabels(store_, kTable, f1, kFirstBatch, kMaxBatch, collect));
  if (f2.has_value()) {
    ByteWriter out(ids.size() * kValueBytes + 10);
    out.Varint(ids.size());
    for (uint64_t id : ids) out.U64(id);
    return out.Take();
  }
  ByteWriter out(blocks.size() + 10);
  out.Varint(c);
  out.Raw(blocks);
  return out.Take();
}

}  // namespace sselab::sse::pack
