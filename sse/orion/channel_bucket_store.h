// ChannelBucketStore: the client's oram::BucketStore for Orion — reads the buckets of one
// of the server's two trees through the index::Channel (orion_messages.h, ReadPath),
// naming each bucket by its label (bucket_labels.h).
//
// One Read is one ReadPath message, hence one round trip: a Path ORAM access costs one
// round, an oblivious-map operation accesses_per_operation() rounds. The server's bytes
// are returned as they came; PathOram authenticates every bucket (bucket.h).
//
// Thread safety: as the Channel's; one PathOram uses it at a time. `channel` outlives it.
#ifndef SSELAB_SSE_ORION_CHANNEL_BUCKET_STORE_H_
#define SSELAB_SSE_ORION_CHANNEL_BUCKET_STORE_H_

#include <cstdint>
#include <span>
#include <vector>

#include "index/channel.h"
#include "sse/oram/bucket_store.h"
#include "sse/orion/bucket_labels.h"

namespace sselab::sse::orion {

class ChannelBucketStore : public oram::BucketStore {
 public:
  // `map` is kMapUpd or kMapSrc; buckets are named by `labels`. Both outlive the object.
  ChannelBucketStore(index::Channel& channel, uint8_t map, const BucketLabels& labels)
      : channel_(&channel), map_(map), labels_(&labels) {}

  // The channel's errors; kCorruption if the reply does not parse or does not hold one
  // bucket per id.
  Result<std::vector<Bytes>> Read(std::span<const uint64_t> bucket_ids) override;

 private:
  index::Channel* channel_;
  uint8_t map_;
  const BucketLabels* labels_;
};

}  // namespace sselab::sse::orion

#endif  // SSELAB_SSE_ORION_CHANNEL_BUCKET_STORE_H_
