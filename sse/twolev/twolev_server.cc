#include "sse/twolev/twolev_server.h"

#include <optional>

#include "crypto/prf.h"
#include "index/message.h"
#include "sse/common/keyword_keys.h"
#include "sse/pack/pack_block.h"
#include "sse/twolev/twolev_layout.h"

namespace sselab::sse::twolev {

Result<Bytes> TwolevServer::HandleRequest(uint8_t type, ByteReader& body) {
  switch (type) {
    case kSearch:
      return Search(body);
    default:
      return UnknownRequest(type);
  }
}

Status TwolevServer::ReadArray(std::span<const uint64_t> positions, std::vector<Bytes>& out) {
  const size_t block_bytes = pack::BlockBytes(options_.block_ids);
  std::vector<std::array<uint8_t, kPositionBytes>> keys;
  std::vector<ByteView> views;
  for (size_t first = 0; first < positions.size(); first += kMaxBatch) {
    auto batch = positions.subspan(first, std::min(kMaxBatch, positions.size() - first));
    keys.clear();
    views.clear();
    for (uint64_t p : batch) keys.push_back(PositionKey(p));
    for (const auto& k : keys) views.emplace_back(k.data(), k.size());
    SSELAB_ASSIGN_OR_RETURN(auto found, store_.MultiGet(kArrayTable, views));
    for (size_t i = 0; i < found.size(); ++i) {
      if (!found[i].has_value() || found[i]->size() != block_bytes) {
        return CorruptionError("twolev pointer " + std::to_string(first + i) +
                               " leads to no array block of " + std::to_string(block_bytes) +
                               " bytes");
      }
      out.push_back(std::move(*found[i]));
    }
  }
  return OkStatus();
}

Result<Bytes> TwolevServer::Search(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(crypto::BlockPrf f1, ReadBlockPrf(body));
  SSELAB_ASSIGN_OR_RETURN(crypto::BlockPrf f3, ReadBlockPrf(body));
  std::optional<crypto::BlockPrf> k2_prf;
  if (options_.revealing) {
    SSELAB_ASSIGN_OR_RETURN(k2_prf, ReadBlockPrf(body));
  }
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(SetupComplete());

  // Search, server: d = Get(γ, F(K1, 0)); m = Dec(d); by its tag, m holds the ids (small),
  // pointers to id blocks (medium) or pointers to pointer blocks (large).
  crypto::Block label = f1.Eval(crypto::BlockPrf::CounterBlock(0));
  SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> entry, store_.Get(kDictTable, label));
  std::vector<Bytes> id_blocks;
  uint8_t source = kFromArray;
  if (entry.has_value()) {
    if (entry->size() != 1 + pack::BlockBytes(options_.dict_ids)) {
      return CorruptionError("twolev dictionary entry has " + std::to_string(entry->size()) +
                             " bytes, expected " +
                             std::to_string(1 + pack::BlockBytes(options_.dict_ids)));
    }
    pack::XorPad(f3, kEntryRegion, *entry);
    ByteView inner = ByteView(*entry).subspan(1);
    std::vector<uint64_t> pointers;
    switch (static_cast<Shape>((*entry)[0])) {
      case Shape::kSmall:
        id_blocks.push_back(ToBytes(inner));
        source = kFromDictionary;
        break;
      case Shape::kMedium:
        SSELAB_RETURN_IF_ERROR(
            pack::DecodeBlock(inner, options_.dict_ids, "twolev dictionary entry", pointers));
        SSELAB_RETURN_IF_ERROR(ReadArray(pointers, id_blocks));
        break;
      case Shape::kLarge: {
        SSELAB_RETURN_IF_ERROR(
            pack::DecodeBlock(inner, options_.dict_ids, "twolev dictionary entry", pointers));
        std::vector<Bytes> pointer_blocks;
        SSELAB_RETURN_IF_ERROR(ReadArray(pointers, pointer_blocks));
        pointers.clear();
        for (size_t j = 0; j < pointer_blocks.size(); ++j) {
          Status s = pack::OpenBlockInPlace(f3, kFirstPointerRegion + j, pointer_blocks[j],
                                            options_.block_ids, "twolev pointer block", pointers);
          if (!s.ok()) return s.error().WithContext("pointer block " + std::to_string(j));
        }
        SSELAB_RETURN_IF_ERROR(ReadArray(pointers, id_blocks));
        break;
      }
      default:
        return CorruptionError("twolev dictionary entry has an unknown shape " +
                               std::to_string((*entry)[0]));
    }
  }

  const size_t capacity = source == kFromDictionary ? options_.dict_ids : options_.block_ids;
  if (k2_prf.has_value()) {
    // m = Dec(K2, d) for each id block: the server learns the ids (response-revealing).
    // The blocks are ours and not needed after: decrypt them in place.
    std::vector<uint64_t> ids;
    ids.reserve(id_blocks.size() * capacity);
    for (size_t j = 0; j < id_blocks.size(); ++j) {
      Status s = pack::OpenBlockInPlace(*k2_prf, j, id_blocks[j], capacity, "twolev id block", ids);
      if (!s.ok()) return s.error().WithContext("id block " + std::to_string(j));
    }
    ByteWriter out(ids.size() * pack::kValueBytes + 10);
    out.Varint(ids.size());
    Bytes reply = out.Take();
    pack::StoreValues(ids, reply);
    return reply;
  }
  ByteWriter out(id_blocks.size() * pack::BlockBytes(capacity) + 11);
  out.U8(source);
  out.Varint(id_blocks.size());
  for (const Bytes& b : id_blocks) out.Raw(b);
  return out.Take();
}

}  // namespace sselab::sse::twolev
