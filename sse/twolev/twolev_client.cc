#include "sse/twolev/twolev_client.h"

#include <algorithm>

#include "crypto/kdf.h"
#include "index/inverted.h"
#include "index/message.h"
#include "sse/pack/pack_block.h"

namespace sselab::sse::twolev {
namespace {

// Part `j` of `values` cut into parts of `size`.
std::span<const uint64_t> Part(std::span<const uint64_t> values, uint64_t j, size_t size) {
  size_t start = static_cast<size_t>(j) * size;
  return values.subspan(start, std::min(size, values.size() - start));
}

}  // namespace

Result<std::unique_ptr<index::Client>> TwolevClient::Create(const crypto::SecretKey& master,
                                                            const Options& options,
                                                            index::Channel& channel) {
  SSELAB_ASSIGN_OR_RETURN(KeywordKeys keys, KeywordKeys::Create(master, "twolev/prf"));
  return std::unique_ptr<index::Client>(new TwolevClient(std::move(keys), options, channel));
}

Status TwolevClient::EncryptList(std::string_view keyword, std::span<const index::DocId> ids,
                                 PositionSource& positions, index::SetupSender& dict,
                                 index::SetupSender& array) {
  const Geometry g{options_.dict_ids, options_.block_ids};
  SSELAB_ASSIGN_OR_RETURN(Layout layout, PlanList(ids.size(), g));
  SSELAB_ASSIGN_OR_RETURN(auto f1, keys_.BlockPrfFor(1, keyword));
  SSELAB_ASSIGN_OR_RETURN(auto f2, keys_.BlockPrfFor(2, keyword));
  SSELAB_ASSIGN_OR_RETURN(auto f3, keys_.BlockPrfFor(3, keyword));
  Bytes entry;
  entry.reserve(1 + pack::BlockBytes(options_.dict_ids));
  entry.push_back(static_cast<uint8_t>(layout.shape));
  if (layout.shape == Shape::kSmall) {
    // Small: pad DB(w) to b ids; d = Enc(K2, 0 ‖ DB(w)).
    Bytes inner = pack::SealBlock(f2, 0, ids, options_.dict_ids);
    entry.insert(entry.end(), inner.begin(), inner.end());
  } else {
    // Medium and large: DB(w) in T blocks of B ids, the last padded, at random positions
    // i_1 .. i_T of A: A[i_j] = Enc(K2, block j).
    std::vector<uint64_t> id_positions(layout.id_blocks);
    for (uint64_t j = 0; j < layout.id_blocks; ++j) {
      id_positions[j] = positions.Next();
      SSELAB_RETURN_IF_ERROR(
          array.Add(PositionKey(id_positions[j]),
                    pack::SealBlock(f2, j, Part(ids, j, options_.block_ids), options_.block_ids)));
    }
    std::vector<uint64_t> pointer_positions;
    if (layout.shape == Shape::kLarge) {
      // Large: {i_1 .. i_T} in T' blocks of B' pointers at random positions i'_1 .. i'_T'.
      for (uint64_t j = 0; j < layout.pointer_blocks; ++j) {
        pointer_positions.push_back(positions.Next());
        SSELAB_RETURN_IF_ERROR(array.Add(
            PositionKey(pointer_positions.back()),
            pack::SealBlock(f3, kFirstPointerRegion + j, Part(id_positions, j, options_.block_ids),
                            options_.block_ids)));
      }
    }
    // d = Enc(K, 1 ‖ i_1 .. i_T) (medium) or Enc(K, 2 ‖ i'_1 .. i'_T') (large), padded to b'.
    pack::EncodeBlock(layout.shape == Shape::kLarge ? pointer_positions : id_positions,
                      options_.dict_ids, entry);
  }
  pack::XorPad(f3, kEntryRegion, entry);
  // l = F(K1, 0); add (l, d) to L.
  crypto::Block label = f1.Eval(crypto::BlockPrf::CounterBlock(0));
  return dict.Add(label, entry);
}

Result<index::BuildStats> TwolevClient::Build(index::DocumentSource& corpus,
                                              const index::ProgressFn& progress) {
  index::SetupSender dict(channel_, std::string(kDictTable));
  index::SetupSender array(channel_, std::string(kArrayTable));
  SSELAB_ASSIGN_OR_RETURN(PositionSource positions, PositionSource::Create());
  uint64_t done = 0;
  auto encrypt_list = [&](std::string_view keyword, std::span<const index::DocId> ids) -> Status {
    SSELAB_RETURN_IF_ERROR(EncryptList(keyword, ids, positions, dict, array));
    done += ids.size();
    if (progress) progress("encrypting pairs", done);
    return OkStatus();
  };
  SSELAB_ASSIGN_OR_RETURN(index::BuildStats stats,
                          index::ForEachPostingList(corpus, progress, encrypt_list));
  SSELAB_RETURN_IF_ERROR(dict.Flush());
  SSELAB_RETURN_IF_ERROR(array.Flush());
  SSELAB_RETURN_IF_ERROR(index::SendSetupCommit(channel_));
  return stats;
}

Result<std::vector<index::DocId>> TwolevClient::Search(std::string_view keyword) {
  // Search, client: send (K1, K3), and K2 in response-revealing mode.
  crypto::SecretKey k1 = keys_.Derive(1, keyword);
  crypto::SecretKey k2 = keys_.Derive(2, keyword);
  crypto::SecretKey k3 = keys_.Derive(3, keyword);
  ByteWriter w = index::BeginRequest(kSearch);
  w.Raw(k1.UnsafeBytes());
  w.Raw(k3.UnsafeBytes());
  if (options_.revealing) w.Raw(k2.UnsafeBytes());
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_.Call(w.bytes()));

