// libFuzzer target for the point and GT decoders: any input must be rejected with an
// error or decode to a point that re-encodes to the same bytes; nothing may crash.
// Build: cmake -DSSELAB_BUILD_FUZZERS=ON -DCMAKE_CXX_COMPILER=clang++ ... (needs
// libclang-rt with the fuzzer runtime), then ./pairing_decode_fuzzer.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "crypto/pairing/encoding.h"
#include "crypto/pairing/gt.h"

using namespace sselab;
using namespace sselab::crypto::pairing;

template <typename P, typename Enc>
static void CheckCanonical(const Result<P>& r, const uint8_t* data, size_t size, Enc encode) {
  if (!r.ok()) return;
  const auto back = encode(*r);
  if (back.size() != size || std::memcmp(back.data(), data, size) != 0) std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const ByteView in(data, size);
  CheckCanonical(G1FromCompressed(in), data, size, G1ToCompressed);
  CheckCanonical(G1FromUncompressed(in), data, size, G1ToUncompressed);
  CheckCanonical(G2FromCompressed(in), data, size, G2ToCompressed);
  CheckCanonical(G2FromUncompressed(in), data, size, G2ToUncompressed);
  if (size == Gt::kBytes) (void)Gt::FromBytes(in);
  return 0;
}
