#include "sse/sophos/sophos_tokens.h"

#include "base/codec.h"

namespace sselab::sse::sophos {

Result<EntryHasher> EntryHasher::Create(const crypto::SecretKey& k_w) {
  SSELAB_ASSIGN_OR_RETURN(crypto::Prf prf, crypto::Prf::Create(k_w));
  return EntryHasher(std::move(prf));
}

ByteView EntryHasher::Input(uint8_t domain, ByteView st) {
  input_.resize(1 + st.size());
  input_[0] = domain;
  std::copy(st.begin(), st.end(), input_.begin() + 1);
  return input_;
}

crypto::Block EntryHasher::Token(ByteView st) { return prf_.Eval(Input(0x01, st)); }

uint64_t EntryHasher::Mask(ByteView st, uint64_t value) {
  const crypto::Block pad = prf_.Eval(Input(0x02, st));
  return value ^ LoadBe64(pad.data());
}

}  // namespace sselab::sse::sophos
