#include "leakage/transcript_file.h"

#include <cstring>
#include <string>

#include "base/codec.h"
#include "base/files.h"
#include "crypto/hash.h"

namespace sselab::leakage {
namespace {

constexpr std::string_view kViewMagic = "SSELVIEW";
constexpr std::string_view kTruthMagic = "SSELTRTH";
constexpr size_t kMagicSize = 8;
constexpr size_t kHeaderSize = kMagicSize + 4 + 8;
constexpr size_t kDigestSize = 32;
constexpr size_t kMaxField = size_t{1} << 32;
constexpr uint64_t kMaxFileBytes = uint64_t{16} << 30;

// View body:
//   lp scheme | varint #params | lp param... | varint #public keys | (lp name | lp key)... |
//   varint #ops | op...
//   op:      u8 kind (OpKind; 4 and 5 since version 4) | varint #messages | message... | varint
//   #accesses | access... |
//            varint #stored | (lp table | lp key | lp value)...
//   message: u8 elided | varint request_size | varint reply_size
//            [| lp request | lp reply, unless elided]
//   access:  u8 op | lp table | lp key | varint value_size | u8 found
// Truth body:
//   SHA-256 of the view file (32) | lp corpus | varint documents | varint keywords |
//   varint pairs | varint #ops | per op: lp keyword | varint #ids | varint id... |
//   varint #keywords | lp keyword... (the keywords of a batch; since version 3)
void EncodeOp(const ServerOp& op, ByteWriter& w) {
  w.U8(static_cast<uint8_t>(op.kind));
  w.Varint(op.messages.size());
  for (const Message& m : op.messages) {
    w.U8(m.elided ? 1 : 0);
    w.Varint(m.request_size);
    w.Varint(m.reply_size);
    if (!m.elided) {
      w.LengthPrefixed(m.request);
      w.LengthPrefixed(m.reply);
    }
  }
  w.Varint(op.accesses.size());
  for (const storage::StoreAccess& a : op.accesses) {
    w.U8(static_cast<uint8_t>(a.op));
    w.LengthPrefixed(a.table);
    w.LengthPrefixed(a.key);
    w.Varint(a.value_size);
    w.U8(a.found ? 1 : 0);
  }
  w.Varint(op.stored.size());
  for (const StoredEntry& e : op.stored) {
    w.LengthPrefixed(e.table);
    w.LengthPrefixed(e.key);
    w.LengthPrefixed(e.value);
  }
}

// A count read from the file, bounded by what the rest of the body could hold (every
// element takes at least one byte), so a corrupt count cannot trigger a huge allocation.
Result<uint64_t> Count(ByteReader& in) {
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, in.Varint());
  if (n > in.remaining()) return in.Malformed("count " + std::to_string(n) + " exceeds the file");
  return n;
}

Result<std::string> String(ByteReader& in) {
  SSELAB_ASSIGN_OR_RETURN(ByteView b, in.LengthPrefixed(kMaxField));
  return ToString(b);
}

Result<bool> Flag(ByteReader& in) {
  SSELAB_ASSIGN_OR_RETURN(uint8_t v, in.U8());
  if (v > 1) return in.Malformed("flag byte " + std::to_string(v));
  return v == 1;
}

Result<ServerOp> DecodeOp(ByteReader& in) {
  ServerOp op;
  SSELAB_ASSIGN_OR_RETURN(uint8_t kind, in.U8());
  if (kind > static_cast<uint8_t>(OpKind::kUnknown)) {
    return in.Malformed("unknown operation kind " + std::to_string(kind));
  }
  op.kind = static_cast<OpKind>(kind);
  SSELAB_ASSIGN_OR_RETURN(uint64_t messages, Count(in));
  op.messages.reserve(messages);
  for (uint64_t i = 0; i < messages; ++i) {
    Message m;
    SSELAB_ASSIGN_OR_RETURN(m.elided, Flag(in));
    SSELAB_ASSIGN_OR_RETURN(m.request_size, in.Varint());
    SSELAB_ASSIGN_OR_RETURN(m.reply_size, in.Varint());
    if (!m.elided) {
      SSELAB_ASSIGN_OR_RETURN(ByteView request, in.LengthPrefixed(kMaxField));
      SSELAB_ASSIGN_OR_RETURN(ByteView reply, in.LengthPrefixed(kMaxField));
      if (request.size() != m.request_size || reply.size() != m.reply_size) {
        return in.Malformed("message sizes disagree with its bytes");
      }
      m.request = ToBytes(request);
      m.reply = ToBytes(reply);
    }
    op.messages.push_back(std::move(m));
  }
  SSELAB_ASSIGN_OR_RETURN(uint64_t accesses, Count(in));
  op.accesses.reserve(accesses);
  for (uint64_t i = 0; i < accesses; ++i) {
    storage::StoreAccess a{};
    SSELAB_ASSIGN_OR_RETURN(uint8_t code, in.U8());
    if (code > static_cast<uint8_t>(storage::StoreAccess::Op::kBulkLoad)) {
      return in.Malformed("unknown store operation " + std::to_string(code));
    }
    a.op = static_cast<storage::StoreAccess::Op>(code);
    SSELAB_ASSIGN_OR_RETURN(a.table, String(in));
    SSELAB_ASSIGN_OR_RETURN(ByteView key, in.LengthPrefixed(kMaxField));
    a.key = ToBytes(key);
    SSELAB_ASSIGN_OR_RETURN(a.value_size, in.Varint());
    SSELAB_ASSIGN_OR_RETURN(a.found, Flag(in));
    op.accesses.push_back(std::move(a));
  }
  SSELAB_ASSIGN_OR_RETURN(uint64_t stored, Count(in));
  op.stored.reserve(stored);
  for (uint64_t i = 0; i < stored; ++i) {
    StoredEntry e;
    SSELAB_ASSIGN_OR_RETURN(e.table, String(in));
    SSELAB_ASSIGN_OR_RETURN(ByteView key, in.LengthPrefixed(kMaxField));
    SSELAB_ASSIGN_OR_RETURN(ByteView value, in.LengthPrefixed(kMaxField));
    e.key = ToBytes(key);
    e.value = ToBytes(value);
    op.stored.push_back(std::move(e));
  }
  return op;
}

Result<ServerView> DecodeViewBody(ByteReader& in) {
  ServerView v;
  SSELAB_ASSIGN_OR_RETURN(v.scheme, String(in));
  SSELAB_ASSIGN_OR_RETURN(uint64_t params, Count(in));
  for (uint64_t i = 0; i < params; ++i) {
    SSELAB_ASSIGN_OR_RETURN(std::string p, String(in));
    v.params.push_back(std::move(p));
  }
  SSELAB_ASSIGN_OR_RETURN(uint64_t keys, Count(in));
  for (uint64_t i = 0; i < keys; ++i) {
    index::PublicKey k;
    SSELAB_ASSIGN_OR_RETURN(k.name, String(in));
    SSELAB_ASSIGN_OR_RETURN(ByteView encoding, in.LengthPrefixed(kMaxField));
    k.encoding = ToBytes(encoding);
    v.public_keys.push_back(std::move(k));
  }
  SSELAB_ASSIGN_OR_RETURN(uint64_t ops, Count(in));
  v.ops.reserve(ops);
  for (uint64_t i = 0; i < ops; ++i) {
    SSELAB_ASSIGN_OR_RETURN(ServerOp op, DecodeOp(in));
    v.ops.push_back(std::move(op));
  }
  SSELAB_RETURN_IF_ERROR(in.ExpectEnd());
  return v;
}

Result<GroundTruth> DecodeTruthBody(ByteReader& in, size_t view_ops) {
  GroundTruth g;
  SSELAB_ASSIGN_OR_RETURN(g.corpus, String(in));
  SSELAB_ASSIGN_OR_RETURN(g.documents, in.Varint());
  SSELAB_ASSIGN_OR_RETURN(g.keywords, in.Varint());
  SSELAB_ASSIGN_OR_RETURN(g.pairs, in.Varint());
  SSELAB_ASSIGN_OR_RETURN(uint64_t truths, Count(in));
  if (truths != view_ops) {
    return in.Malformed(std::to_string(truths) + " ground-truth records for " +
                        std::to_string(view_ops) + " operations");
  }
  for (uint64_t i = 0; i < truths; ++i) {
    OpTruth o;
    SSELAB_ASSIGN_OR_RETURN(o.keyword, String(in));
    SSELAB_ASSIGN_OR_RETURN(uint64_t ids, Count(in));
    o.ids.reserve(ids);
    for (uint64_t j = 0; j < ids; ++j) {
      SSELAB_ASSIGN_OR_RETURN(uint64_t id, in.Varint());
      o.ids.push_back(id);
    }
    SSELAB_ASSIGN_OR_RETURN(uint64_t keywords, Count(in));
    o.keywords.reserve(keywords);
    for (uint64_t j = 0; j < keywords; ++j) {
      SSELAB_ASSIGN_OR_RETURN(std::string w, String(in));
      o.keywords.push_back(std::move(w));
    }
    g.ops.push_back(std::move(o));
  }
  SSELAB_RETURN_IF_ERROR(in.ExpectEnd());
  return g;
}

Bytes Frame(std::string_view magic, ByteView body) {
  ByteWriter out(kHeaderSize + body.size() + kDigestSize);
  out.Raw(magic);
  out.U32(kTranscriptVersion);
  out.U64(body.size());
  out.Raw(body);
  out.Raw(crypto::Sha256(body));
  return out.Take();
}

// The body of a framed file, checked; `kind` names the file kind in errors.
Result<ByteView> Unframe(ByteView data, std::string_view magic, std::string_view kind,
                         const std::string& name) {
  bool magic_ok =
      data.size() >= kMagicSize && std::memcmp(data.data(), magic.data(), kMagicSize) == 0;
  if (!magic_ok) {
    return CorruptionError(name + ": not an sselab " + std::string(kind) + " (bad magic)");
  }
  if (data.size() < kHeaderSize + kDigestSize) {
    return CorruptionError(name + ": truncated " + std::string(kind) + " (" +
                           std::to_string(data.size()) + " bytes)");
  }
  ByteReader header(data.subspan(kMagicSize, 12), name);
  SSELAB_ASSIGN_OR_RETURN(uint32_t version, header.U32());
  SSELAB_ASSIGN_OR_RETURN(uint64_t length, header.U64());
  if (version < kOldestTranscriptVersion || version > kTranscriptVersion) {
    return CorruptionError(name + ": " + std::string(kind) + " format version " +
                           std::to_string(version) + ", this build reads versions " +
                           std::to_string(kOldestTranscriptVersion) + " to " +
                           std::to_string(kTranscriptVersion));
  }
  uint64_t available = data.size() - kHeaderSize - kDigestSize;
  if (length != available) {
    return CorruptionError(name + ": body length " + std::to_string(length) + " but " +
                           std::to_string(available) + " bytes present (" +
                           (length > available ? "truncated" : "trailing bytes") + ")");
  }
  ByteView body = data.subspan(kHeaderSize, length);
  crypto::Digest256 digest = crypto::Sha256(body);
  if (std::memcmp(digest.data(), data.data() + kHeaderSize + length, kDigestSize) != 0) {
    return CorruptionError(name + ": checksum mismatch (the file is damaged)");
  }
  return body;
}

}  // namespace

