#include "sse/common/keyword_keys.h"

#include <algorithm>
#include <array>
#include <span>

#include "crypto/kdf.h"

namespace sselab::sse {

Result<KeywordKeys> KeywordKeys::Create(const crypto::SecretKey& master, std::string_view purpose) {
  crypto::SecretKey k = crypto::DeriveSubkey(master, purpose, 32);
  SSELAB_ASSIGN_OR_RETURN(crypto::Prf prf, crypto::Prf::Create(k));
  return KeywordKeys(std::move(prf));
}

crypto::SecretKey KeywordKeys::Derive(uint8_t i, std::string_view keyword) const {
  // i || w, on the stack for the keywords of ordinary length (a search derives two or three).
  constexpr size_t kStackInput = 128;
  std::array<uint8_t, kStackInput> stack;
  Bytes heap;
  std::span<uint8_t> input;
  if (keyword.size() < kStackInput) {
    input = std::span<uint8_t>(stack).first(keyword.size() + 1);
  } else {
    heap.resize(keyword.size() + 1);
    input = heap;
  }
  input[0] = i;
  std::copy(keyword.begin(), keyword.end(), input.begin() + 1);
  return prf_.DeriveKey(input, kKeywordKeyBytes);
}

crypto::Block KeywordKeys::DeriveBlock(uint8_t i, std::string_view keyword) const {
  const crypto::SecretKey k = Derive(i, keyword);
  crypto::Block b{};
  std::copy_n(k.UnsafeBytes().begin(), b.size(), b.begin());
  return b;
}

Result<crypto::BlockPrf> KeywordKeys::BlockPrfFor(uint8_t i, std::string_view keyword) const {
  return crypto::BlockPrf::Create(Derive(i, keyword));
}

Result<crypto::BlockPrf> ReadBlockPrf(ByteReader& request) {
  SSELAB_ASSIGN_OR_RETURN(ByteView bytes, request.Raw(kKeywordKeyBytes));
  SSELAB_ASSIGN_OR_RETURN(crypto::SecretKey key, crypto::SecretKey::FromBytes(bytes));
  return crypto::BlockPrf::Create(key);
}

}  // namespace sselab::sse
