#include "sse/pibas/pibas_client.h"

#include <algorithm>

#include "crypto/kdf.h"
#include "index/inverted.h"
#include "index/message.h"
#include "index/posting_upload.h"
#include "index/setup_protocol.h"
#include "sse/pibas/pibas_messages.h"

namespace sselab::sse::pibas {
namespace {

constexpr size_t kCounterBatch = 4096;

}  // namespace

Result<std::unique_ptr<index::Client>> PibasClient::Create(const crypto::SecretKey& master,
                                                           bool revealing,
                                                           index::Channel& channel) {
  SSELAB_ASSIGN_OR_RETURN(KeywordKeys keys, KeywordKeys::Create(master, "pibas/prf"));
  return std::unique_ptr<index::Client>(new PibasClient(std::move(keys), revealing, channel));
}

Result<index::BuildStats> PibasClient::Build(index::DocumentSource& corpus,
                                             const index::ProgressFn& progress) {
  std::vector<crypto::Block> labels, pads;
  auto encrypt_list = [&](std::string_view keyword, std::span<const index::DocId> ids,
                          index::SetupSender& sender) -> Status {
    // Fig. 2, Setup: for each w, K1, K2; for c = 0.. |DB(w)|-1: l = F(K1, c), d = Enc(K2, id).
    SSELAB_ASSIGN_OR_RETURN(auto f1, keys_.BlockPrfFor(1, keyword));
    SSELAB_ASSIGN_OR_RETURN(auto f2, keys_.BlockPrfFor(2, keyword));
    // Counters go in batches of kCounterBatch: labels and pads for a whole list would make
    // the build's memory grow with the longest list, i.e. with the corpus.
    uint8_t value[kValueSize];
    for (size_t first = 0; first < ids.size(); first += kCounterBatch) {
      const size_t n = std::min(kCounterBatch, ids.size() - first);
      labels.resize(n);
      pads.resize(n);
      f1.EvalCounters(first, labels);
      f2.EvalCounters(first, pads);
      for (size_t i = 0; i < n; ++i) {
        StoreBe64(ids[first + i], value);
        for (size_t j = 0; j < kValueSize; ++j) value[j] ^= pads[i][j];
        SSELAB_RETURN_IF_ERROR(sender.Add(labels[i], value));
      }
    }
    return OkStatus();
  };
  return index::UploadPostingLists(channel_, std::string(kTable), corpus, progress, encrypt_list);
}

Result<std::vector<index::DocId>> PibasClient::Search(std::string_view keyword) {
  // Fig. 2, Search, client: send (K1, K2) — K1 only in response-hiding mode.
  crypto::SecretKey k1 = keys_.Derive(1, keyword);
  crypto::SecretKey k2 = keys_.Derive(2, keyword);
  ByteWriter w = index::BeginRequest(kSearch);
  w.Raw(k1.UnsafeBytes());
  if (revealing_) w.Raw(k2.UnsafeBytes());
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_.Call(w.bytes()));

  ByteReader r(reply, "pibas search reply");
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, r.Varint());
  if (n > r.remaining() / kValueSize) return r.Malformed("result count larger than the reply");
  SSELAB_ASSIGN_OR_RETURN(ByteView values, r.Raw(n * kValueSize));
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  std::vector<index::DocId> ids(n);
  std::vector<crypto::Block> pads(revealing_ ? 0 : n);
  if (!revealing_) {
    SSELAB_ASSIGN_OR_RETURN(auto f2, crypto::BlockPrf::Create(k2));
    f2.EvalCounters(0, pads);
  }
  for (size_t c = 0; c < n; ++c) {
    uint8_t v[kValueSize];
    for (size_t i = 0; i < kValueSize; ++i) {
      v[i] = values[c * kValueSize + i] ^ (revealing_ ? uint8_t{0} : pads[c][i]);
    }
    ids[c] = LoadBe64(v);
  }
  index::SortUnique(ids);
  return ids;
}

}  // namespace sselab::sse::pibas
