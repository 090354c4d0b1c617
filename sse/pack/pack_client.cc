#include "sse/pack/pack_client.h"

#include <algorithm>

#include "base/codec.h"
#include "crypto/kdf.h"
#include "index/inverted.h"
#include "index/message.h"
#include "index/posting_upload.h"
#include "index/setup_protocol.h"
#include "sse/pack/pack_block.h"

namespace sselab::sse::pack {

Result<std::unique_ptr<index::Client>> PackClient::Create(const crypto::SecretKey& master,
                                                          const Options& options,
                                                          index::Channel& channel) {
  SSELAB_ASSIGN_OR_RETURN(KeywordKeys keys, KeywordKeys::Create(master, "pipack/prf"));
  return std::unique_ptr<index::Client>(new PackClient(std::move(keys), options, channel));
}

Result<index::BuildStats> PackClient::Build(index::DocumentSource& corpus,
                                            const index::ProgressFn& progress) {
  const size_t b = options_.block_ids;
  std::vector<crypto::Block> labels;
  auto encrypt_list = [&](std::string_view keyword, std::span<const index::DocId> ids,
                          index::SetupSender& sender) -> Status {
    // Π_pack Setup: K1, K2 as in Π_bas; DB(w) cut into T = ⌈|DB(w)|/B⌉ blocks, the last
    // padded; for c < T: l = F(K1, c), d = Enc(K2, block c).
    SSELAB_ASSIGN_OR_RETURN(auto f1, keys_.BlockPrfFor(1, keyword));
    SSELAB_ASSIGN_OR_RETURN(auto f2, keys_.BlockPrfFor(2, keyword));
    // Labels in batches, so memory does not grow with the longest list.
    constexpr size_t kCounterBatch = 4096;
    const size_t blocks = (ids.size() + b - 1) / b;
    for (size_t first = 0; first < blocks; first += kCounterBatch) {
      labels.resize(std::min(kCounterBatch, blocks - first));
      f1.EvalCounters(first, labels);
      for (size_t i = 0; i < labels.size(); ++i) {
        const size_t c = first + i;
        auto part = ids.subspan(c * b, std::min(b, ids.size() - c * b));
        SSELAB_RETURN_IF_ERROR(sender.Add(labels[i], SealBlock(f2, c, part, b)));
      }
    }
    return OkStatus();
  };
  return index::UploadPostingLists(channel_, std::string(kTable), corpus, progress, encrypt_list);
}

Result<std::vector<index::DocId>> PackClient::Search(std::string_view keyword) {
  // Search, client: send K1, and K2 in response-revealing mode.
  crypto::SecretKey k1 = keys_.Derive(1, keyword);
  crypto::SecretKey k2 = keys_.Derive(2, keyword);
  ByteWriter w = index::BeginRequest(kSearch);
  w.Raw(k1.UnsafeBytes());
  if (options_.revealing) w.Raw(k2.UnsafeBytes());
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_.Call(w.bytes()));

  ByteReader r(reply, "pipack search reply");
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, r.Varint());
  const size_t item = options_.revealing ? kValueBytes : BlockBytes(options_.block_ids);
  if (n > r.remaining() / item) return r.Malformed("result count larger than the reply");
  SSELAB_ASSIGN_OR_RETURN(ByteView items, r.Raw(n * item));
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  std::vector<index::DocId> ids;
  if (options_.revealing) {
    // `items` holds exactly n ids (checked above).
    ids.resize(n);
    for (uint64_t i = 0; i < n; ++i) ids[i] = LoadBe64(items.data() + i * kValueBytes);
  } else {
    // m = Dec(K2, d) on the client: response-hiding mode.
    SSELAB_ASSIGN_OR_RETURN(auto f2, crypto::BlockPrf::Create(k2));
    // The reply is ours: its blocks are decrypted in place, and named only if damaged.
    std::span<uint8_t> blocks(reply.data() + (items.data() - reply.data()), items.size());
    ids.reserve(n * options_.block_ids);
    for (uint64_t c = 0; c < n; ++c) {
      Status s = OpenBlockInPlace(f2, c, blocks.subspan(c * item, item), options_.block_ids,
                                  "pipack block", ids);
      if (!s.ok()) return s.error().WithContext("counter " + std::to_string(c));
    }
  }
  index::SortUnique(ids);
  return ids;
}

}  // namespace sselab::sse::pack