Bytes EncodeView(const ServerView& v) {
  ByteWriter body;
  body.LengthPrefixed(v.scheme);
  body.Varint(v.params.size());
  for (const std::string& p : v.params) body.LengthPrefixed(p);
  body.Varint(v.public_keys.size());
  for (const index::PublicKey& k : v.public_keys) {
    body.LengthPrefixed(k.name);
    body.LengthPrefixed(k.encoding);
  }
  body.Varint(v.ops.size());
  for (const ServerOp& op : v.ops) EncodeOp(op, body);
  return Frame(kViewMagic, body.bytes());
}

Result<ServerView> DecodeView(ByteView data, std::string_view what) {
  std::string name(what);
  SSELAB_ASSIGN_OR_RETURN(ByteView body, Unframe(data, kViewMagic, "server view", name));
  ByteReader in(body, name);
  return DecodeViewBody(in);
}

Bytes EncodeTruth(const GroundTruth& g, ByteView view_file) {
  ByteWriter body;
  body.Raw(crypto::Sha256(view_file));
  body.LengthPrefixed(g.corpus);
  body.Varint(g.documents);
  body.Varint(g.keywords);
  body.Varint(g.pairs);
  body.Varint(g.ops.size());
  for (const OpTruth& o : g.ops) {
    body.LengthPrefixed(o.keyword);
    body.Varint(o.ids.size());
    for (index::DocId id : o.ids) body.Varint(id);
    body.Varint(o.keywords.size());
    for (const std::string& w : o.keywords) body.LengthPrefixed(w);
  }
  return Frame(kTruthMagic, body.bytes());
}

