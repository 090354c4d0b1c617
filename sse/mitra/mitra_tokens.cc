#include "sse/mitra/mitra_tokens.h"

#include "base/codec.h"
#include "crypto/ggm.h"

namespace sselab::sse::mitra {

UpdateTokens TokensOf(const crypto::Block& keyword_key, uint64_t counter) {
  crypto::Block in0{}, in1{};
  StoreBe64(counter, in0.data());
  StoreBe64(counter, in1.data());
  in1[15] = 1;
  UpdateTokens out;
  crypto::AesEncryptPair(keyword_key, in0, in1, out.addr, out.pad);
  return out;
}

}  // namespace sselab::sse::mitra
