#include "sse/oxt/oxt_server.h"

#include <algorithm>

#include "base/parallel.h"
#include "crypto/prf.h"
#include "crypto/ristretto255.h"
#include "sse/common/counter_walk.h"
#include "sse/common/keyword_keys.h"
#include "sse/oxt/xset.h"

namespace sselab::sse::oxt {
namespace {

using crypto::ristretto255::Point;
using crypto::ristretto255::Scalar;

// Rows are split over threads in ranges of at least this many: a row costs a group
// exponentiation per x-term (about 0.1 ms), a thread's start some microseconds.
constexpr size_t kMinChunk = 2;

}  // namespace

Result<Bytes> OxtServer::HandleRequest(uint8_t type, ByteReader& body) {
  switch (type) {
    case kSearch:
      return Search(body);
    default:
      return UnknownRequest(type);
  }
}

Result<std::shared_ptr<const XSetBloom>> OxtServer::Bloom() {
  std::lock_guard<std::mutex> lock(bloom_mu_);
  if (bloom_ != nullptr) return bloom_;
  uint64_t keys = 0;
  SSELAB_RETURN_IF_ERROR(store_.Scan(kXSetTable, {}, [&keys](ByteView, ByteView) {
    ++keys;
    return true;
  }));
  auto bloom = std::make_shared<XSetBloom>(keys, xset_.bloom_fp);
  Status malformed = OkStatus();
  SSELAB_RETURN_IF_ERROR(store_.Scan(kXSetTable, {}, [&](ByteView key, ByteView) {
    if (key.size() != kXTagKeySize) {
      malformed = CorruptionError("oxt XSet key of " + std::to_string(key.size()) +
                                  " bytes, expected " + std::to_string(kXTagKeySize));
      return false;
    }
    XSetKey k{};
    std::copy(key.begin(), key.end(), k.begin());
    bloom->Add(k);
    return true;
  }));
  SSELAB_RETURN_IF_ERROR(malformed);
  bloom_ = std::move(bloom);
  return bloom_;
}

Result<Bytes> OxtServer::Search(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(crypto::BlockPrf stag, ReadBlockPrf(body));
  SSELAB_ASSIGN_OR_RETURN(uint64_t x, body.Varint());
  if (x > kMaxXTerms) return body.Malformed("more x-terms than " + std::to_string(kMaxXTerms));
  SSELAB_ASSIGN_OR_RETURN(uint64_t m, body.Varint());
  if (x == 0 && m != 0) return body.Malformed("xtoken rows without x-terms");
  if (x > 0 && m > body.remaining() / (x * kXTokenSize)) {
    return body.Malformed("more xtoken rows than the request holds");
  }
  SSELAB_ASSIGN_OR_RETURN(ByteView xtokens, body.Raw(m * x * kXTokenSize));
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(SetupComplete());

  // t ← TSetRetrieve(TSet, stag): the s-term's tuples (e, y), in counter order.
  Bytes tuples;
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, CollectCounterValues(store_, kTSetTable, stag, 1, 1,
                                                           kTupleSize, "oxt TSet entry", tuples));
  if (x > 0 && m != n) {
    return CorruptionError("oxt search request: " + std::to_string(m) +
                           " rows of xtokens for an s-term of " + std::to_string(n) +
                           " entries (the client's counts and the index disagree)");
  }

  // for c: if xtoken[c, i]^y ∈ XSet for every i, send e. A row stops at its first
  // failed test: the server learns no more by skipping the rest. Rows run on every core.
  std::vector<uint8_t> match(n, x == 0 ? 1 : 0);
  std::shared_ptr<const XSetBloom> bloom;
  if (x > 0 && xset_.bloom_fp > 0) {
    SSELAB_ASSIGN_OR_RETURN(bloom, Bloom());
  }
  if (x > 0) {
    SSELAB_RETURN_IF_ERROR(ParallelTry(n, kMinChunk, [&](size_t begin, size_t end) -> Status {
      for (size_t c = begin; c < end; ++c) {
        auto y = Scalar::FromCanonical(
            ByteView(tuples).subspan(c * kTupleSize + kEntryCipherSize, kYSize));
        if (!y.ok()) {
          return CorruptionError("oxt TSet entry " + std::to_string(c) +
                                 ": y is not a scalar below the group order");
        }
        bool all = true;
        for (size_t i = 0; i < x && all; ++i) {
          auto xtag = Point::DecodeMul(xtokens.subspan((c * x + i) * kXTokenSize, kXTokenSize), *y);
          if (!xtag.ok()) {
            return CorruptionError("oxt search request: xtoken (row " + std::to_string(c) +
                                   ", term " + std::to_string(i) + "): " + xtag.error().message());
          }
          const XSetKey key = XSetKeyOf(*xtag);
          if (bloom != nullptr) {
            all = bloom->MayContain(key);
            continue;
          }
          SSELAB_ASSIGN_OR_RETURN(std::optional<Bytes> member, store_.Get(kXSetTable, key));
          all = member.has_value();
        }
        match[c] = all ? 1 : 0;
      }
      return OkStatus();
    }));
  }
  ByteWriter out;
  uint64_t k = 0;
  for (uint8_t hit : match) k += hit;
  out.Varint(k);
  for (size_t c = 0; c < n; ++c) {
    if (match[c]) out.Raw(ByteView(tuples).subspan(c * kTupleSize, kEntryCipherSize));
  }
  return out.Take();
}

}  // namespace sselab::sse::oxt
