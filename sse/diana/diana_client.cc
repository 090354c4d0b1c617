#include "sse/diana/diana_client.h"

#include <algorithm>
#include <cstring>

#include "crypto/ggm.h"
#include "index/message.h"
#include "index/posting_upload.h"
#include "sse/common/id_reply.h"
#include "sse/diana/diana_messages.h"
#include "sse/diana/diana_tokens.h"

namespace sselab::sse::diana {
namespace {

constexpr uint64_t kMaxCount = uint64_t{1} << kTreeDepth;
constexpr size_t kEntrySize = kTokenSize + kValueSize;

crypto::Block ToBlock(const crypto::SecretKey& k) {
  crypto::Block b{};
  std::copy_n(k.UnsafeBytes().begin(), b.size(), b.begin());
  return b;
}

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

void DianaClient::KeywordKeysOf(std::string_view keyword, crypto::Block& root,
                                crypto::Block& k_prime) const {
  // K_w || K'_w <- F(K_Σ, w): two independent PRF outputs.
  root = ToBlock(keys_.Derive(1, keyword));
  k_prime = ToBlock(keys_.Derive(2, keyword));
}

void DianaClient::AppendEntries(std::string_view keyword, uint64_t first,
                                std::span<const index::DocId> ids, ByteWriter& out) const {
  crypto::Block root, k_prime;
  KeywordKeysOf(keyword, root, k_prime);
  const crypto::Block second = SecondInput(k_prime);
  std::vector<crypto::Block> leaves(ids.size());
  // Update line 4: T_c <- F(K_w, c), for the batch's consecutive counters at once.
  crypto::GgmTree::Leaves(root, kTreeDepth, first, leaves);
  uint8_t entry[kTokenSize + kValueSize];
  for (size_t i = 0; i < ids.size(); ++i) {
    // Lines 5-6: UT_c <- H_1(K'_w, T_c); e <- ind XOR H_2(K'_w, T_c).
    const LeafTokens t = TokensOf(leaves[i], k_prime, second);
    std::copy(t.token.begin(), t.token.end(), entry);
    StoreBe64(ids[i] ^ t.mask, entry + kTokenSize);
    out.Raw(ByteView(entry, sizeof(entry)));
  }
}

Result<index::BuildStats> DianaClient::Build(index::DocumentSource& corpus,
                                             const index::ProgressFn& progress) {
  CounterBuildWriter counts(counters_, state_);
  ByteWriter entries;
  auto encode = [&](std::string_view keyword, std::span<const index::DocId> ids,
                    index::SetupSender& sender) -> Status {
    if (ids.size() >= kMaxCount) return InvalidArgumentError("a posting list exceeds 2^32 ids");
    // The build is |DB(w)| additions of w with counters 0 .. |DB(w)| - 1.
    entries.Clear();
    AppendEntries(keyword, 0, ids, entries);
    const uint8_t* p = entries.bytes().data();
    for (size_t i = 0; i < ids.size(); ++i, p += kTokenSize + kValueSize) {
      SSELAB_RETURN_IF_ERROR(
          sender.Add(ByteView(p, kTokenSize), ByteView(p + kTokenSize, kValueSize)));
    }
    return counts.Set(keyword, ids.size());
  };
  auto finish = [&](index::SetupSender&) -> Status { return counts.Finish(); };
  return index::UploadPostingLists(channel_, std::string(kTable), corpus, progress, encode, finish);
}

Status DianaClient::Update(index::UpdateKind kind, std::span<const index::Document> docs) {
  if (kind == index::UpdateKind::kRemove) return Remove({}, 0);
  if (journal_.pending()) SSELAB_RETURN_IF_ERROR(journal_.Recover());
  std::vector<KeywordGroup> groups = GroupByKeyword(docs);
  if (groups.empty()) return OkStatus();
  std::vector<std::string_view> keywords;
  keywords.reserve(groups.size());
  size_t pairs = 0;
  for (const KeywordGroup& g : groups) {
    keywords.push_back(g.keyword);
    pairs += g.ids.size();
  }
  // Update lines 2-3: c <- W[w] (0 updates if absent), W[w] <- c + |ids|.
  SSELAB_ASSIGN_OR_RETURN(std::vector<uint64_t> counts, counters_.Get(keywords));
  ByteWriter entries(pairs * kEntrySize);
  storage::WriteBatch state_writes;
  for (size_t i = 0; i < groups.size(); ++i) {
    const uint64_t next = counts[i] + groups[i].ids.size();
    if (next > kMaxCount) {
      counters_.Forget();  // the counts staged so far were not committed
      return InvalidArgumentError("a keyword would exceed Diana's 2^32 updates");
    }
    AppendEntries(groups[i].keyword, counts[i], groups[i].ids, entries);
    counters_.Set(state_writes, groups[i].keyword, next);
  }
  // The message carries the entries in token order, a pseudorandom one. In the order they
  // were made (grouped by keyword, keywords sorted) it would show which entries share a
  // keyword before any search, and the order of two keywords once both are searched.
  std::vector<const uint8_t*> order(pairs);
  for (size_t i = 0; i < pairs; ++i) order[i] = entries.bytes().data() + i * kEntrySize;
  std::sort(order.begin(), order.end(),
            [](const uint8_t* a, const uint8_t* b) { return std::memcmp(a, b, kTokenSize) < 0; });
  ByteWriter message(pairs * kEntrySize + 16);
  index::BeginRequest(kUpdate, message);
  message.Varint(pairs);
  for (const uint8_t* e : order) message.Raw(ByteView(e, kEntrySize));
  // Line 7: send (UT_c, e) — after the counters are durable (update_journal.h).
  Status sent = journal_.Commit(std::move(state_writes), message.bytes());
  if (!sent.ok()) counters_.Forget();
  return sent;
}

Status DianaClient::Insert(std::string_view keyword, index::DocId id) {
  const index::Document doc{id, {std::string(keyword)}};
  return Update(index::UpdateKind::kAdd, std::span<const index::Document>(&doc, 1));
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
  crypto::Block root, k_prime;
  KeywordKeysOf(keyword, root, k_prime);
  // Line 3: K_w(c) <- F.Constrain(K_w, {0, .., c}); line 4: send (K_w(c), K'_w).
  const std::vector<crypto::GgmNode> cover = crypto::GgmTree::Cover(root, kTreeDepth, count);
  ByteWriter w = index::BeginRequest(kSearch);
  w.Raw(ByteView(k_prime.data(), k_prime.size()));
  w.Varint(count);
  w.Varint(cover.size());
  for (const crypto::GgmNode& n : cover) {
    w.U8(n.depth);
    w.Varint(n.prefix);
    w.Raw(ByteView(n.key.data(), n.key.size()));
  }
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_.Call(w.bytes()));

  return DecodeIdReply(reply, count, "diana search reply");
}

}  // namespace sselab::sse::diana
