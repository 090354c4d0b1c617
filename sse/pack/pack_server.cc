#include "sse/pack/pack_server.h"

#include "crypto/prf.h"
#include "index/message.h"
#include "sse/pack/pack_block.h"

namespace sselab::sse::pack {

Result<Bytes> PackServer::Handle(ByteView request) {
  ByteReader r(request, "pipack request");
  SSELAB_ASSIGN_OR_RETURN(index::RequestHeader header, index::ReadRequestHeader(r));
  switch (header.type) {
    case index::kSetupEntries:
    case index::kSetupCommit:
      return setup_.Handle(header.type, r);
    case kSearch:
      return Search(r);
    default:
      return index::UnknownRequestType("pipack", header.type);
  }
}

Result<Bytes> PackServer::Search(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(ByteView k1_bytes, body.Raw(kKeywordKeySize));
  ByteView k2_bytes;
  if (options_.revealing) {
    SSELAB_ASSIGN_OR_RETURN(k2_bytes, body.Raw(kKeywordKeySize));
  }
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(index::CheckSetupComplete(store_));
  SSELAB_ASSIGN_OR_RETURN(crypto::SecretKey k1, crypto::SecretKey::FromBytes(k1_bytes));
  SSELAB_ASSIGN_OR_RETURN(crypto::BlockPrf f1, crypto::BlockPrf::Create(k1));
  std::optional<crypto::BlockPrf> f2;
  if (options_.revealing) {
    SSELAB_ASSIGN_OR_RETURN(crypto::SecretKey k2, crypto::SecretKey::FromBytes(k2_bytes));
    SSELAB_ASSIGN_OR_RETURN(f2, crypto::BlockPrf::Create(k2));
  }

  // Search, server: for c = 0, 1, ... until Get(γ, F(K1, c)) = ⊥, in doubling batches.
  const size_t block_bytes = BlockBytes(options_.block_ids);
  Bytes blocks;               // hiding: the sealed blocks, in counter order
  std::vector<uint64_t> ids;  // revealing: the decrypted ids
  std::vector<crypto::Block> labels;
  std::vector<ByteView> keys;
  uint64_t c = 0;
  bool done = false;
  for (size_t batch = kFirstBatch; !done; batch = std::min(batch * 2, kMaxBatch)) {
    labels.resize(batch);
    f1.EvalCounters(c, labels);
    keys.clear();
    for (const crypto::Block& l : labels) keys.emplace_back(l.data(), l.size());
    SSELAB_ASSIGN_OR_RETURN(auto found, store_.MultiGet(kTable, keys));
    for (const auto& v : found) {
      if (!v.has_value()) {
        done = true;
        break;
      }
      if (v->size() != block_bytes) {
        return CorruptionError("pipack entry for counter " + std::to_string(c) + " has " +
                               std::to_string(v->size()) + " bytes, expected " +
                               std::to_string(block_bytes));
      }
      if (f2.has_value()) {
        // m = Dec(K2, d): the server learns the ids (response-revealing Π_pack).
        SSELAB_RETURN_IF_ERROR(
            OpenBlock(*f2, c, *v, options_.block_ids, "pipack block " + std::to_string(c), ids));
      } else {
        blocks.insert(blocks.end(), v->begin(), v->end());
      }
      ++c;
    }
  }
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
