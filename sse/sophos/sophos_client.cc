#include "sse/sophos/sophos_client.h"

#include <algorithm>
#include <array>

#include "base/codec.h"
#include "index/message.h"
#include "index/posting_upload.h"
#include "index/setup_protocol.h"
#include "sse/common/id_reply.h"
#include "sse/sophos/sophos_messages.h"
#include "sse/sophos/sophos_tokens.h"

namespace sselab::sse::sophos {
namespace {

// Build writes the keyword counters to the state store in batches of this many.
constexpr size_t kCounterWriteBatch = 4096;
constexpr std::string_view kFirstStateLabel = "sophos/st0";

Error TooManyEntries(uint64_t n) {
  return InvalidArgumentError("sophos: a keyword would have " + std::to_string(n) +
                              " entries, more than the limit of 2^32");
}

}  // namespace

Result<std::unique_ptr<index::Client>> SophosClient::Create(const crypto::SecretKey& master,
                                                            unsigned rsa_bits,
                                                            index::Channel& channel,
                                                            storage::Store& state) {
  // Setup, client: K_S ← {0,1}^λ; (SK, PK) ← KeyGen(1^λ); W ← empty map.
  SSELAB_ASSIGN_OR_RETURN(KeywordKeys keys, KeywordKeys::Create(master, "sophos/prf"));
  SSELAB_ASSIGN_OR_RETURN(RsaTrapdoor tdp, RsaTrapdoor::Derive(master, rsa_bits));
  SSELAB_ASSIGN_OR_RETURN(KeywordCounters counters,
                          KeywordCounters::Open(state, master, "sophos/state"));
  SSELAB_ASSIGN_OR_RETURN(UpdateJournal journal, UpdateJournal::Open(state, channel));
  return std::unique_ptr<index::Client>(new SophosClient(
      std::move(keys), std::move(tdp), std::move(counters), journal, state, channel));
}

crypto::SecretKey SophosClient::KeywordKey(std::string_view keyword) const {
  return keys_.Derive(1, keyword);  // K_w ← F(K_S, w)
}

Result<Bytes> SophosClient::FirstState(std::string_view keyword) const {
  // Deviation (papers/bost16.md): the paper draws ST_0 ← Z_N* at random and stores ST_c
  // in W[w]; we derive ST_0 from the keyword and keep only c.
  SSELAB_ASSIGN_OR_RETURN(crypto::Prf prf, crypto::Prf::Create(keys_.Derive(2, keyword)));
  Bytes seed(tdp_.public_key().element_size() + 8);
  prf.Expand(AsBytes(kFirstStateLabel), seed);
  return tdp_.ElementFromSeed(seed);
}

Status SophosClient::EncryptEntries(std::string_view keyword, uint64_t first,
                                    std::span<const index::DocId> ids,
                                    const EntrySink& sink) const {
  if (ids.empty()) return OkStatus();
  if (first > kMaxEntries || ids.size() > kMaxEntries - first)
    return TooManyEntries(first + ids.size());
  SSELAB_ASSIGN_OR_RETURN(EntryHasher hasher, EntryHasher::Create(KeywordKey(keyword)));
  SSELAB_ASSIGN_OR_RETURN(Bytes st, FirstState(keyword));
  // Update, client: ST_{c+1} ← π_SK^{-1}(ST_c), here ST_first = π_SK^{-first}(ST_0) in one
  // private operation, then one inverse per further entry of the batch.
  SSELAB_ASSIGN_OR_RETURN(st, tdp_.InverseSteps(st, first));
  uint8_t value[kValueSize];
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) {
      SSELAB_ASSIGN_OR_RETURN(st, tdp_.Inverse(st));
    }
    // UT_{c+1} ← H1(K_w, ST_{c+1}); e ← ind ⊕ H2(K_w, ST_{c+1}).
    const crypto::Block ut = hasher.Token(st);
    StoreBe64(hasher.Mask(st, ids[i]), value);
    SSELAB_RETURN_IF_ERROR(sink(ut, value));
  }
  return OkStatus();
}

Status SophosClient::RecoverIfPending() {
  if (journal_.pending()) return journal_.Recover();
  return OkStatus();
}

