// BucketLabels: the names under which Orion's server stores its buckets.
//
// Path ORAM's server knows the tree: bucket ids are positions (root 1, children 2i and
// 2i + 1). Stored under those ids, a copy of the server's disk shows the tree's shape
// (which positions hold a bucket, which are siblings) and bucket b of one tree next to
// bucket b of the other. The client names each bucket instead by a PRF of its map and id,
//   label(map, id) = F(K_label, map ‖ BE64 id), 16 bytes,
// and sends labels, not ids, in every request: at rest the server holds 16-byte random
// keys with no order or prefix structure, and the two trees share none. Its access
// pattern is unchanged (every ReadPath still names the root's label), so what a live
// server learns is what Path ORAM grants it; only the store at rest hides more.
// PathOram binds each sealed bucket to its id (bucket.h): a server serving one label's
// bytes for another is caught on the client.
#ifndef SSELAB_SSE_ORION_BUCKET_LABELS_H_
#define SSELAB_SSE_ORION_BUCKET_LABELS_H_

#include <cstdint>
#include <map>
#include <memory>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/prf.h"
#include "sse/oram/bucket_store.h"
#include "sse/orion/orion_messages.h"

namespace sselab::sse::orion {

static_assert(kLabelSize == crypto::Prf::kOutputSize);

using Label = crypto::Block;

class BucketLabels {
 public:
  // F keyed by a subkey of `master` (purpose "orion/buckets").
  static Result<BucketLabels> Create(const crypto::SecretKey& master);

  Label Of(uint8_t map, uint64_t bucket_id) const;

  // `buckets` by label, ascending (the order WriteBuckets and the setup send them in).
  std::map<Label, const Bytes*> Relabel(uint8_t map, const oram::SealedBuckets& buckets) const;

 private:
  explicit BucketLabels(crypto::Prf prf) : prf_(std::move(prf)) {}
  crypto::Prf prf_;
};

}  // namespace sselab::sse::orion

#endif  // SSELAB_SSE_ORION_BUCKET_LABELS_H_
