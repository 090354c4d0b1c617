#include "sse/mitra/mitra_client.h"

#include <algorithm>
#include <string>
#include <utility>

#include "index/message.h"
#include "sse/mitra/mitra_messages.h"
#include "sse/mitra/mitra_tokens.h"

namespace sselab::sse::mitra {
namespace {

constexpr EntryShape kShape{kAddrSize, kValueSize};

}  // namespace

Result<std::unique_ptr<index::Client>> MitraClient::Create(const crypto::SecretKey& master,
                                                           storage::Store& state,
                                                           index::Channel& channel) {
  // Setup (Alg. 2, line 1): K, the key of F; FileCnt, the map of counters, lives in the
  // client state.
  SSELAB_ASSIGN_OR_RETURN(KeywordKeys keys, KeywordKeys::Create(master, "mitra/prf"));
  SSELAB_ASSIGN_OR_RETURN(KeywordCounters counters,
                          KeywordCounters::Open(state, master, "mitra/state"));
  SSELAB_ASSIGN_OR_RETURN(UpdateJournal journal, UpdateJournal::Open(state, channel));
  return std::unique_ptr<index::Client>(
      new MitraClient(std::move(keys), std::move(counters), journal, state, channel));
}

crypto::Block MitraClient::KeywordKey(std::string_view keyword) const {
  return keys_.DeriveBlock(1, keyword);
}

AppendEntriesFn MitraClient::Appender(uint8_t op) const {
  return [this, op](std::string_view keyword, uint64_t first, std::span<const index::DocId> ids,
                    ByteWriter& out) -> Status {
    const crypto::Block k = KeywordKey(keyword);
    uint8_t entry[kAddrSize + kValueSize];
    for (size_t i = 0; i < ids.size(); ++i) {
      // Update line 3: addr <- G(K, w || FileCnt[w] || 0);
      // line 4: val <- (id || op) XOR G(K, w || FileCnt[w] || 1).
      const UpdateTokens t = TokensOf(k, first + i);
      std::copy(t.addr.begin(), t.addr.end(), entry);
      StoreBe64(ids[i], entry + kAddrSize);
      entry[kAddrSize + 8] = op;
      for (size_t j = 0; j < kValueSize; ++j) entry[kAddrSize + j] ^= t.pad[j];
      out.Raw(ByteView(entry, sizeof(entry)));
    }
    return OkStatus();
  };
}

Result<index::BuildStats> MitraClient::Build(index::DocumentSource& corpus,
                                             const index::ProgressFn& progress) {
  // The build is |DB(w)| additions of w with counters 0 .. |DB(w)| - 1.
  return BuildCounterIndex(channel_, kTable, counters_, state_, corpus, progress,
                           {kUpdate, kShape, kMaxCount, "Mitra"}, Appender(kOpAdd));
}

Status MitraClient::Update(index::UpdateKind kind, std::span<const index::Document> docs) {
  if (journal_.pending()) SSELAB_RETURN_IF_ERROR(journal_.Recover());
  // Update lines 2-5 for every pair of the batch, in one message (line 5: send (addr, val)).
  const uint8_t op = kind == index::UpdateKind::kAdd ? kOpAdd : kOpRemove;
  return SendCounterBatch(counters_, journal_, docs, {kUpdate, kShape, kMaxCount, "Mitra"},
                          Appender(op));
}

Result<std::vector<index::DocId>> MitraClient::Search(std::string_view keyword) {
  if (journal_.pending()) SSELAB_RETURN_IF_ERROR(journal_.Recover());
  SSELAB_ASSIGN_OR_RETURN(uint64_t count, counters_.Get(keyword));
  if (count == 0) return std::vector<index::DocId>{};
  // Search lines 2-4: T_i <- G(K, w || i || 0) for every update i of w; send them all.
  const crypto::Block k = KeywordKey(keyword);
  std::vector<crypto::Block> pads(count);
  ByteWriter w(count * kAddrSize + 16);
  index::BeginRequest(kSearch, w);
  w.Varint(count);
  for (uint64_t i = 0; i < count; ++i) {
    const UpdateTokens t = TokensOf(k, i);
    w.Raw(ByteView(t.addr.data(), t.addr.size()));
    pads[i] = t.pad;
  }
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_.Call(w.bytes()));

  ByteReader r(reply, "mitra search reply");
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, r.Varint());
  if (n != count) {
    return r.Malformed(std::to_string(n) + " entries, expected " + std::to_string(count));
  }
  if (n > r.remaining() / kValueSize) return r.Malformed("entry count larger than the reply");
  SSELAB_ASSIGN_OR_RETURN(ByteView values, r.Raw(n * kValueSize));
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  // Search lines 7-10: (id || op) <- F_w[i] XOR G(K, w || i || 1); the result is every id
  // whose last update is an addition (a removal of an absent pair cancels nothing).
  std::vector<std::pair<index::DocId, uint64_t>> last;  // (id, i), i = 2 * counter + op
  last.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint8_t plain[kValueSize];
    for (size_t j = 0; j < kValueSize; ++j) plain[j] = values[i * kValueSize + j] ^ pads[i][j];
    const uint8_t op = plain[8];
    if (op != kOpAdd && op != kOpRemove) {
      return CorruptionError("mitra store: entry " + std::to_string(i) + " of " +
                             std::to_string(n) + " does not decrypt (corrupt store or wrong key)");
    }
    last.emplace_back(LoadBe64(plain), 2 * i + op);
  }
  std::sort(last.begin(), last.end());
  std::vector<index::DocId> ids;
  for (size_t i = 0; i < last.size(); ++i) {
    const bool final_update = i + 1 == last.size() || last[i + 1].first != last[i].first;
    if (final_update && (last[i].second & 1) == kOpAdd) ids.push_back(last[i].first);
  }
  return ids;
}

}  // namespace sselab::sse::mitra
