#include "sse/orion/channel_bucket_store.h"

#include <string>

#include "index/message.h"
#include "sse/orion/orion_messages.h"

namespace sselab::sse::orion {

Result<std::vector<Bytes>> ChannelBucketStore::Read(std::span<const uint64_t> bucket_ids) {
  ByteWriter w(16 + kLabelSize * bucket_ids.size());
  index::BeginRequest(kReadPath, w);
  w.U8(map_);
  w.Varint(bucket_ids.size());
  for (uint64_t id : bucket_ids) {
    const Label label = labels_->Of(map_, id);
    w.Raw(ByteView(label.data(), label.size()));
  }
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_->Call(w.bytes()));
  ByteReader r(reply, "orion read-path reply");
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, r.Varint());
  if (n != bucket_ids.size()) {
    return r.Malformed(std::to_string(n) + " buckets for a path of " +
                       std::to_string(bucket_ids.size()));
  }
  std::vector<Bytes> buckets;
  buckets.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    SSELAB_ASSIGN_OR_RETURN(ByteView b, r.LengthPrefixed(kMaxBucketBytes));
    buckets.push_back(ToBytes(b));
  }
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  return buckets;
}

}  // namespace sselab::sse::orion