Result<index::BuildStats> SophosClient::Build(index::DocumentSource& corpus,
                                              const index::ProgressFn& progress) {
  // Setup with an initial database: every list is a batch of updates of a new keyword.
  // No journal: a failed build is discarded whole.
  CounterBuildWriter counts(counters_, state_, kCounterWriteBatch);
  auto encrypt_list = [&](std::string_view keyword, std::span<const index::DocId> ids,
                          index::SetupSender& sender) -> Status {
    SSELAB_RETURN_IF_ERROR(EncryptEntries(
        keyword, 0, ids, [&sender](ByteView ut, ByteView e) { return sender.Add(ut, e); }));
    return counts.Set(keyword, ids.size());  // W[w] ← n
  };
  auto finish = [&](index::SetupSender&) -> Status {
    SSELAB_RETURN_IF_ERROR(counts.Finish());
    // The server keeps PK: searches need not carry it.
    index::SetupSender pk(channel_, std::string(kPkTable));
    SSELAB_RETURN_IF_ERROR(pk.Add(AsBytes(kPkKey), tdp_.public_key().Encode()));
    return pk.Flush();
  };
  return index::UploadPostingLists(channel_, std::string(kTable), corpus, progress, encrypt_list,
                                   finish);
}

Result<std::vector<index::DocId>> SophosClient::Search(std::string_view keyword) {
  SSELAB_RETURN_IF_ERROR(index::ValidateKeyword(keyword));
  SSELAB_RETURN_IF_ERROR(RecoverIfPending());
  // Search, client: K_w ← F(K_S, w); (ST_c, c) ← W[w]; if ⊥ return ∅.
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, counters_.Get(keyword));
  if (n == 0) return std::vector<index::DocId>{};
  if (n > kMaxEntries) return CorruptionError("client state: a keyword counter is too large");
  SSELAB_ASSIGN_OR_RETURN(Bytes st, FirstState(keyword));
  SSELAB_ASSIGN_OR_RETURN(st, tdp_.InverseSteps(st, n - 1));  // ST_c, c = n - 1
  // Send (K_w, ST_c, c) to the server (we send n = c + 1).
  const crypto::SecretKey k_w = KeywordKey(keyword);
  ByteWriter w = index::BeginRequest(kSearch);
  w.Raw(k_w.UnsafeBytes());
  w.Varint(n);
  w.Raw(st);
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_.Call(w.bytes()));

  return DecodeIdReply(reply, n, "sophos search reply");
}

Status SophosClient::Remove(std::string_view /*keyword*/, index::DocId /*id*/) {
  return Update(index::UpdateKind::kRemove, {});
}

Status SophosClient::Update(index::UpdateKind kind, std::span<const index::Document> docs) {
  if (kind != index::UpdateKind::kAdd) {
    return UnsupportedError("sophos only adds entries; removal needs a backward-private scheme");
  }
  for (const index::Document& d : docs) {
    for (const std::string& w : d.keywords) SSELAB_RETURN_IF_ERROR(index::ValidateKeyword(w));
  }
  SSELAB_RETURN_IF_ERROR(RecoverIfPending());
  const std::vector<KeywordGroup> groups = GroupByKeyword(docs);
  if (groups.empty()) return OkStatus();
  std::vector<std::string_view> keywords;
  keywords.reserve(groups.size());
  for (const KeywordGroup& g : groups) keywords.push_back(g.keyword);
  SSELAB_ASSIGN_OR_RETURN(std::vector<uint64_t> counts, counters_.Get(keywords));

  // Update, client, for each pair of the batch; one message for the whole batch.
  using Pair = std::array<uint8_t, kPairSize>;
  std::vector<Pair> pairs;
  storage::WriteBatch state_writes;
  for (size_t k = 0; k < groups.size(); ++k) {
    SSELAB_RETURN_IF_ERROR(EncryptEntries(groups[k].keyword, counts[k], groups[k].ids,
                                          [&pairs](ByteView ut, ByteView e) {
                                            Pair& p = pairs.emplace_back();
                                            std::copy(ut.begin(), ut.end(), p.begin());
                                            std::copy(e.begin(), e.end(), p.begin() + kTokenSize);
                                            return OkStatus();
                                          }));
    counters_.Set(state_writes, groups[k].keyword, counts[k] + groups[k].ids.size());  // W[w]
  }
  // In UT order, a pseudorandom one: in keyword order, the message would tell a server
  // that later searches two of its keywords which of the two sorts first.
  std::sort(pairs.begin(), pairs.end());
  ByteWriter message(2 + 10 + pairs.size() * kPairSize);
  index::BeginRequest(kUpdate, message);
  message.Varint(pairs.size());
  for (const Pair& p : pairs) message.Raw(p);
  // Crash rule: the counters are durable before (UT, e) leaves (update_journal.h).
  Status sent = journal_.Commit(std::move(state_writes), message.bytes());
  if (!sent.ok()) counters_.Forget();  // the store, not the cache, knows what was committed
  return sent;
}

}  // namespace sselab::sse::sophos
