#include "index/blind/blind_client.h"

#include <set>

#include <algorithm>
#include <cmath>
#include <map>

#include "base/codec.h"
#include "crypto/kdf.h"
#include "crypto/random.h"
#include "index/blind/blind_messages.h"
#include "index/blind/planner.h"
#include "index/field.h"
#include "index/inverted.h"
#include "index/message.h"
#include "index/posting_upload.h"
#include "index/setup_protocol.h"

namespace sselab::index::blind {
namespace {

Bytes Concat(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

}  // namespace

Result<std::unique_ptr<Client>> BlindClient::Create(const crypto::SecretKey& master,
                                                    BlindOptions options, Channel& channel) {
  auto bad_bits = [](int bits) { return bits < kMinBits || bits > kMaxBits; };
  bool bad = bad_bits(options.bits);
  for (const auto& [field, bits] : options.field_bits) bad = bad || bad_bits(bits);
  if (bad) return InvalidArgumentError("blind: token lengths must be in [1, 256]");
  // Step 1: a root key for the per-field keys, and the entry encryption key.
  SSELAB_ASSIGN_OR_RETURN(crypto::Aead aead,
                          crypto::Aead::Create(crypto::DeriveSubkey(master, "blind/aead", 32)));
  return std::unique_ptr<Client>(new BlindClient(crypto::DeriveSubkey(master, "blind/root", 32),
                                                 std::move(aead), std::move(options), channel));
}

const BlindClient::FieldKeys& BlindClient::KeysFor(std::string_view field) {
  auto it = fields_.find(field);
  if (it != fields_.end()) return it->second;
  // Step 1 (per field f): K_f = KDF(root, "field/" f); id_f = HMAC(K_id, f)[0..2].
  crypto::SecretKey id_key = crypto::DeriveSubkey(root_, "field-id", 32);
  crypto::Digest256 id = crypto::HmacSha256(id_key, AsBytes(field));
  FieldKeys keys{.tag_key = crypto::DeriveSubkey(root_, "field/" + std::string(field), 32),
                 .field_id = Bytes(id.begin(), id.begin() + kFieldIdSize),
                 .bits = options_.BitsFor(field)};
  return fields_.emplace(std::string(field), std::move(keys)).first->second;
}

BlindClient::Token BlindClient::TokenOf(std::string_view keyword) {
  // Step 2: tag = HMAC-SHA256(K_f, w); the token is L_f | id_f | the first L_f bits of tag.
  FieldedKeyword fw = SplitField(keyword);
  const FieldKeys& keys = KeysFor(fw.field);
  crypto::Digest256 tag = crypto::HmacSha256(keys.tag_key, AsBytes(fw.word));
  return {.field = fw.field, .tag = tag, .token = MakeToken(keys.bits, keys.field_id, tag)};
}

std::vector<std::string> BlindClient::FrequencyWarnings(
    const std::map<std::string, uint64_t, std::less<>>& keywords) const {
  std::vector<std::string> out;
  for (const auto& [field, r] : keywords) {
    int bits = options_.BitsFor(field);
    double alone = ExpectedAloneShare(r, bits);
    if (alone <= kMaxAloneShare) continue;
    std::string where = field.empty() ? std::string("keywords") : "keywords of field " + field;
    out.push_back("blind: with bits=" + std::to_string(bits) + ", about " +
                  std::to_string(std::lround(alone * 100)) + "% of the " + std::to_string(r) + " " +
                  where +
                  " are alone in their bucket, so the server sees their frequencies at rest; "
                  "`sselab blind plan` recommends a length for this corpus");
  }
  return out;
}

Bytes BlindClient::SealEntry(ByteView token, uint8_t kind, const crypto::Digest256& tag,
                             DocId id) const {
  ByteWriter plain(kEntryPlainSize);
  plain.U8(kind);
  plain.Raw(tag);
  plain.U64(id);
  return aead_.Seal(plain.bytes(), token);
}

BlindClient::Put BlindClient::RealEntry(ByteView token, const crypto::Digest256& tag,
                                        DocId id) const {
  // Step 3: a real entry: fresh random rid, AEAD(kReal | tag | id) bound to the token.
  return {crypto::RandomBytes(kRidSize), SealEntry(token, kReal, tag, id)};
}

BlindClient::Put BlindClient::DummyEntry(ByteView token) const {
  // Step 4: a dummy: same size, a tag no keyword has, told apart only after decryption.
  return {crypto::RandomBytes(kRidSize), SealEntry(token, kDummy, crypto::Digest256{}, 0)};
}

Result<BuildStats> BlindClient::Build(DocumentSource& corpus, const ProgressFn& progress) {
  std::map<Bytes, uint64_t> bucket_sizes;  // token -> real entries (only when padding)
  std::map<std::string, uint64_t, std::less<>> field_keywords;  // R per field, for warnings
  auto add = [](SetupSender& out, const Bytes& token, const Put& e) {
    return out.Add(Concat(token, e.rid), e.sealed);
  };
  auto encrypt_list = [&](std::string_view keyword, std::span<const DocId> ids,
                          SetupSender& out) -> Status {
    Token t = TokenOf(keyword);
    auto r = field_keywords.find(t.field);
    if (r == field_keywords.end()) r = field_keywords.emplace(std::string(t.field), 0).first;
    ++r->second;
    for (DocId id : ids) SSELAB_RETURN_IF_ERROR(add(out, t.token, RealEntry(t.token, t.tag, id)));
    if (options_.pad.kind != Pad::kNone) bucket_sizes[t.token] += ids.size();
    return OkStatus();
  };
  // Step 4: pad each bucket with dummies up to PaddedCount.
  auto pad = [&](SetupSender& out) -> Status {
    for (const auto& [token, real] : bucket_sizes) {
      for (uint64_t i = real; i < PaddedCount(options_.pad, real); ++i) {
        SSELAB_RETURN_IF_ERROR(add(out, token, DummyEntry(token)));
      }
    }
    return OkStatus();
  };
  SSELAB_ASSIGN_OR_RETURN(
      BuildStats stats,
      UploadPostingLists(channel_, std::string(kTable), corpus, progress, encrypt_list, pad));
  stats.warnings = FrequencyWarnings(field_keywords);
  return stats;
}

Result<std::vector<BlindClient::Opened>> BlindClient::FetchBucket(ByteView token) {
  ByteWriter w = BeginRequest(kSearch);
  w.Raw(token);
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_.Call(w.bytes()));
  ByteReader r(reply, "blind search reply");
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, r.Varint());
  if (n > r.remaining() / kWireEntrySize) return r.Malformed("entry count larger than the reply");
  std::vector<Opened> out;
  out.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    SSELAB_ASSIGN_OR_RETURN(ByteView rid, r.Raw(kRidSize));
    SSELAB_ASSIGN_OR_RETURN(ByteView sealed, r.Raw(kSealedSize));
    // Step 5: open each entry; the token as associated data pins it to its bucket.
    auto plain = aead_.Open(sealed, token);
    if (!plain.ok())
      return CorruptionError("blind: entry " + std::to_string(i) +
                             " of a bucket fails authentication");
    ByteReader p(*plain, "blind entry");
    Opened e{.rid = ToBytes(rid)};
    SSELAB_ASSIGN_OR_RETURN(e.kind, p.U8());
    SSELAB_ASSIGN_OR_RETURN(ByteView tag, p.Raw(kTagSize));
    std::copy(tag.begin(), tag.end(), e.tag.begin());
    SSELAB_ASSIGN_OR_RETURN(e.id, p.U64());
    SSELAB_RETURN_IF_ERROR(p.ExpectEnd());
    if (e.kind != kReal && e.kind != kDummy) return p.Malformed("unknown entry kind");
    out.push_back(std::move(e));
  }
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  return out;
}

