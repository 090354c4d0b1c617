// The hash slot of a Redis Cluster key (the cluster specification, "Key distribution
// model"): CRC16-XMODEM of the key, or of its hash tag, modulo 16384. The hash tag is the
// text between the first '{' and the first '}' after it, when that text is not empty: keys
// with one tag live in one slot, hence on one node, and a Lua script or MULTI may touch
// them together.
#ifndef SSELAB_STORAGE_REDIS_KEY_SLOT_H_
#define SSELAB_STORAGE_REDIS_KEY_SLOT_H_

#include <cstdint>
#include <string_view>

namespace sselab::storage::redis {

inline constexpr uint16_t kSlotCount = 16384;

// CRC16 with polynomial 0x1021, initial value 0, no reflection (XMODEM); "123456789" gives
// 0x31C3.
uint16_t Crc16Xmodem(std::string_view data);
uint16_t KeySlot(std::string_view key);

}  // namespace sselab::storage::redis

#endif  // SSELAB_STORAGE_REDIS_KEY_SLOT_H_
