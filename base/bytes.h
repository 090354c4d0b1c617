// Byte strings: owned (`Bytes`) and borrowed (`ByteView`), with conversions and hex.
#ifndef SSELAB_BASE_BYTES_H_
#define SSELAB_BASE_BYTES_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace sselab {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

inline ByteView AsBytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
inline std::string_view AsChars(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}
inline Bytes ToBytes(std::string_view s) { return {s.begin(), s.end()}; }
inline Bytes ToBytes(ByteView b) { return {b.begin(), b.end()}; }
inline std::string ToString(ByteView b) { return std::string(AsChars(b)); }

inline bool Equal(ByteView a, ByteView b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// Lower-case hex. Not for secrets: SecretKey has no path to this function.
std::string HexEncode(ByteView data);
// Accepts upper or lower case; rejects odd length and non-hex characters.
Result<Bytes> HexDecode(std::string_view hex);

}  // namespace sselab

#endif  // SSELAB_BASE_BYTES_H_
