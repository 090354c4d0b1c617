#include "crypto/prf.h"

#include <cryptopp/aes.h>
#include <cryptopp/cmac.h>
#include <cryptopp/misc.h>
#include <cryptopp/modes.h>

#include <algorithm>
#include <optional>
#include <string>

#include "crypto/internal/aes128_ni.h"
#include "crypto/internal/fatal.h"

namespace sselab::crypto {
namespace {

static_assert(sizeof(Block) == CryptoPP::AES::BLOCKSIZE, "Block must be one AES block");

// Counter blocks are encrypted in chunks of this many blocks: large enough for the AES-NI
// pipeline (Crypto++ interleaves 4-8 blocks), small enough to stay in L1 between the fill
// and the encryption pass.
constexpr size_t kCounterChunk = 256;

constexpr size_t kMaxSecretKeySize = 1024;  // SecretKey::FromBytes's limit

bool IsAesKeySize(size_t n) { return n == 16 || n == 24 || n == 32; }

Error BadKeySize(std::string_view what, size_t n) {
  return InvalidArgumentError(std::string(what) + " key must be 16, 24 or 32 bytes (AES), got " +
                              std::to_string(n));
}

void StoreBe32(uint32_t v, uint8_t* out) {
  for (int i = 3; i >= 0; --i) {
    out[i] = static_cast<uint8_t>(v);
    v >>= 8;
  }
}

uint8_t* AsBytePtr(Block* b) { return reinterpret_cast<uint8_t*>(b); }
const uint8_t* AsBytePtr(const Block* b) { return reinterpret_cast<const uint8_t*>(b); }

}  // namespace

// ---- Prf: AES-CMAC ----

struct Prf::Impl {
  mutable CryptoPP::CMAC<CryptoPP::AES> cmac;
};

Prf::Prf(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Prf::Prf(Prf&&) noexcept = default;
Prf& Prf::operator=(Prf&&) noexcept = default;
Prf::~Prf() = default;

Result<Prf> Prf::Create(const SecretKey& key) {
  if (!IsAesKeySize(key.size())) return BadKeySize("PRF (AES-CMAC)", key.size());
  try {
    auto impl = std::make_unique<Impl>();
    impl->cmac.SetKey(key.UnsafeBytes().data(), key.size());
    return Prf(std::move(impl));
  } catch (const CryptoPP::Exception& e) {
    return InternalError(std::string("AES-CMAC key setup failed: ") + e.what());
  }
}

Block Prf::Eval(ByteView input) const {
  Block out;
  impl_->cmac.CalculateDigest(out.data(), input.data(), input.size());
  return out;
}

void Prf::Expand(ByteView input, std::span<uint8_t> out) const {
  if (out.size() > (uint64_t{1} << 32) * kOutputSize) {
    internal::Fatal("Prf::Expand: more than 2^32 output blocks requested");
  }
  CryptoPP::CMAC<CryptoPP::AES>& cmac = impl_->cmac;
  Block last;
  uint8_t counter[4];
  uint32_t i = 0;
  for (size_t offset = 0; offset < out.size(); offset += kOutputSize, ++i) {
    StoreBe32(i, counter);
    cmac.Update(counter, sizeof(counter));
    cmac.Update(input.data(), input.size());
    size_t n = std::min(kOutputSize, out.size() - offset);
    if (n == kOutputSize) {
      cmac.Final(out.data() + offset);
    } else {
      cmac.Final(last.data());
      std::copy_n(last.begin(), n, out.begin() + static_cast<std::ptrdiff_t>(offset));
      CryptoPP::SecureWipeArray(last.data(), last.size());
    }
  }
}

SecretKey Prf::DeriveKey(ByteView input, size_t size) const {
  if (size == 0 || size > kMaxSecretKeySize) {
    internal::Fatal("Prf::DeriveKey: key size " + std::to_string(size) +
                    " is outside 1..1024 bytes");
  }
  // Wiped when freed; off the heap for the sizes SecretKey keeps inline.
  CryptoPP::SecBlockWithHint<CryptoPP::byte, SecretKey::kInlineBytes> buf(size);
  Expand(input, std::span<uint8_t>(buf.data(), buf.size()));
  return std::move(SecretKey::FromBytes(ByteView(buf.data(), buf.size()))).value();
}

// ---- BlockPrf: AES on single blocks ----

struct BlockPrf::Impl {
  // AES-128 where the processor has AES-NI: the schedule is set up in place, with none of
  // the heap allocations of a Crypto++ object (crypto/internal/aes128_ni.h).
  bool ni = false;
  internal::Aes128Schedule schedule;
  // Otherwise (AES-192/256, or no AES-NI): ECB's ProcessData hands whole buffers to
  // AES::AdvancedProcessBlocks with BT_AllowParallel, Crypto++'s pipelined path.
  mutable std::optional<CryptoPP::ECB_Mode<CryptoPP::AES>::Encryption> ecb;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  // Round key 0 is the key itself: wiped as Crypto++ wipes its own schedules.
  ~Impl() {
    CryptoPP::SecureWipeBuffer(reinterpret_cast<CryptoPP::byte*>(schedule.round_keys.data()),
                               sizeof(schedule.round_keys));
  }

  void Encrypt(const Block* in, Block* out, size_t n) const {
    if (ni) {
      internal::Aes128EncryptBlocks(schedule, in, out, n);
    } else {
      ecb->ProcessData(AsBytePtr(out), AsBytePtr(in), n * sizeof(Block));
    }
  }
};

BlockPrf::BlockPrf(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BlockPrf::BlockPrf(BlockPrf&&) noexcept = default;
BlockPrf& BlockPrf::operator=(BlockPrf&&) noexcept = default;
BlockPrf::~BlockPrf() = default;

Result<BlockPrf> BlockPrf::Create(const SecretKey& key) {
  if (!IsAesKeySize(key.size())) return BadKeySize("block PRF (AES)", key.size());
  try {
    auto impl = std::make_unique<Impl>();
    if (key.size() == 16 && internal::HaveAesNi()) {
      impl->ni = true;
      internal::Aes128Expand(key.UnsafeBytes().data(), impl->schedule);
    } else {
      impl->ecb.emplace().SetKey(key.UnsafeBytes().data(), key.size());
    }
    return BlockPrf(std::move(impl));
  } catch (const CryptoPP::Exception& e) {
    return InternalError(std::string("AES key setup failed: ") + e.what());
  }
}

Block BlockPrf::Eval(const Block& input) const {
  Block out;
  impl_->Encrypt(&input, &out, 1);
  return out;
}

void BlockPrf::EvalBlocks(std::span<const Block> in, std::span<Block> out) const {
  if (in.size() != out.size()) {
    internal::Fatal("BlockPrf::EvalBlocks: input and output spans differ in size");
  }
  if (in.empty()) return;
  impl_->Encrypt(in.data(), out.data(), in.size());
}

void BlockPrf::EvalCounters(uint64_t start, std::span<Block> out) const {
  for (size_t done = 0; done < out.size(); done += kCounterChunk) {
    std::span<Block> chunk = out.subspan(done, std::min(kCounterChunk, out.size() - done));
    for (size_t i = 0; i < chunk.size(); ++i) chunk[i] = CounterBlock(start + done + i);
    impl_->Encrypt(chunk.data(), chunk.data(), chunk.size());
  }
}

Block BlockPrf::CounterBlock(uint64_t c) {
  Block b{};
  for (int i = 7; i >= 0; --i) {
    b[static_cast<size_t>(i)] = static_cast<uint8_t>(c);
    c >>= 8;
  }
  return b;
}

}  // namespace sselab::crypto
