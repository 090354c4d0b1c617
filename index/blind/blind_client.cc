#include "index/blind/blind_client.h"

#include <algorithm>
#include <map>

#include "base/codec.h"
#include "crypto/kdf.h"
#include "crypto/random.h"
#include "index/blind/blind_messages.h"
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

uint64_t PaddedCount(Pad pad, uint64_t real) {
  if (pad == Pad::kNone || real == 0) return real;
  uint64_t n = 1;
  while (n < real) n <<= 1;
  return n;
}

Result<std::unique_ptr<Client>> BlindClient::Create(const crypto::SecretKey& master, int bits,
                                                    Pad pad, Channel& channel) {
  if (bits < kMinBits || bits > kMaxBits) {
    return InvalidArgumentError("blind: bits must be in [1, 256], got " + std::to_string(bits));
  }
  // Step 1: per-field HMAC key and the entry encryption key, both from the master key.
  crypto::SecretKey field_key = crypto::DeriveSubkey(master, "blind/field/", 32);
  SSELAB_ASSIGN_OR_RETURN(crypto::Aead aead,
                          crypto::Aead::Create(crypto::DeriveSubkey(master, "blind/aead", 32)));
  return std::unique_ptr<Client>(
      new BlindClient(std::move(field_key), std::move(aead), bits, pad, channel));
}

crypto::Digest256 BlindClient::Tag(std::string_view keyword) const {
  // Step 2: tag = HMAC-SHA256(K_field, w); the token is its first L bits.
  return crypto::HmacSha256(field_key_, AsBytes(keyword));
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
  auto add = [](SetupSender& out, const Bytes& token, const Put& e) {
    return out.Add(Concat(token, e.rid), e.sealed);
  };
  auto encrypt_list = [&](std::string_view keyword, std::span<const DocId> ids,
                          SetupSender& out) -> Status {
    crypto::Digest256 tag = Tag(keyword);
    Bytes token = TruncateTag(tag, bits_);
    for (DocId id : ids) SSELAB_RETURN_IF_ERROR(add(out, token, RealEntry(token, tag, id)));
    if (pad_ != Pad::kNone) bucket_sizes[token] += ids.size();
    return OkStatus();
  };
  // Step 4: pad each bucket with dummies up to PaddedCount.
  auto pad = [&](SetupSender& out) -> Status {
    for (const auto& [token, real] : bucket_sizes) {
      for (uint64_t i = real; i < PaddedCount(pad_, real); ++i) {
        SSELAB_RETURN_IF_ERROR(add(out, token, DummyEntry(token)));
      }
    }
    return OkStatus();
  };
  return UploadPostingLists(channel_, std::string(kTable), corpus, progress, encrypt_list, pad);
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
  crypto::Digest256 tag = Tag(keyword);
  SSELAB_ASSIGN_OR_RETURN(std::vector<Opened> bucket, FetchBucket(TruncateTag(tag, bits_)));
  // Step 6: keep real entries whose full tag is w's: truncation never changes the answer.
  std::vector<DocId> ids;
  for (const Opened& e : bucket) {
    if (e.kind == kReal && e.tag == tag) ids.push_back(e.id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
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
  SSELAB_RETURN_IF_ERROR(ValidateKeyword(keyword));
  crypto::Digest256 tag = Tag(keyword);
  Bytes token = TruncateTag(tag, bits_);
  if (pad_ == Pad::kNone) return SendUpdate(token, {}, {RealEntry(token, tag, id)});
  // Step 7 (padded): replace a dummy, or add the entry and double the bucket with dummies.
  SSELAB_ASSIGN_OR_RETURN(std::vector<Opened> bucket, FetchBucket(token));
  const Opened* dummy = nullptr;
  for (const Opened& e : bucket) {
    if (e.kind == kReal && e.tag == tag && e.id == id) return OkStatus();  // present
    if (e.kind == kDummy) dummy = &e;
  }
  std::vector<Bytes> erase;
  std::vector<Put> put = {RealEntry(token, tag, id)};
  if (dummy != nullptr) {
    erase.push_back(dummy->rid);
  } else {
    for (uint64_t n = bucket.size() + 1; n < PaddedCount(pad_, bucket.size() + 1); ++n) {
      put.push_back(DummyEntry(token));
    }
  }
  return SendUpdate(token, erase, put);
}

Status BlindClient::Remove(std::string_view keyword, DocId id) {
  SSELAB_RETURN_IF_ERROR(ValidateKeyword(keyword));
  crypto::Digest256 tag = Tag(keyword);
  Bytes token = TruncateTag(tag, bits_);
  // Step 8: rids are random, so find the entry first, then erase it by its rid.
  SSELAB_ASSIGN_OR_RETURN(std::vector<Opened> bucket, FetchBucket(token));
  std::vector<Bytes> erase;
  std::vector<Put> put;
  for (const Opened& e : bucket) {
    if (e.kind != kReal || e.tag != tag || e.id != id) continue;
    erase.push_back(e.rid);
    if (pad_ != Pad::kNone) put.push_back(DummyEntry(token));
  }
  if (erase.empty()) return OkStatus();
  return SendUpdate(token, erase, put);
}

}  // namespace sselab::index::blind
