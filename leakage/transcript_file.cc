#include "leakage/transcript_file.h"

#include <cstring>
#include <string>

#include "base/codec.h"
#include "base/files.h"
#include "crypto/hash.h"

namespace sselab::leakage {
namespace {

constexpr std::string_view kMagic = "SSELTRN1";
constexpr size_t kHeaderSize = 8 + 4 + 8;
constexpr size_t kDigestSize = 32;
constexpr size_t kMaxField = size_t{1} << 32;
constexpr uint64_t kMaxFileBytes = uint64_t{16} << 30;

// Body encoding:
//   view:  lp scheme | varint #params | lp param... | varint #ops | op...
//   op:    u8 kind | varint #messages | message... | varint #accesses | access...
//   message: u8 elided | varint request_size | varint reply_size
//            [| lp request | lp reply, unless elided]
//   access:  u8 op | lp table | lp key | varint value_size | u8 found
//   truth: lp corpus | varint documents | varint keywords | varint pairs | varint #ops |
//          per op: lp keyword | varint #ids | varint id...
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
  if (kind > static_cast<uint8_t>(OpKind::kRemove)) {
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
  return op;
}

Result<Transcript> DecodeBody(ByteReader& in) {
  Transcript t;
  SSELAB_ASSIGN_OR_RETURN(t.view.scheme, String(in));
  SSELAB_ASSIGN_OR_RETURN(uint64_t params, Count(in));
  for (uint64_t i = 0; i < params; ++i) {
    SSELAB_ASSIGN_OR_RETURN(std::string p, String(in));
    t.view.params.push_back(std::move(p));
  }
  SSELAB_ASSIGN_OR_RETURN(uint64_t ops, Count(in));
  t.view.ops.reserve(ops);
  for (uint64_t i = 0; i < ops; ++i) {
    SSELAB_ASSIGN_OR_RETURN(ServerOp op, DecodeOp(in));
    t.view.ops.push_back(std::move(op));
  }
  GroundTruth& g = t.truth;
  SSELAB_ASSIGN_OR_RETURN(g.corpus, String(in));
  SSELAB_ASSIGN_OR_RETURN(g.documents, in.Varint());
  SSELAB_ASSIGN_OR_RETURN(g.keywords, in.Varint());
  SSELAB_ASSIGN_OR_RETURN(g.pairs, in.Varint());
  SSELAB_ASSIGN_OR_RETURN(uint64_t truths, Count(in));
  if (truths != ops) {
    return in.Malformed(std::to_string(truths) + " ground-truth records for " +
                        std::to_string(ops) + " operations");
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
    g.ops.push_back(std::move(o));
  }
  SSELAB_RETURN_IF_ERROR(in.ExpectEnd());
  return t;
}

}  // namespace

Bytes EncodeTranscript(const Transcript& t) {
  ByteWriter body;
  body.LengthPrefixed(t.view.scheme);
  body.Varint(t.view.params.size());
  for (const std::string& p : t.view.params) body.LengthPrefixed(p);
  body.Varint(t.view.ops.size());
  for (const ServerOp& op : t.view.ops) EncodeOp(op, body);
  const GroundTruth& g = t.truth;
  body.LengthPrefixed(g.corpus);
  body.Varint(g.documents);
  body.Varint(g.keywords);
  body.Varint(g.pairs);
  body.Varint(g.ops.size());
  for (const OpTruth& o : g.ops) {
    body.LengthPrefixed(o.keyword);
    body.Varint(o.ids.size());
    for (index::DocId id : o.ids) body.Varint(id);
  }
  ByteWriter out(kHeaderSize + body.size() + kDigestSize);
  out.Raw(kMagic);
  out.U32(kTranscriptVersion);
  out.U64(body.size());
  out.Raw(body.bytes());
  out.Raw(crypto::Sha256(body.bytes()));
  return out.Take();
}

Result<Transcript> DecodeTranscript(ByteView data, std::string_view what) {
  std::string name(what);
  if (data.size() < kHeaderSize + kDigestSize ||
      std::memcmp(data.data(), kMagic.data(), kMagic.size()) != 0) {
    if (data.size() >= kMagic.size() &&
        std::memcmp(data.data(), kMagic.data(), kMagic.size()) == 0) {
      return CorruptionError(name + ": truncated transcript (" + std::to_string(data.size()) +
                             " bytes)");
    }
    return CorruptionError(name + ": not an sselab transcript (bad magic)");
  }
  ByteReader header(data.subspan(kMagic.size(), 12), name);
  SSELAB_ASSIGN_OR_RETURN(uint32_t version, header.U32());
  SSELAB_ASSIGN_OR_RETURN(uint64_t length, header.U64());
  if (version != kTranscriptVersion) {
    return CorruptionError(name + ": transcript format version " + std::to_string(version) +
                           ", this build reads version " + std::to_string(kTranscriptVersion));
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
  ByteReader in(body, name);
  return DecodeBody(in);
}

Status SaveTranscript(const Transcript& t, const std::filesystem::path& path) {
  Bytes data = EncodeTranscript(t);
  return WriteFileAtomically(path, AsChars(data));
}

Result<Transcript> LoadTranscript(const std::filesystem::path& path) {
  SSELAB_ASSIGN_OR_RETURN(std::string data, ReadFileToString(path, kMaxFileBytes));
  return DecodeTranscript(AsBytes(data), path.string());
}

}  // namespace sselab::leakage