Result<GroundTruth> DecodeTruth(ByteView data, ByteView view_file, size_t view_ops,
                                std::string_view what) {
  std::string name(what);
  SSELAB_ASSIGN_OR_RETURN(ByteView body, Unframe(data, kTruthMagic, "ground truth", name));
  crypto::Digest256 view_digest = crypto::Sha256(view_file);
  if (body.size() < kDigestSize || std::memcmp(body.data(), view_digest.data(), kDigestSize) != 0) {
    return CorruptionError(name + ": this ground truth was recorded with another server view");
  }
  ByteReader in(body.subspan(kDigestSize), name);
  return DecodeTruthBody(in, view_ops);
}

std::filesystem::path DefaultTruthPath(const std::filesystem::path& view_path) {
  std::filesystem::path p = view_path;
  p += ".truth";
  return p;
}

Status SaveTranscript(const Transcript& t, const std::filesystem::path& view_path,
                      const std::filesystem::path& truth_path) {
  Bytes view = EncodeView(t.view);
  if (!truth_path.empty()) {
    Bytes truth = EncodeTruth(t.truth, view);
    // The truth names keywords in the clear: the recording user's eyes only.
    SSELAB_RETURN_IF_ERROR(WriteFileAtomically(truth_path, AsChars(truth), 0600));
  }
  return WriteFileAtomically(view_path, AsChars(view));
}

Result<Transcript> LoadTranscript(const std::filesystem::path& view_path,
                                  const std::filesystem::path& truth_path) {
  SSELAB_ASSIGN_OR_RETURN(std::string view, ReadFileToString(view_path, kMaxFileBytes));
  Transcript t;
  SSELAB_ASSIGN_OR_RETURN(t.view, DecodeView(AsBytes(view), view_path.string()));
  if (truth_path.empty()) return t;
  SSELAB_ASSIGN_OR_RETURN(std::string truth, ReadFileToString(truth_path, kMaxFileBytes));
  SSELAB_ASSIGN_OR_RETURN(
      t.truth, DecodeTruth(AsBytes(truth), AsBytes(view), t.view.ops.size(), truth_path.string()));
  return t;
}

}  // namespace sselab::leakage
