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

  // Search, server: for c = 0, 1, ... until Get(γ, F(K1, c)) = ⊥, one Get per block.
  // `items` is the reply's body: hiding, the sealed blocks in counter order; revealing,
  // the ids in list order, each the BE64 it already is inside its opened block.
  const size_t block_bytes = BlockBytes(options_.block_ids);
  Bytes items;
  auto collect = [&](uint64_t c, Bytes& v) -> Status {
    if (v.size() != block_bytes) {
      return CorruptionError("pipack entry for counter " + std::to_string(c) + " has " +
                             std::to_string(v.size()) + " bytes, expected " +
                             std::to_string(block_bytes));
    }
    ByteView item = v;
    if (f2.has_value()) {
      // m = Dec(K2, d): the server learns the ids (response-revealing Π_pack). The walk's
      // copy of the block is ours: decrypted in place, and named only if it is damaged.
      auto opened = OpenBlockValuesInPlace(*f2, c, v, options_.block_ids, "pipack block");
      if (!opened.ok()) return opened.error().WithContext("counter " + std::to_string(c));
      item = *opened;
    }
    items.insert(items.end(), item.begin(), item.end());
    return OkStatus();
  };
  SSELAB_ASSIGN_OR_RETURN(uint64_t c,
                          WalkCounterLabels(store_, kTable, f1, kFirstBatch, kMaxBatch, collect));
  ByteWriter out(items.size() + 10);
  out.Varint(f2.has_value() ? items.size() / kValueBytes : c);
  out.Raw(items);
  return out.Take();
}

}  // namespace sselab::sse::pack
