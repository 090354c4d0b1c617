#include "sse/diana/diana_del_client.h"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>

#include "index/message.h"
#include "sse/diana/diana_del_messages.h"
#include "sse/diana/diana_messages.h"

namespace sselab::sse::diana {
namespace {

void XorInto(const crypto::Block& pad, crypto::Block& b) {
  for (size_t i = 0; i < b.size(); ++i) b[i] ^= pad[i];
}

}  // namespace

Result<std::unique_ptr<index::Client>> DianaDelClient::Create(const crypto::SecretKey& master,
                                                              storage::Store& state,
                                                              index::Channel& channel) {
  SSELAB_ASSIGN_OR_RETURN(KeywordKeys keys, KeywordKeys::Create(master, "diana-del/prf"));
  SSELAB_ASSIGN_OR_RETURN(KeywordCounters adds,
                          KeywordCounters::Open(state, master, "diana-del/add-state"));
  SSELAB_ASSIGN_OR_RETURN(KeywordCounters dels,
                          KeywordCounters::Open(state, master, "diana-del/del-state"));
  SSELAB_ASSIGN_OR_RETURN(UpdateJournal journal, UpdateJournal::Open(state, channel));
  return std::unique_ptr<index::Client>(new DianaDelClient(
      std::move(keys), std::move(adds), std::move(dels), journal, state, channel));
}

InstanceKeys DianaDelClient::KeysOf(index::UpdateKind kind, std::string_view keyword) const {
  // Each instance has its own Diana keys K_w || K'_w, all four from F(K_Σ, w).
  const uint8_t base = kind == index::UpdateKind::kAdd ? 1 : 3;
  return {keys_.DeriveBlock(base, keyword),
          keys_.DeriveBlock(static_cast<uint8_t>(base + 1), keyword)};
}

Result<crypto::BlockCipher> DianaDelClient::TagCipher(std::string_view keyword) const {
  return crypto::BlockCipher::Create(keys_.Derive(5, keyword));
}

void DianaDelClient::AppendTagged(const InstanceKeys& keys, const crypto::BlockCipher& cipher,
                                  uint64_t first, std::span<const index::DocId> ids,
                                  std::optional<uint64_t> preceding, ByteWriter& out) {
  AppendEntries(
      keys, first, ids.size(), kTagValueSize,
      [&](size_t i, const LeafTokens& t, uint8_t* value) {
        // An addition's value: C = AES(K^tag_w, BE64(id) || 0^8). A deletion's:
        // C[0..12) || BE32(a). Either masked with H_2(K'_w, T_c).
        crypto::Block c = cipher.Encrypt(crypto::BlockPrf::CounterBlock(ids[i]));
        if (preceding.has_value()) {
          StoreBe32(static_cast<uint32_t>(*preceding), c.data() + kMatchSize);
        }
        XorInto(t.pad, c);
        std::copy(c.begin(), c.end(), value);
      },
      out);
}

Result<index::BuildStats> DianaDelClient::Build(index::DocumentSource& corpus,
                                                const index::ProgressFn& progress) {
  // |DB(w)| additions of w; the deletions' instance starts empty.
  const AppendEntriesFn append = [this](std::string_view w, uint64_t first,
                                        std::span<const index::DocId> ids,
                                        ByteWriter& out) -> Status {
    SSELAB_ASSIGN_OR_RETURN(crypto::BlockCipher cipher, TagCipher(w));
    AppendTagged(KeysOf(index::UpdateKind::kAdd, w), cipher, first, ids, std::nullopt, out);
    return OkStatus();
  };
  return BuildCounterIndex(channel_, kAddTable, adds_, state_, corpus, progress,
                           {kDelAdd, kDelShape, kDelMaxCount, "Diana_del"}, append);
}

Status DianaDelClient::Update(index::UpdateKind kind, std::span<const index::Document> docs) {
  if (journal_.pending()) SSELAB_RETURN_IF_ERROR(journal_.Recover());
  const bool add = kind == index::UpdateKind::kAdd;
  // A deletion records how many additions of w precede it (the `a` of
  // diana_del_messages.h): it cancels only those.
  std::unordered_map<std::string_view, uint64_t> preceding;
  std::unordered_map<std::string_view, crypto::BlockCipher> ciphers;
  for (const index::Document& d : docs) {
    for (const std::string& w : d.keywords) {
      if (ciphers.contains(w)) continue;
      SSELAB_ASSIGN_OR_RETURN(crypto::BlockCipher c, TagCipher(w));
      ciphers.emplace(w, std::move(c));
      if (!add) {
        SSELAB_ASSIGN_OR_RETURN(preceding[w], adds_.Get(w));
      }
    }
  }
  const AppendEntriesFn append = [&](std::string_view keyword, uint64_t first,
                                     std::span<const index::DocId> ids, ByteWriter& out) -> Status {
    const std::optional<uint64_t> a =
        add ? std::nullopt : std::optional<uint64_t>(preceding.at(keyword));
    AppendTagged(KeysOf(kind, keyword), ciphers.at(keyword), first, ids, a, out);
    return OkStatus();
  };
  const CounterBatchSpec spec{add ? kDelAdd : kDelDelete, kDelShape, kDelMaxCount, "Diana_del"};
  return SendCounterBatch(add ? adds_ : dels_, journal_, docs, spec, append);
}

Result<std::vector<index::DocId>> DianaDelClient::Search(std::string_view keyword) {
  if (journal_.pending()) SSELAB_RETURN_IF_ERROR(journal_.Recover());
  SSELAB_ASSIGN_OR_RETURN(uint64_t added, adds_.Get(keyword));
  if (added == 0) return std::vector<index::DocId>{};  // nothing a deletion could cancel
  SSELAB_ASSIGN_OR_RETURN(uint64_t deleted, dels_.Get(keyword));
  // Diana's search on each instance: the constrained keys for [0, count).
  ByteWriter w = index::BeginRequest(kDelSearch);
  AppendConstrainedKey(KeysOf(index::UpdateKind::kAdd, keyword), added, w);
  AppendConstrainedKey(KeysOf(index::UpdateKind::kRemove, keyword), deleted, w);
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_.Call(w.bytes()));

  ByteReader r(reply, "diana-del search reply");
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, r.Varint());
  if (n > added) {
    return r.Malformed(std::to_string(n) + " results from " + std::to_string(added) + " additions");
  }
  if (n > r.remaining() / kTagValueSize) return r.Malformed("result count larger than the reply");
  SSELAB_ASSIGN_OR_RETURN(ByteView tags, r.Raw(n * kTagValueSize));
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  SSELAB_ASSIGN_OR_RETURN(crypto::BlockCipher cipher, TagCipher(keyword));
  std::vector<index::DocId> ids(n);
  for (size_t i = 0; i < n; ++i) {
    crypto::Block c;
    std::copy_n(tags.begin() + static_cast<std::ptrdiff_t>(i * kTagValueSize), c.size(), c.begin());
    const crypto::Block plain = cipher.Decrypt(c);
    if (!std::all_of(plain.begin() + 8, plain.end(), [](uint8_t b) { return b == 0; })) {
      return CorruptionError("diana-del search reply: result " + std::to_string(i) +
                             " is no tag of the keyword (corrupt store or wrong key)");
    }
    ids[i] = LoadBe64(plain.data());
  }
  index::SortUnique(ids);
  return ids;
}

}  // namespace sselab::sse::diana
