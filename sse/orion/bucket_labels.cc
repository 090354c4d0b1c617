#include "sse/orion/bucket_labels.h"

#include "base/codec.h"
#include "crypto/kdf.h"

namespace sselab::sse::orion {

Result<BucketLabels> BucketLabels::Create(const crypto::SecretKey& master) {
  SSELAB_ASSIGN_OR_RETURN(crypto::Prf prf,
                          crypto::Prf::Create(crypto::DeriveSubkey(master, "orion/buckets", 32)));
  return BucketLabels(std::move(prf));
}

Label BucketLabels::Of(uint8_t map, uint64_t bucket_id) const {
  uint8_t input[9];
  input[0] = map;
  StoreBe64(bucket_id, input + 1);
  return prf_.Eval(ByteView(input, sizeof input));
}

std::map<Label, const Bytes*> BucketLabels::Relabel(uint8_t map,
                                                    const oram::SealedBuckets& buckets) const {
  std::map<Label, const Bytes*> out;
  for (const auto& [id, sealed] : buckets) out.emplace(Of(map, id), &sealed);
  return out;
}

}  // namespace sselab::sse::orion