  ByteReader r(reply, "twolev search reply");
  std::vector<index::DocId> ids;
  if (options_.revealing) {
    SSELAB_ASSIGN_OR_RETURN(uint64_t n, r.Varint());
    if (n > r.remaining() / pack::kValueBytes) {
      return r.Malformed("result count larger than the reply");
    }
    SSELAB_ASSIGN_OR_RETURN(ByteView values, r.Raw(n * pack::kValueBytes));
    SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
    pack::LoadValues(values, ids);
  } else {
    // m = Dec(K2, d) on the client: response-hiding mode.
    SSELAB_ASSIGN_OR_RETURN(uint8_t source, r.U8());
    if (source != kFromDictionary && source != kFromArray) return r.Malformed("unknown source");
    const size_t capacity = source == kFromDictionary ? options_.dict_ids : options_.block_ids;
    const size_t size = pack::BlockBytes(capacity);
    SSELAB_ASSIGN_OR_RETURN(uint64_t m, r.Varint());
    if (m > r.remaining() / size) return r.Malformed("block count larger than the reply");
    if (source == kFromDictionary && m != 1) return r.Malformed("dictionary reply of many blocks");
    SSELAB_ASSIGN_OR_RETURN(ByteView blocks, r.Raw(m * size));
    SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
    SSELAB_ASSIGN_OR_RETURN(auto f2, crypto::BlockPrf::Create(k2));
    // The reply is ours: decrypt its blocks in place rather than copy each.
    std::span<uint8_t> mutable_blocks(reply.data() + (blocks.data() - reply.data()), blocks.size());
    ids.reserve(m * capacity);
    for (uint64_t j = 0; j < m; ++j) {
      Status s = pack::OpenBlockInPlace(f2, j, mutable_blocks.subspan(j * size, size), capacity,
                                        "twolev id block", ids);
      if (!s.ok()) return s.error().WithContext("id block " + std::to_string(j));
    }
  }
  index::SortUnique(ids);
  return ids;
}

}  // namespace sselab::sse::twolev
