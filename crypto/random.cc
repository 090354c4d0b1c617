#include "crypto/random.h"

#include <cryptopp/osrng.h>

#include <cstring>
#include <memory>
#include <string>

#include "crypto/internal/fatal.h"

namespace sselab::crypto {
namespace {

std::unique_ptr<CryptoPP::NonblockingRng> OpenOsRng() {
  try {
    return std::make_unique<CryptoPP::NonblockingRng>();
  } catch (const CryptoPP::Exception& e) {
    internal::Fatal(std::string("cannot open the operating system's random generator: ") +
                    e.what());
  }
}

// One generator (one open /dev/urandom descriptor) per thread: NonblockingRng makes no
// thread-safety promise, and a per-thread object needs no lock.
CryptoPP::NonblockingRng& ThreadRng() {
  thread_local std::unique_ptr<CryptoPP::NonblockingRng> rng = OpenOsRng();
  return *rng;
}

}  // namespace

void RandomBytes(std::span<uint8_t> out) {
  if (out.empty()) return;
  try {
    ThreadRng().GenerateBlock(out.data(), out.size());
  } catch (const CryptoPP::Exception& e) {
    internal::Fatal(std::string("the operating system's random generator failed: ") + e.what());
  }
}

Bytes RandomBytes(size_t n) {
  Bytes out(n);
  RandomBytes(std::span<uint8_t>(out));
  return out;
}

uint64_t RandomU64() {
  uint8_t buf[sizeof(uint64_t)];
  RandomBytes(std::span<uint8_t>(buf));
  uint64_t v;
  std::memcpy(&v, buf, sizeof(v));
  return v;
}

}  // namespace sselab::crypto