Result<std::vector<DocId>> BlindClient::Search(std::string_view keyword) {
  SSELAB_RETURN_IF_ERROR(ValidateKeyword(keyword));
  [[maybe_unused]] auto [field, tag, token] = TokenOf(keyword);
  SSELAB_ASSIGN_OR_RETURN(std::vector<Opened> bucket, FetchBucket(token));
  // Step 6: keep real entries whose full tag is w's: truncation never changes the answer.
  std::vector<DocId> ids;
  for (const Opened& e : bucket) {
    if (e.kind == kReal && e.tag == tag) ids.push_back(e.id);
  }
  SortUnique(ids);
  return ids;
}

Status BlindClient::SendUpdate(ByteView token, const std::vector<Bytes>& erase,
                               const std::vector<Put>& put) {
  ByteWriter w = BeginRequest(kUpdate);
  w.Raw(token);
  w.Varint(erase.size());
  for (const Bytes& rid : erase) w.Raw(rid);
  w.Varint(put.size());
  for (const Put& p : put) {
    w.Raw(p.rid);
    w.Raw(p.sealed);
  }
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_.Call(w.bytes()));
  if (!reply.empty()) return CorruptionError("blind: update reply is not empty");
  return OkStatus();
}

Status BlindClient::Insert(std::string_view keyword, DocId id) {
  const Document doc{id, {std::string(keyword)}};
  return Update(UpdateKind::kAdd, std::span<const Document>(&doc, 1));
}

