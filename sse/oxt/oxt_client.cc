#include "sse/oxt/oxt_client.h"

#include <algorithm>
#include <optional>

#include "base/codec.h"
#include "base/parallel.h"
#include "crypto/random.h"
#include "index/message.h"
#include "index/posting_upload.h"
#include "index/setup_protocol.h"
#include "sse/oxt/oxt_messages.h"
#include "sse/oxt/xset.h"

namespace sselab::sse::oxt {
namespace {

using crypto::ristretto255::Point;

// Entries are encoded this many at a time: the build's memory does not grow with the
// longest list.
constexpr size_t kEntryBatch = 4096;
// Group operations are split over threads in ranges of at least this many (each costs
// tens of microseconds, a thread's start some).
constexpr size_t kMinChunk = 4;

// e = AES_{K_e}(BE64(ind) ‖ 0^8): one block, whose zero half the client checks when it
// decrypts (a wrong key or a tampered entry shows).
crypto::Block EntryPlaintext(index::DocId id) {
  crypto::Block b{};
  StoreBe64(id, b.data());
  return b;
}

// A uniformly random order of `ids` (Fisher-Yates over the system's CSPRNG): the paper
// permutes each list so that counters say nothing of the ids' order.
std::vector<index::DocId> Shuffled(std::span<const index::DocId> ids) {
  std::vector<index::DocId> out(ids.begin(), ids.end());
  if (out.size() < 2) return out;
  const Bytes random = crypto::RandomBytes(8 * out.size());
  for (size_t i = out.size() - 1; i > 0; --i) {
    // 64 random bits mod (i + 1): a bias below 2^-32 for any list that fits in memory.
    const size_t j = LoadBe64(random.data() + 8 * i) % (i + 1);
    std::swap(out[i], out[j]);
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<index::Client>> OxtClient::Create(const crypto::SecretKey& master,
                                                         index::Channel& channel,
                                                         storage::Store& state) {
  SSELAB_ASSIGN_OR_RETURN(OxtKeys keys, OxtKeys::Create(master));
  SSELAB_ASSIGN_OR_RETURN(KeywordCounters counts,
                          KeywordCounters::Open(state, master, "oxt/state"));
  return std::unique_ptr<index::Client>(
      new OxtClient(std::move(keys), std::move(counts), channel, state));
}

Status OxtClient::EncodeEntries(std::string_view w, const crypto::BlockCipher& cipher,
                                const Scalar& xtrap, uint64_t first,
                                std::span<const index::DocId> ids, Bytes& tuples,
                                Bytes& xset_keys) const {
  const size_t n = ids.size();
  tuples.assign(n * kTupleSize, 0);
  xset_keys.assign(n * kXTagKeySize, 0);
  // Fig. 2, EDBSetup, for c: xind ← F_p(K_I, ind), z ← F_p(K_Z, w ‖ c), e ← Enc(K_e, ind).
  // The PRF objects are one thread's: these evaluations run here, in order.
  std::vector<Scalar> xinds, zs;
  xinds.reserve(n);
  zs.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    xinds.push_back(keys_.XInd(ids[i]));
    zs.push_back(keys_.Z(w, first + i));
    const crypto::Block e = cipher.Encrypt(EntryPlaintext(ids[i]));
    std::copy(e.begin(), e.end(), tuples.begin() + i * kTupleSize);
  }
  // y ← xind · z^{-1}; xtag ← g^{F_p(K_X, w) · xind}: the group operations, on every core,
  // each range's z inverted at once.
  return ParallelTry(n, kMinChunk, [&](size_t begin, size_t end) -> Status {
    SSELAB_RETURN_IF_ERROR(Scalar::InvertAll(std::span(zs).subspan(begin, end - begin)));
    for (size_t i = begin; i < end; ++i) {
      const Scalar y = xinds[i] * zs[i];
      std::copy_n(y.bytes().begin(), kYSize, tuples.begin() + i * kTupleSize + kEntryCipherSize);
      SSELAB_ASSIGN_OR_RETURN(Point xtag, Point::BaseMul(xtrap * xinds[i]));
      const XSetKey key = XSetKeyOf(xtag);
      std::copy(key.begin(), key.end(), xset_keys.begin() + i * kXTagKeySize);
    }
    return OkStatus();
  });
}

Result<index::BuildStats> OxtClient::Build(index::DocumentSource& corpus,
                                           const index::ProgressFn& progress) {
  CounterBuildWriter counts(counts_, state_);
  index::SetupSender xset(channel_, std::string(kXSetTable));
  std::vector<crypto::Block> labels;
  Bytes tuples, xset_keys;
  auto encode_list = [&](std::string_view w, std::span<const index::DocId> sorted_ids,
                         index::SetupSender& tset) -> Status {
    // Fig. 2, EDBSetup, for each w: a random order of DB(w), K_e ← F(K_S, w), and the
    // TSet list T[w] of (e, y) under stag (TSetSetup: Π_bas's dictionary).
    const std::vector<index::DocId> ids = Shuffled(sorted_ids);
    SSELAB_ASSIGN_OR_RETURN(crypto::BlockCipher cipher, keys_.EntryCipher(w));
    SSELAB_ASSIGN_OR_RETURN(crypto::BlockPrf stag, crypto::BlockPrf::Create(keys_.Stag(w)));
    const Scalar xtrap = keys_.XTrap(w);
    for (size_t first = 0; first < ids.size(); first += kEntryBatch) {
      const size_t n = std::min(kEntryBatch, ids.size() - first);
      SSELAB_RETURN_IF_ERROR(EncodeEntries(w, cipher, xtrap, first,
                                           std::span(ids).subspan(first, n), tuples, xset_keys));
      labels.resize(n);
      stag.EvalCounters(first, labels);
      for (size_t i = 0; i < n; ++i) {
        SSELAB_RETURN_IF_ERROR(
            tset.Add(labels[i], ByteView(tuples).subspan(i * kTupleSize, kTupleSize)));
        // XSet ← XSet ∪ {xtag}.
        SSELAB_RETURN_IF_ERROR(
            xset.Add(ByteView(xset_keys).subspan(i * kXTagKeySize, kXTagKeySize), {}));
      }
    }
    return counts.Set(w, ids.size());
  };
  auto finish = [&](index::SetupSender&) -> Status {
    SSELAB_RETURN_IF_ERROR(counts.Finish());
    return xset.Flush();
  };
  return index::UploadPostingLists(channel_, std::string(kTSetTable), corpus, progress, encode_list,
                                   finish);
}

Result<std::vector<index::DocId>> OxtClient::Search(std::string_view keyword) {
  SSELAB_RETURN_IF_ERROR(index::ValidateKeyword(keyword));
  return Conjunction({keyword});
}

Result<std::vector<index::DocId>> OxtClient::SearchConjunction(std::span<const std::string> terms) {
  // Distinct terms, as Client::SearchConjunction is given them (EncryptedIndex::Search
  // drops repeats); each is checked here, the client's last word before the wire.
  for (const std::string& t : terms) SSELAB_RETURN_IF_ERROR(index::ValidateKeyword(t));
  std::vector<std::string_view> views(terms.begin(), terms.end());
  if (views.empty()) return InvalidArgumentError("a conjunction needs at least one keyword");
  if (views.size() > kMaxXTerms + 1) {
    return InvalidArgumentError("oxt: a conjunction of " + std::to_string(views.size()) +
                                " keywords; at most " + std::to_string(kMaxXTerms + 1));
  }
  return Conjunction(std::move(views));
}

Result<std::vector<index::DocId>> OxtClient::Conjunction(std::vector<std::string_view> terms) {
  // The s-term: the term with the fewest entries, by the counts kept at build.
  SSELAB_ASSIGN_OR_RETURN(std::vector<uint64_t> counts, counts_.Get(terms));
  const size_t s = std::min_element(counts.begin(), counts.end()) - counts.begin();
  const uint64_t n = counts[s];
  if (n == 0) return std::vector<index::DocId>{};  // some term is in no document
  std::swap(terms[0], terms[s]);
  const std::string_view s_term = terms[0];
  const size_t x = terms.size() - 1;
  if (x > 0 && n > (std::numeric_limits<size_t>::max() / kXTokenSize) / x) {
    return InvalidArgumentError("oxt: the s-term's entries times the x-terms overflow a request");
  }

  // Fig. 2, Search, client: stag ← TSetGetTag(K_T, w_1); for c: xtoken[c, i] ←
  // g^{F_p(K_Z, w_1 ‖ c) · F_p(K_X, w_i)}, i = 2..n.
  ByteWriter w = index::BeginRequest(kSearch);
  w.Raw(keys_.Stag(s_term).UnsafeBytes());
  w.Varint(x);
  w.Varint(x == 0 ? 0 : n);
  if (x > 0) {
    std::vector<Scalar> xtraps, zs;
    for (size_t i = 1; i <= x; ++i) xtraps.push_back(keys_.XTrap(terms[i]));
    zs.reserve(n);
    for (uint64_t c = 0; c < n; ++c) zs.push_back(keys_.Z(s_term, c));
    Bytes xtokens(n * x * kXTokenSize);
    SSELAB_RETURN_IF_ERROR(ParallelTry(n, kMinChunk, [&](size_t begin, size_t end) -> Status {
      for (size_t c = begin; c < end; ++c) {
        for (size_t i = 0; i < x; ++i) {
          SSELAB_ASSIGN_OR_RETURN(Point token, Point::BaseMul(zs[c] * xtraps[i]));
          std::copy_n(token.bytes().begin(), kXTokenSize,
                      xtokens.begin() + (c * x + i) * kXTokenSize);
        }
      }
      return OkStatus();
    }));
    w.Raw(xtokens);
  }
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_.Call(w.bytes()));

  // ind ← Dec(K_e, e) for each e returned, K_e ← F(K_S, w_1).
  ByteReader r(reply, "oxt search reply");
  SSELAB_ASSIGN_OR_RETURN(uint64_t k, r.Varint());
  if (k > n) return r.Malformed("more results than the s-term has entries");
  if (k > r.remaining() / kEntryCipherSize)
    return r.Malformed("result count larger than the reply");
  SSELAB_ASSIGN_OR_RETURN(ByteView es, r.Raw(k * kEntryCipherSize));
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  SSELAB_ASSIGN_OR_RETURN(crypto::BlockCipher cipher, keys_.EntryCipher(s_term));
  std::vector<index::DocId> ids;
  ids.reserve(k);
  for (size_t i = 0; i < k; ++i) {
    crypto::Block e{};
    std::copy_n(es.begin() + i * kEntryCipherSize, e.size(), e.begin());
    const crypto::Block plain = cipher.Decrypt(e);
    if (std::any_of(plain.begin() + 8, plain.end(), [](uint8_t b) { return b != 0; })) {
      return CorruptionError("oxt search reply: result " + std::to_string(i) +
                             " does not decrypt under the s-term's key (a tampered entry?)");
    }
    ids.push_back(LoadBe64(plain.data()));
  }
  index::SortUnique(ids);
  return ids;
}

}  // namespace sselab::sse::oxt
