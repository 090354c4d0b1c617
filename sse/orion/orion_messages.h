// Orion wire format and key schema (Chamani, Papadopoulos, Papamanthou, Jalili, CCS 2018,
// the Type-I scheme; papers/orion.md).
//
// The server holds two Path ORAM trees of sealed buckets (sse/oram/), one per oblivious map,
// each bucket under its label (bucket_labels.h: 16 bytes, a PRF of the map and bucket id):
//   table `orion_upd`: OMAP_upd, label -> sealed bucket
//   table `orion_src`: OMAP_src, the same layout
// It never decrypts a bucket and decides nothing: it reads paths and stores buckets.
// Requests (map: 0 = OMAP_upd, 1 = OMAP_src):
//   0x30 ReadPath:     U8 map | varint n (1 .. kMaxPathBuckets) | n × label (16)
//   0x31 WriteBuckets: lp payload | SHA-256(payload) (32), where payload =
//                      2 × (varint n | n × (label (16) | lp sealed bucket)), OMAP_upd's
//                      then OMAP_src's, labels strictly ascending within each map.
//                      The digest is transport integrity, not authentication (the server
//                      holds no key): a damaged message is refused instead of storing
//                      damaged buckets, which the client would only find on its next read.
//   setup (setup_protocol.h): the bulk-built trees, one table each, then SetupCommit
// Replies:
//   ReadPath:     varint n | n × lp sealed bucket, in request order (empty: never written)
//   WriteBuckets: empty
// WriteBuckets puts every bucket of both maps in one atomic write; putting the same set
// twice (a journal replay) leaves the same trees.
//
// The client state (table `orion` of the client-state store) holds the two maps'
// SaveState() blobs under keys "upd" and "src": stash, root, sizes; no keyword; and under
// "capacity" the maps' capacity (BE64), written by the build; under "pending" the sealed
// operation in flight (pending_operation.h), erased by the commit that ends it.
#ifndef SSELAB_SSE_ORION_ORION_MESSAGES_H_
#define SSELAB_SSE_ORION_ORION_MESSAGES_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sselab::sse::orion {

inline constexpr std::string_view kUpdTable = "orion_upd";
inline constexpr std::string_view kSrcTable = "orion_src";
inline constexpr std::string_view kStateTable = "orion";
inline constexpr std::string_view kUpdStateKey = "upd";
inline constexpr std::string_view kSrcStateKey = "src";
inline constexpr std::string_view kCapacityStateKey = "capacity";  // BE64, set by the build
inline constexpr std::string_view kPendingStateKey = "pending";    // pending_operation.h

inline constexpr uint8_t kReadPath = 0x30;
inline constexpr uint8_t kWriteBuckets = 0x31;

inline constexpr uint8_t kMapUpd = 0;
inline constexpr uint8_t kMapSrc = 1;

// A path has height + 1 buckets, height <= 40 (sse/oram/tree_layout.h, kMaxHeight).
inline constexpr uint64_t kMaxPathBuckets = 41;
// A sealed bucket is far smaller; anything larger is refused before it is stored.
inline constexpr uint64_t kMaxBucketBytes = uint64_t{1} << 20;
// The most bytes of one WriteBuckets payload.
inline constexpr uint64_t kMaxWriteBytes = uint64_t{1} << 36;
inline constexpr size_t kDigestSize = 32;
// A bucket's label on the server (bucket_labels.h).
inline constexpr size_t kLabelSize = 16;

// OMAP keys are 16-byte PRF outputs; both maps' values are 8 bytes (BE64).
inline constexpr size_t kKeySize = 16;
inline constexpr size_t kValueSize = 8;

}  // namespace sselab::sse::orion

#endif  // SSELAB_SSE_ORION_ORION_MESSAGES_H_