Status BlindClient::Remove(std::string_view keyword, DocId id) {
  const Document doc{id, {std::string(keyword)}};
  return Update(UpdateKind::kRemove, std::span<const Document>(&doc, 1));
}

Status BlindClient::Update(UpdateKind kind, std::span<const Document> docs) {
  std::map<Bytes, std::vector<std::pair<crypto::Digest256, DocId>>> buckets;
  for (const Document& d : docs) {
    for (const std::string& keyword : d.keywords) {
      SSELAB_RETURN_IF_ERROR(ValidateKeyword(keyword));
      [[maybe_unused]] auto [field, tag, token] = TokenOf(keyword);
      buckets[token].emplace_back(tag, d.id);
    }
  }
  for (const auto& [token, pairs] : buckets) {
    SSELAB_RETURN_IF_ERROR(UpdateBucket(kind, token, pairs));
  }
  return OkStatus();
}

Status BlindClient::UpdateBucket(UpdateKind kind, const Bytes& token,
                                 const std::vector<std::pair<crypto::Digest256, DocId>>& pairs) {
  std::vector<Bytes> erase;
  std::vector<Put> put;
  if (kind == UpdateKind::kAdd && options_.pad.kind == Pad::kNone) {
    // Step 7: entries added blindly (a repeated pair leaves a duplicate entry).
    for (const auto& [tag, id] : pairs) put.push_back(RealEntry(token, tag, id));
    return SendUpdate(token, erase, put);
  }
  SSELAB_ASSIGN_OR_RETURN(std::vector<Opened> bucket, FetchBucket(token));
  std::set<std::pair<crypto::Digest256, DocId>> present;
  std::vector<const Opened*> dummies;
  for (const Opened& e : bucket) {
    if (e.kind == kReal) present.emplace(e.tag, e.id);
    if (e.kind == kDummy) dummies.push_back(&e);
  }
  if (kind == UpdateKind::kRemove) {
    // Step 8: rids are random, so find the entries first, then erase them by rid; with
    // padding each is replaced by a fresh dummy so the bucket keeps its size.
    std::set<std::pair<crypto::Digest256, DocId>> gone(pairs.begin(), pairs.end());
    for (const Opened& e : bucket) {
      if (e.kind != kReal || !gone.contains({e.tag, e.id})) continue;
      erase.push_back(e.rid);
      if (options_.pad.kind != Pad::kNone) put.push_back(DummyEntry(token));
    }
    if (erase.empty()) return OkStatus();
    return SendUpdate(token, erase, put);
  }
  // Step 7 (padded): each new pair replaces a dummy while there are any; beyond them the
  // bucket grows, with dummies up to its next padded size.
  for (const auto& p : pairs) {
    if (!present.insert(p).second) continue;  // present, or twice in the batch
    put.push_back(RealEntry(token, p.first, p.second));
  }
  if (put.empty()) return OkStatus();
  const size_t replaced = std::min(put.size(), dummies.size());
  for (size_t i = 0; i < replaced; ++i) erase.push_back(dummies[i]->rid);
  if (put.size() > dummies.size()) {
    const uint64_t entries = bucket.size() + put.size() - dummies.size();
    for (uint64_t n = entries; n < PaddedCount(options_.pad, entries); ++n) {
      put.push_back(DummyEntry(token));
    }
  }
  return SendUpdate(token, erase, put);
}

}  // namespace sselab::index::blind
