#include "sse/diana/diana_client.h"

#include <algorithm>

#include "index/message.h"
#include "sse/common/counter_batch.h"
#include "sse/common/id_reply.h"
#include "sse/diana/diana_instance.h"
#include "sse/diana/diana_messages.h"

namespace sselab::sse::diana {
namespace {

constexpr CounterBatchSpec kSpec{kUpdate, {kTokenSize, kValueSize}, kMaxCount, "Diana"};

}  // namespace

Result<std::unique_ptr<index::Client>> DianaClient::Create(const crypto::SecretKey& master,
                                                           storage::Store& state,
                                                           index::Channel& channel) {
  // Setup: K_Σ, the key of F; the map W of counters lives in the client state.
  SSELAB_ASSIGN_OR_RETURN(KeywordKeys keys, KeywordKeys::Create(master, "diana/prf"));
  SSELAB_ASSIGN_OR_RETURN(KeywordCounters counters,
                          KeywordCounters::Open(state, master, "diana/state"));
  SSELAB_ASSIGN_OR_RETURN(UpdateJournal journal, UpdateJournal::Open(state, channel));
  return std::unique_ptr<index::Client>(
      new DianaClient(std::move(keys), std::move(counters), journal, state, channel));
}

InstanceKeys DianaClient::KeysOf(std::string_view keyword) const {
  // K_w || K'_w <- F(K_Σ, w): two independent PRF outputs.
  return {keys_.DeriveBlock(1, keyword), keys_.DeriveBlock(2, keyword)};
}

void DianaClient::AppendEntriesOf(std::string_view keyword, uint64_t first,
                                  std::span<const index::DocId> ids, ByteWriter& out) const {
  // Update line 6: e <- ind XOR H_2(K'_w, T_c).
  AppendEntries(
      KeysOf(keyword), first, ids.size(), kValueSize,
      [&](size_t i, const LeafTokens& t, uint8_t* value) { StoreBe64(ids[i] ^ t.mask, value); },
      out);
}

AppendEntriesFn DianaClient::Appender() const {
  return [this](std::string_view keyword, uint64_t first, std::span<const index::DocId> ids,
                ByteWriter& out) {
    AppendEntriesOf(keyword, first, ids, out);
    return OkStatus();
  };
}

Result<index::BuildStats> DianaClient::Build(index::DocumentSource& corpus,
                                             const index::ProgressFn& progress) {
  // The build is |DB(w)| additions of w with counters 0 .. |DB(w)| - 1.
  return BuildCounterIndex(channel_, kTable, counters_, state_, corpus, progress, kSpec,
                           Appender());
}

Status DianaClient::Update(index::UpdateKind kind, std::span<const index::Document> docs) {
  if (kind == index::UpdateKind::kRemove) return Remove({}, 0);
  if (journal_.pending()) SSELAB_RETURN_IF_ERROR(journal_.Recover());
  // Update lines 2-7 for every pair of the batch, in one message (line 7: send (UT_c, e)).
  return SendCounterBatch(counters_, journal_, docs, kSpec, Appender());
}

Status DianaClient::Remove(std::string_view, index::DocId) {
  return UnsupportedError(
      "diana only adds entries; removal needs a backward-private scheme (Diana_del)");
}

Result<std::vector<index::DocId>> DianaClient::Search(std::string_view keyword) {
  if (journal_.pending()) SSELAB_RETURN_IF_ERROR(journal_.Recover());
  // Search line 2: c <- W[w]; if w never had an update, nothing is sent.
  SSELAB_ASSIGN_OR_RETURN(uint64_t count, counters_.Get(keyword));
  if (count == 0) return std::vector<index::DocId>{};
  // Lines 3-4: send the constrained key K_w(c) and K'_w.
  ByteWriter w = index::BeginRequest(kSearch);
  AppendConstrainedKey(KeysOf(keyword), count, w);
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_.Call(w.bytes()));

  return DecodeIdReply(reply, count, "diana search reply");
}

}  // namespace sselab::sse::diana
