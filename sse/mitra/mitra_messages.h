// Mitra wire format and key schema (Chamani, Papadopoulos, Papamanthou, Jalili, CCS 2018,
// Alg. 2; papers/cppj18.md).
//
// Table `mitra`: addr (16 bytes) -> val (9 bytes), one entry per update:
//   addr = G(K_w, c || 0), val = (BE64(id) || op) XOR G(K_w, c || 1)[0..9),
//   K_w = F(K, w), c = w's update counter, op = 0 (add) or 1 (remove).
// Requests:
//   0x20 Search: varint n | n × addr (16)      (the addresses of all n updates of w)
//   0x21 Update: varint n (>= 1) | n × (addr (16) | val (9)), sorted by addr
// Replies:
//   Search: varint n | n × val (9), in request order
//   Update: empty
// The client state holds, per keyword, the count of its updates (keyword_counters.h).
#ifndef SSELAB_SSE_MITRA_MITRA_MESSAGES_H_
#define SSELAB_SSE_MITRA_MITRA_MESSAGES_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sselab::sse::mitra {

inline constexpr std::string_view kTable = "mitra";
inline constexpr uint8_t kSearch = 0x20;
inline constexpr uint8_t kUpdate = 0x21;
inline constexpr size_t kAddrSize = 16;
inline constexpr size_t kValueSize = 9;
inline constexpr uint8_t kOpAdd = 0;
inline constexpr uint8_t kOpRemove = 1;
// The server looks entries up in batches of this many addresses.
inline constexpr size_t kLookupBatch = 4096;
// A keyword's counter is 64 bits; a search request for more than this many updates is
// refused before it is read (it would not fit in memory anyway).
inline constexpr uint64_t kMaxCount = uint64_t{1} << 40;

}  // namespace sselab::sse::mitra

#endif  // SSELAB_SSE_MITRA_MITRA_MESSAGES_H_
